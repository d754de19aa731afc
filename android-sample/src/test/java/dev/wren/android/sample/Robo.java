package dev.wren.android.sample;

import static org.junit.Assert.fail;
import static org.robolectric.Shadows.shadowOf;

import android.os.Looper;
import dev.wren.mqtt.testing.Mosquitto;
import org.junit.Assume;

/** Helpers for the Robolectric tests: a broker, and waiting while the main looper runs. */
final class Robo {
  interface Condition {
    boolean holds();
  }

  private Robo() {
  }

  /**
   * Starts Mosquitto; skips the test where it is not installed, fails on CI ({@code CI=true}),
   * like the sdk's tests (whose fixture uses JUnit 5's assumptions, not JUnit 4's).
   */
  static Mosquitto mosquitto() throws Exception {
    if (Mosquitto.executable() == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("mosquitto is not installed; CI must run the Android sample's broker tests");
      }
      Assume.assumeTrue("mosquitto is not installed (apt-get install -y mosquitto)", false);
    }
    return Mosquitto.start();
  }

  /**
   * Runs what was posted to the main looper until {@code condition} holds, for up to 10 s (the
   * client and the broker work on real threads meanwhile).
   */
  static void until(String what, Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      shadowOf(Looper.getMainLooper()).idle();
      if (condition.holds()) return;
      if (System.nanoTime() - deadline > 0) fail("not within 10 s: " + what);
      Thread.sleep(10);
    }
  }
}
