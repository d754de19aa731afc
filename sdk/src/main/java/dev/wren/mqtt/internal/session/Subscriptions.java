package dev.wren.mqtt.internal.session;

import dev.wren.mqtt.internal.codec.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The topic filters the application subscribed to, each with its handler. Thread-safe: callers
 * change it while the I/O thread matches; reads take no lock (copy on write, since subscriptions
 * change rarely and messages arrive often).
 *
 * @param <H> the handler type
 */
public final class Subscriptions<H> {
  private static final Entry<?>[] NONE = new Entry<?>[0];

  /** Replaced, never changed, under this object's lock. */
  private volatile Entry<?>[] entries = NONE;

  /** Adds {@code filter}, replacing the handler of an equal filter. */
  public synchronized void put(String filter, H handler) {
    remove(filter);
    Entry<?>[] old = entries;
    Entry<?>[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = new Entry<>(filter, handler);
    entries = grown;
  }

  /** Removes {@code filter}; false if it was not there. */
  public synchronized boolean remove(String filter) {
    Entry<?>[] old = entries;
    for (int i = 0; i < old.length; i++) {
      if (!old[i].filter.equals(filter)) continue;
      Entry<?>[] shrunk = new Entry<?>[old.length - 1];
      System.arraycopy(old, 0, shrunk, 0, i);
      System.arraycopy(old, i + 1, shrunk, i, shrunk.length - i);
      entries = shrunk;
      return true;
    }
    return false;
  }

  /**
   * The handlers of every filter that matches {@code topic}, in subscription order, each handler
   * once: one handler behind overlapping filters ("a/#" and "a/+") sees a message once. One
   * handler, the common case, comes in a list made when it subscribed: nothing is allocated.
   */
  @SuppressWarnings("unchecked")
  public List<H> match(String topic) {
    Entry<H> first = null;
    List<H> several = null;
    for (Entry<?> e : entries) {
      Entry<H> entry = (Entry<H>) e;
      if (!Topics.matches(entry.matched, topic)) continue;
      if (first == null) {
        first = entry;
      } else if (several == null) {
        if (entry.handler != first.handler) {
          several = new ArrayList<>(2);
          several.add(first.handler);
          several.add(entry.handler);
        }
      } else if (!containsSame(several, entry.handler)) {
        several.add(entry.handler);
      }
    }
    if (several != null) return several;
    return first == null ? Collections.<H>emptyList() : first.alone;
  }

  /** By identity: two equal-but-distinct handlers are two handlers. */
  private static <H> boolean containsSame(List<H> handlers, H handler) {
    for (int i = 0, n = handlers.size(); i < n; i++) {
      if (handlers.get(i) == handler) return true;
    }
    return false;
  }

  private static final class Entry<H> {
    final String filter;
    /** The filter messages are matched against: a shared one's without "$share/GROUP/". */
    final String matched;
    final H handler;
    /** What {@link #match} returns when this is the only match. */
    final List<H> alone;

    Entry(String filter, H handler) {
      this.filter = filter;
      this.matched = Topics.sharedFilterTopic(filter);
      this.handler = handler;
      this.alone = Collections.singletonList(handler);
    }
  }
}
