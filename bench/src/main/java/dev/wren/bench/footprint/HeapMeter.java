package dev.wren.bench.footprint;

import java.lang.management.ManagementFactory;

/**
 * Live heap and thread count of the JVM it runs in, for the child JVMs. Heap is read after full
 * collections (run the child with {@link ChildJvm#HEAP_FLAGS}) until two readings agree within
 * 1 KB, so what is left is what the program holds. Stateless.
 */
final class HeapMeter {
  private HeapMeter() {}

  /** Bytes of heap in use after garbage collection settles. */
  static long usedHeapAfterGc() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(50); // lets reference handlers and cleaners run between collections
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(used - previous) < 1024) return used;
      previous = used;
    }
    return previous;
  }

  /**
   * The least of {@code readings} {@link #usedHeapAfterGc} readings taken {@code gapMillis}
   * apart: what the program holds throughout. A reading can catch short-lived objects that are
   * still reachable, e.g. an offline client's connection attempt in progress (its socket and
   * buffers), which is not what it retains.
   */
  static long leastUsedHeapAfterGc(int readings, long gapMillis) throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < readings; i++) {
      if (i > 0) Thread.sleep(gapMillis);
      least = Math.min(least, usedHeapAfterGc());
    }
    return least;
  }

  /** Live threads, daemon or not. */
  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
