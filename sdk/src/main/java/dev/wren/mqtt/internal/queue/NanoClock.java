package dev.wren.mqtt.internal.queue;

/** A {@link System#nanoTime()} source, replaced in tests to check the batch deadline. */
interface NanoClock {
  NanoClock SYSTEM = new NanoClock() {
    @Override public long nanoTime() {
      return System.nanoTime();
    }
  };

  long nanoTime();
}
