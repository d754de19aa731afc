package dev.wren.mqtt.internal.client;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The keep-alive's clock: {@link System#nanoTime()} plus the time the device slept. On Android
 * {@code nanoTime} stops while the CPU is suspended (it is {@code CLOCK_MONOTONIC}), and so do the
 * I/O thread's read timeouts, but the broker's keep-alive timer does not: after a long sleep a
 * PINGREQ is past due although {@code nanoTime} says otherwise. The sleep is what a clock that
 * counts it ({@code SystemClock.elapsedRealtimeNanos()} on Android, the wall clock elsewhere) ran
 * ahead of {@code nanoTime}; it only grows, so a clock that stands still, drifts or is set back
 * adds nothing, and one set forward costs at most one early PINGREQ.
 *
 * <p>Only "is a PINGREQ due" is measured here. How long a PINGRESP may take, write stalls and
 * deadlines stay on {@code nanoTime}: the answer to a ping sent just before a sleep could not be
 * read while the CPU slept, so that time must not count against the link. Thread-safe.
 */
final class SleepClock {
  /** The two clocks: one that stops while the device sleeps, one that does not. */
  interface Source {
    long awakeNanos();

    /** Counts the time asleep where the platform can tell; may equal {@link #awakeNanos}. */
    long elapsedNanos();
  }

  private final Source source;
  private final long awakeBase;
  private final long elapsedBase;
  private final AtomicLong slept = new AtomicLong();

  SleepClock(Source source) {
    this.source = source;
    this.awakeBase = source.awakeNanos();
    this.elapsedBase = source.elapsedNanos();
  }

  /** Android's boot-time clock where there is one, else the wall clock. */
  static SleepClock forPlatform() {
    return new SleepClock(platformSource());
  }

  /** Now, in {@code nanoTime} terms plus the time slept since this clock was made. */
  long nanos() {
    long awake = source.awakeNanos();
    long sleptNow = (source.elapsedNanos() - elapsedBase) - (awake - awakeBase);
    long known = slept.get();
    while (sleptNow > known && !slept.compareAndSet(known, sleptNow)) known = slept.get();
    return awake + Math.max(known, sleptNow);
  }

  /** How long the device slept since this clock was made, as far as it can tell. */
  long sleptNanos() {
    nanos();
    return slept.get();
  }

  private static Source platformSource() {
    try {
      final Method elapsed = Class.forName("android.os.SystemClock").getMethod("elapsedRealtimeNanos");
      elapsed.invoke(null); // the stub android.jar off a device throws here
      return new Source() {
        @Override public long awakeNanos() {
          return System.nanoTime();
        }

        @Override public long elapsedNanos() {
          try {
            return (Long) elapsed.invoke(null);
          } catch (ReflectiveOperationException e) {
            // It worked once; a platform that takes it back gets a clock that counts no sleep.
            throw new IllegalStateException("SystemClock.elapsedRealtimeNanos() failed: " + e, e);
          }
        }
      };
    } catch (ClassNotFoundException e) {
      return wallClock();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Logger.debug("android.os.SystemClock is present but unusable ({}); using the wall clock", e.toString());
      return wallClock();
    }
  }

  private static Source wallClock() {
    return new Source() {
      @Override public long awakeNanos() {
        return System.nanoTime();
      }

      @Override public long elapsedNanos() {
        return System.currentTimeMillis() * 1_000_000L;
      }
    };
  }
}
