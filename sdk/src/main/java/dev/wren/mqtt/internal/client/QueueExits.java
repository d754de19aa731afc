package dev.wren.mqtt.internal.client;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * How messages left the outbound queue, as runs of consecutive sequence numbers that left the same
 * way: acknowledged, or dropped (by kind). A sequence number in no run is still queued. Messages
 * leave mostly in order, so a run grows at its end and the runs number the changes between being
 * acknowledged and being dropped, not the messages. Not thread-safe: guarded by
 * {@link Deliveries}.
 */
final class QueueExits {
  /** Consecutive sequence numbers that left the same way. */
  static final class Run {
    long end;
    /** Null when acknowledged. */
    final Deliveries.Drop drop;

    Run(long end, Deliveries.Drop drop) {
      this.end = end;
      this.drop = drop;
    }

    boolean sameWay(Deliveries.Drop other) {
      return drop == null ? other == null : drop.joins(other);
    }
  }

  /** First sequence number -> its run; runs never overlap. */
  private final TreeMap<Long, Run> runs = new TreeMap<>();
  /**
   * The run that starts last, and where: messages mostly leave in order, so most calls are about
   * it and are answered without a lookup (which would box the key and export an entry).
   */
  private Run last;
  private long lastStart;

  /** {@code seq} left the queue: acknowledged when {@code drop} is null. Recorded once. */
  void add(long seq, Deliveries.Drop drop) {
    if (last != null && last.end == seq && last.sameWay(drop)) {
      // What the general case below does for the end of the last run, which nothing follows.
      last.end = seq + 1;
      return;
    }
    addLookingUp(seq, drop);
    Map.Entry<Long, Run> e = runs.lastEntry();
    last = e == null ? null : e.getValue();
    lastStart = e == null ? 0 : e.getKey();
  }

  private void addLookingUp(long seq, Deliveries.Drop drop) {
    Map.Entry<Long, Run> before = runs.floorEntry(seq);
    if (before != null && before.getValue().end > seq) return;
    Run after = runs.get(seq + 1);
    boolean joinsAfter = after != null && after.sameWay(drop);
    if (before != null && before.getValue().end == seq && before.getValue().sameWay(drop)) {
      Run run = before.getValue();
      run.end = seq + 1;
      if (joinsAfter) {
        runs.remove(seq + 1);
        run.end = after.end;
      }
    } else if (joinsAfter) {
      runs.remove(seq + 1);
      runs.put(seq, after);
    } else {
      runs.put(seq, new Run(seq + 1, drop));
    }
  }

  /** The run holding {@code seq}, or null while it is queued (or was never recorded). */
  Run find(long seq) {
    if (last != null && seq >= lastStart) return last.end > seq ? last : null;
    Map.Entry<Long, Run> e = runs.floorEntry(seq);
    return e != null && e.getValue().end > seq ? e.getValue() : null;
  }

  /** Forgets the runs that end at or below {@code seq}: nobody can ask about those numbers. */
  void forgetBelow(long seq) {
    Iterator<Map.Entry<Long, Run>> it = runs.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().end > seq) return;
      it.remove();
    }
    last = null;
  }

  /** Runs held now (the memory this takes). */
  int runCount() {
    return runs.size();
  }
}
