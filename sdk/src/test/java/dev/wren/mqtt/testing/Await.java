package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded polling for a condition another thread makes true. */
public final class Await {
  private Await() {}

  /** Fails the test, naming {@code what}, when {@code condition} is not true within the time. */
  public static void awaitTrue(String what, long timeoutMillis, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail(what + " not true within " + timeoutMillis + " ms");
      Thread.sleep(10);
    }
  }
}
