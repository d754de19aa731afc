package dev.wren.mqtt;

import java.util.concurrent.TimeUnit;

/** The one check of every duration option: at least a millisecond, named when it is not. */
final class Durations {
  private Durations() {
  }

  /** {@code value} in {@code unit} as milliseconds, refusing anything under 1 ms. */
  static long positiveMillis(String name, long value, TimeUnit unit) {
    if (unit == null) throw new NullPointerException("unit == null");
    long millis = unit.toMillis(value);
    if (value <= 0 || millis <= 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms: " + value + " " + unit);
    }
    return millis;
  }
}
