package dev.wren.mqtt.internal.queue;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers kept as disjoint ranges, so that the acknowledged messages of a queue
 * cost one entry per gap rather than one per message: acknowledgements arrive mostly in order and
 * merge. Not thread-safe.
 */
final class LongRanges {
  /** First -> end (exclusive); ranges never touch or overlap. */
  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  void add(long seq) {
    add(seq, seq + 1);
  }

  /** Adds {@code [first, end)}. */
  void add(long first, long end) {
    if (first >= end) return;
    Map.Entry<Long, Long> before = ranges.floorEntry(first);
    if (before != null && before.getValue() >= first) {
      if (before.getValue() >= end) return;
      first = before.getKey();
    }
    // Swallow every range starting inside the new one, keeping the furthest end.
    Map.Entry<Long, Long> next = ranges.ceilingEntry(first);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.higherEntry(next.getKey());
    }
    ranges.put(first, end);
  }

  boolean contains(long seq) {
    Map.Entry<Long, Long> e = ranges.floorEntry(seq);
    return e != null && e.getValue() > seq;
  }

  /** True if some number in {@code [first, end)} is in the set. */
  boolean overlaps(long first, long end) {
    Map.Entry<Long, Long> e = ranges.floorEntry(first);
    if (e != null && e.getValue() > first) return true;
    Long k = ranges.higherKey(first);
    return k != null && k < end;
  }

  /** Forgets every number below {@code seq}. */
  void removeBelow(long seq) {
    Iterator<Map.Entry<Long, Long>> it = ranges.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Long> e = it.next();
      if (e.getKey() >= seq) return;
      it.remove();
      if (e.getValue() > seq) {
        ranges.put(seq, e.getValue());
        return;
      }
    }
  }

  /** The highest number in the set, or -1. */
  long max() {
    return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue() - 1;
  }

  /** The number of ranges (the memory this set takes). */
  int rangeCount() {
    return ranges.size();
  }

  /** The ranges as pairs {first, end exclusive}. */
  long[] toArray() {
    long[] out = new long[ranges.size() * 2];
    int i = 0;
    for (Map.Entry<Long, Long> e : ranges.entrySet()) {
      out[i++] = e.getKey();
      out[i++] = e.getValue();
    }
    return out;
  }

  @Override public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (Map.Entry<Long, Long> e : ranges.entrySet()) {
      if (s.length() > 1) s.append(", ");
      s.append(e.getKey()).append("..").append(e.getValue() - 1);
    }
    return s.append(']').toString();
  }
}
