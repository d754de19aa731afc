package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SleepClockTest {
  private static final long SECOND = 1_000_000_000L;
  private long awake = 1_000 * SECOND;
  private long elapsed = 5 * SECOND;
  private final SleepClock clock = new SleepClock(new SleepClock.Source() {
    @Override public long awakeNanos() {
      return awake;
    }

    @Override public long elapsedNanos() {
      return elapsed;
    }
  });

  @Test void followsTheAwakeClockWhileBothRun() {
    awake += 7 * SECOND;
    elapsed += 7 * SECOND;
    assertEquals(1_007 * SECOND, clock.nanos());
    assertEquals(0, clock.sleptNanos());
  }

  @Test void addsTheTimeTheDeviceSlept() {
    awake += 2 * SECOND;
    elapsed += 602 * SECOND; // ten minutes asleep: only the boot-time clock ran
    assertEquals(1_602 * SECOND, clock.nanos());
    assertEquals(600 * SECOND, clock.sleptNanos());
  }

  @Test void aClockSetBackOrStandingStillTakesNothingBack() {
    elapsed += 600 * SECOND;
    assertEquals(1_600 * SECOND, clock.nanos());
    elapsed -= 3_600 * SECOND; // the wall clock was set back an hour
    awake += SECOND;
    assertEquals(1_601 * SECOND, clock.nanos());
    awake += SECOND; // Robolectric's boot-time clock stands still unless a test advances it
    assertEquals(1_602 * SECOND, clock.nanos());
  }

  @Test void thePlatformClockRunsWithNanoTimeHere() {
    SleepClock platform = SleepClock.forPlatform();
    long before = System.nanoTime();
    long now = platform.nanos();
    // Off Android the wall clock stands in; it agrees with nanoTime to well within a second.
    assertEquals(before, now, SECOND);
  }
}
