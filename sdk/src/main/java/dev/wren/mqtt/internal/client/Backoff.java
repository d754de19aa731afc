package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.ReconnectOptions;
import java.util.Random;

/**
 * The reconnect delays of one client: exponential with jitter, starting over once a connection
 * stayed up for the stable period. Pure over the caller's clock and random source, so tests can
 * check the sequence with a seeded {@link Random}. Used by the I/O thread only.
 */
final class Backoff {
  private final ReconnectOptions options;
  private final Random random;
  private int failures;
  private long connectedAtNanos = -1;

  Backoff(ReconnectOptions options, Random random) {
    this.options = options;
    this.random = random;
  }

  /** A connection came up at {@code nowNanos}. */
  void connected(long nowNanos) {
    connectedAtNanos = nowNanos;
  }

  /**
   * A connection ended, or an attempt failed, at {@code nowNanos}: returns the attempt number
   * and sets the delay to wait before it, available from {@link #delayMillis()}.
   */
  int failed(long nowNanos) {
    if (connectedAtNanos >= 0
        && (nowNanos - connectedAtNanos) / 1_000_000 >= options.stablePeriodMillis()) {
      failures = 0;
    }
    connectedAtNanos = -1;
    failures++;
    return failures;
  }

  /** The wait before the attempt that {@link #failed} numbered. */
  long delayMillis() {
    // Doubling stops at maxDelay; cap the shift so the long cannot overflow.
    int shift = Math.min(failures - 1, 40);
    long base = options.initialDelayMillis() << shift;
    if (base <= 0 || base > options.maxDelayMillis()) base = options.maxDelayMillis();
    double factor = 1 - options.jitter() * random.nextDouble();
    return Math.max(1, Math.round(base * factor));
  }

  /** Attempts failed in a row since the last stable connection. */
  int failures() {
    return failures;
  }
}
