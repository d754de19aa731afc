package dev.wren.android.sample;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.TimeZone;

/**
 * The last few readings the service handed to the client and what became of each (queued, acked,
 * failed), newest first, for the screen. Thread-safe: the publishing thread adds, the client's
 * I/O thread marks, the main thread reads.
 */
public final class RecentMessages {
  private final int capacity;
  private final ArrayDeque<Entry> entries;

  public RecentMessages(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  /** Records message {@code seq} as queued; the oldest entry goes when full. */
  public synchronized void queued(long seq, long timeMillis, String text) {
    if (entries.size() == capacity) entries.removeLast();
    entries.addFirst(new Entry(seq, timeMillis, text));
  }

  /** Sets the outcome of message {@code seq}, if it is still among the recent ones. */
  public synchronized void outcome(long seq, String outcome) {
    for (Entry e : entries) {
      if (e.seq == seq) {
        e.outcome = outcome;
        return;
      }
    }
  }

  /** Lines like {@code 12:03:04 #12 light 312.5 lx: acked}, newest first. */
  public synchronized List<String> lines(TimeZone zone) {
    List<String> lines = new ArrayList<>(entries.size());
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      lines.add(StatusText.clock(e.timeMillis, zone) + " #" + e.seq + " " + e.text + ": " + e.outcome);
    }
    return lines;
  }

  private static final class Entry {
    final long seq;
    final long timeMillis;
    final String text;
    String outcome = "queued";

    Entry(long seq, long timeMillis, String text) {
      this.seq = seq;
      this.timeMillis = timeMillis;
      this.text = text;
    }
  }
}
