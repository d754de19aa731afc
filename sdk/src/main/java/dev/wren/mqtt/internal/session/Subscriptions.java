package dev.wren.mqtt.internal.session;

import dev.wren.mqtt.internal.codec.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The topic filters the application subscribed to, each with its handler. Thread-safe: callers
 * change it while the I/O thread matches; reads take no lock (copy on write, since subscriptions
 * change rarely and messages arrive often).
 *
 * @param <H> the handler type
 */
public final class Subscriptions<H> {
  private final CopyOnWriteArrayList<Entry<H>> entries = new CopyOnWriteArrayList<>();

  /** Adds {@code filter}, replacing the handler of an equal filter. */
  public synchronized void put(String filter, H handler) {
    remove(filter);
    entries.add(new Entry<>(filter, handler));
  }

  /** Removes {@code filter}; false if it was not there. */
  public synchronized boolean remove(String filter) {
    for (Entry<H> entry : entries) {
      if (entry.filter.equals(filter)) return entries.remove(entry);
    }
    return false;
  }

  /**
   * The handlers of every filter that matches {@code topic}, in subscription order, each handler
   * once: one handler behind overlapping filters ("a/#" and "a/+") sees a message once.
   */
  public List<H> match(String topic) {
    List<H> result = null;
    for (Entry<H> entry : entries) {
      if (Topics.matches(entry.filter, topic)) {
        if (result == null) result = new ArrayList<>(2);
        if (!containsSame(result, entry.handler)) result.add(entry.handler);
      }
    }
    return result == null ? Collections.<H>emptyList() : result;
  }

  /** By identity: two equal-but-distinct handlers are two handlers. */
  private static <H> boolean containsSame(List<H> handlers, H handler) {
    for (H h : handlers) {
      if (h == handler) return true;
    }
    return false;
  }

  private static final class Entry<H> {
    final String filter;
    final H handler;

    Entry(String filter, H handler) {
      this.filter = filter;
      this.handler = handler;
    }
  }
}
