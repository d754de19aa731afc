package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ReconnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reconnect delays, checked against a fake clock and a seeded random source. */
class BackoffTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test void withoutJitterTheDelayDoublesFromOneSecondUpTo120() {
    Backoff backoff = new Backoff(ReconnectOptions.builder().jitter(0).build(), new Random(1));
    List<Long> delays = new ArrayList<>();
    long now = 0;
    for (int i = 1; i <= 10; i++) {
      assertEquals(i, backoff.failed(now));
      delays.add(backoff.delayMillis());
      now += SECOND;
    }
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 120_000L,
        120_000L, 120_000L), delays);
  }

  @Test void jitterScalesEachDelayBetweenHalfAndAllOfIt() {
    // Same seed, same sequence: the factors are those of new Random(42).nextDouble().
    Random expected = new Random(42);
    Backoff backoff = new Backoff(ReconnectOptions.defaults(), new Random(42));
    long base = 1_000;
    for (int i = 1; i <= 12; i++) {
      backoff.failed(i * SECOND);
      long delay = backoff.delayMillis();
      long want = Math.round(base * (1 - 0.5 * expected.nextDouble()));
      assertEquals(Math.max(1, want), delay, "attempt " + i);
      assertTrue(delay >= base / 2 && delay <= base, "attempt " + i + ": " + delay + " ms of " + base);
      base = Math.min(120_000, base * 2);
    }
  }

  @Test void aConnectionThatStayedUpForTheStablePeriodStartsTheSequenceOver() {
    Backoff backoff = new Backoff(ReconnectOptions.builder().jitter(0)
        .stablePeriod(30, TimeUnit.SECONDS).build(), new Random(7));
    backoff.failed(0);
    backoff.failed(SECOND);
    assertEquals(3, backoff.failed(2 * SECOND));
    assertEquals(4_000, backoff.delayMillis());
    backoff.connected(10 * SECOND);
    assertEquals(1, backoff.failed(40 * SECOND), "up for 30 s: stable, start over");
    assertEquals(1_000, backoff.delayMillis());
  }

  @Test void aConnectionThatDroppedSoonerKeepsTheBackoffGrowing() {
    Backoff backoff = new Backoff(ReconnectOptions.builder().jitter(0).build(), new Random(7));
    backoff.failed(0);
    backoff.connected(SECOND);
    assertEquals(2, backoff.failed(5 * SECOND), "up for 4 s only: a flapping link");
    assertEquals(2_000, backoff.delayMillis());
  }

  @Test void customDelaysAndAHugeAttemptCountDoNotOverflow() {
    Backoff backoff = new Backoff(ReconnectOptions.builder().jitter(0)
        .initialDelay(250, TimeUnit.MILLISECONDS).maxDelay(3, TimeUnit.SECONDS).build(), new Random(3));
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      backoff.failed(i);
      delays.add(backoff.delayMillis());
    }
    assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 3_000L), delays.subList(0, 5));
    assertEquals(3_000L, delays.get(99));
  }
}
