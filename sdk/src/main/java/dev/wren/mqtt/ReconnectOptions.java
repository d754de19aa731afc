package dev.wren.mqtt;

import java.util.concurrent.TimeUnit;

/**
 * When and how often a {@link MqttClient} reconnects after it lost a connection. Immutable; build
 * with {@link #builder()}.
 *
 * <p>The wait before attempt {@code n} (1-based) is {@code min(maxDelay, initialDelay * 2^(n-1))},
 * scaled by a random factor between {@code 1 - jitter} and 1 so that a fleet of gateways cut off
 * together does not come back in lock step. Defaults: 1 s doubling to 120 s, jitter 0.5. The
 * sequence starts over once a connection has stayed up for the stable period (default 30 s); a
 * connection that drops sooner keeps the backoff growing.
 *
 * <p>A broker that refuses the credentials (return code 4) or the client (5) is not asked again
 * unless {@link Builder#retryOnAuthFailure(boolean)} says so; a refused protocol version (1) or
 * client identifier (2) is never retried, as no retry can succeed.
 */
public final class ReconnectOptions {
  private static final ReconnectOptions DEFAULTS = builder().build();
  private static final ReconnectOptions DISABLED = builder().enabled(false).build();

  private final boolean enabled;
  private final long initialDelayMillis;
  private final long maxDelayMillis;
  private final double jitter;
  private final long stablePeriodMillis;
  private final boolean retryOnAuthFailure;

  private ReconnectOptions(Builder b) {
    this.enabled = b.enabled;
    this.initialDelayMillis = b.initialDelayMillis;
    this.maxDelayMillis = b.maxDelayMillis;
    this.jitter = b.jitter;
    this.stablePeriodMillis = b.stablePeriodMillis;
    this.retryOnAuthFailure = b.retryOnAuthFailure;
  }

  /** Reconnect with the defaults described above. */
  public static ReconnectOptions defaults() {
    return DEFAULTS;
  }

  /** Never reconnect: a lost connection stays lost until the application calls connect(). */
  public static ReconnectOptions disabled() {
    return DISABLED;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public boolean enabled() {
    return enabled;
  }

  public long initialDelayMillis() {
    return initialDelayMillis;
  }

  public long maxDelayMillis() {
    return maxDelayMillis;
  }

  /** 0 (no jitter) to 1 (anything between 0 and the full delay). */
  public double jitter() {
    return jitter;
  }

  public long stablePeriodMillis() {
    return stablePeriodMillis;
  }

  public boolean retryOnAuthFailure() {
    return retryOnAuthFailure;
  }

  @Override public String toString() {
    if (!enabled) return "ReconnectOptions{disabled}";
    return "ReconnectOptions{initialDelay=" + initialDelayMillis + "ms, maxDelay=" + maxDelayMillis
        + "ms, jitter=" + jitter + ", stablePeriod=" + stablePeriodMillis + "ms"
        + (retryOnAuthFailure ? ", retryOnAuthFailure" : "") + "}";
  }

  /** Builds {@link ReconnectOptions}; every argument is checked as it is set. */
  public static final class Builder {
    private boolean enabled = true;
    private long initialDelayMillis = 1_000;
    private long maxDelayMillis = 120_000;
    private double jitter = 0.5;
    private long stablePeriodMillis = 30_000;
    private boolean retryOnAuthFailure;

    private Builder() {
    }

    private Builder(ReconnectOptions o) {
      this.enabled = o.enabled;
      this.initialDelayMillis = o.initialDelayMillis;
      this.maxDelayMillis = o.maxDelayMillis;
      this.jitter = o.jitter;
      this.stablePeriodMillis = o.stablePeriodMillis;
      this.retryOnAuthFailure = o.retryOnAuthFailure;
    }

    /** Whether to reconnect at all (default true). */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** The wait before the first attempt (default 1 s); at least 1 ms. */
    public Builder initialDelay(long delay, TimeUnit unit) {
      this.initialDelayMillis = Durations.positiveMillis("initialDelay", delay, unit);
      return this;
    }

    /** The longest wait between attempts (default 120 s). */
    public Builder maxDelay(long delay, TimeUnit unit) {
      this.maxDelayMillis = Durations.positiveMillis("maxDelay", delay, unit);
      return this;
    }

    /** How much of each wait is random, 0 to 1 (default 0.5). */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** How long a connection must stay up before the backoff starts over (default 30 s). */
    public Builder stablePeriod(long period, TimeUnit unit) {
      this.stablePeriodMillis = Durations.positiveMillis("stablePeriod", period, unit);
      return this;
    }

    /** Keep retrying when the broker refuses the credentials or the client (default false). */
    public Builder retryOnAuthFailure(boolean retry) {
      this.retryOnAuthFailure = retry;
      return this;
    }

    /** @throws IllegalStateException when the initial delay exceeds the maximum */
    public ReconnectOptions build() {
      if (initialDelayMillis > maxDelayMillis) {
        throw new IllegalStateException("initialDelay (" + initialDelayMillis
            + " ms) is longer than maxDelay (" + maxDelayMillis + " ms)");
      }
      return new ReconnectOptions(this);
    }
  }
}
