package dev.wren.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and allocated bytes of this JVM's live threads between two snapshots, through
 * {@link com.sun.management.ThreadMXBean}. A thread alive at both snapshots counts its growth; a
 * thread born in between counts from zero; a thread that died in between is lost (the JVM keeps
 * no count for it), so measure across threads that live through the measurement. Threads the JVM
 * hides (JIT compilers) and non-Java threads (GC) are not counted. Stateless; snapshots are
 * immutable.
 */
final class ThreadMeter {
  private static final com.sun.management.ThreadMXBean THREADS = bean();

  private ThreadMeter() {}

  /** Per thread id: CPU nanoseconds and allocated bytes so far. */
  record Snapshot(Map<Long, long[]> byThread) {}

  /**
   * Use between two snapshots, summed over threads.
   *
   * @param endedThreads threads alive at the first snapshot and gone at the second, whose use in
   *     between is lost
   */
  record Use(long cpuNanos, long allocatedBytes, int endedThreads) {}

  /** Whether this JVM can measure both; without it samples carry -1. */
  static boolean supported() {
    return THREADS != null;
  }

  static Snapshot take() {
    if (THREADS == null) return null;
    long[] ids = THREADS.getAllThreadIds();
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    Map<Long, long[]> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      // -1: the thread ended between listing and reading; it has nothing to add.
      if (cpu[i] >= 0 && allocated[i] >= 0) byThread.put(ids[i], new long[] {cpu[i], allocated[i]});
    }
    return new Snapshot(byThread);
  }

  /** Growth from {@code before} to {@code after}; null when either is missing. */
  static Use between(Snapshot before, Snapshot after) {
    if (before == null || after == null) return null;
    long cpu = 0;
    long allocated = 0;
    for (Map.Entry<Long, long[]> e : after.byThread().entrySet()) {
      long[] then = before.byThread().getOrDefault(e.getKey(), new long[2]);
      cpu += e.getValue()[0] - then[0];
      allocated += e.getValue()[1] - then[1];
    }
    int ended = 0;
    for (Long id : before.byThread().keySet()) if (!after.byThread().containsKey(id)) ended++;
    return new Use(cpu, allocated, ended);
  }

  private static com.sun.management.ThreadMXBean bean() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b)) return null;
    if (!b.isThreadCpuTimeSupported() || !b.isThreadAllocatedMemorySupported()) return null;
    b.setThreadCpuTimeEnabled(true);
    b.setThreadAllocatedMemoryEnabled(true);
    return b;
  }
}
