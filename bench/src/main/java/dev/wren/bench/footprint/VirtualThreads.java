package dev.wren.bench.footprint;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for the footprint children, found by reflection because the bench compiles for
 * Java 17 while the child runs on 21 or later. Stateless.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /** {@code Thread.ofVirtual().name(prefix, 0).factory()}. */
  static ThreadFactory factory(String prefix) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> type = Class.forName("java.lang.Thread$Builder");
      builder = type.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
      return (ThreadFactory) type.getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no virtual threads on Java " + System.getProperty("java.version")
          + ": run this child on JDK 21 or later", e);
    }
  }

  /**
   * Platform threads that carry virtual threads: the default scheduler's ForkJoinPool workers
   * (named {@code ForkJoinPool-N-worker-M}, of class {@code CarrierThread} on recent JDKs).
   */
  static int carriers() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (t.getClass().getSimpleName().equals("CarrierThread")
          || name.startsWith("ForkJoinPool-") && name.contains("-worker-")) {
        n++;
      }
    }
    return n;
  }
}
