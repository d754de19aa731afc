package dev.wren.mqtt.internal.queue;

/**
 * A {@link System#currentTimeMillis()} source for message deadlines, replaced in tests. Wall clock,
 * not {@code nanoTime}: deadlines are stored in records and must mean the same after a restart.
 */
interface WallClock {
  WallClock SYSTEM = new WallClock() {
    @Override public long currentTimeMillis() {
      return System.currentTimeMillis();
    }
  };

  long currentTimeMillis();
}
