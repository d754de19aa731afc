package dev.wren.android.sample;

import dev.wren.mqtt.ConnectionState;
import java.util.TimeZone;

/**
 * The words the screen and the notification show for the client's state and counts. Pure
 * functions of their arguments (the caller passes the time zone and remaining wait), so they are
 * tested without a device. Stateless.
 */
public final class StatusText {
  private StatusText() {
  }

  /**
   * One line saying where the connection stands.
   *
   * @param serverUri the broker, as configured
   * @param attempt the reconnect attempt the client waits for (0 when none yet)
   * @param waitLeftMillis how long until that attempt; ignored unless waiting to reconnect
   * @param lastError why the last connection or attempt ended, or null
   */
  public static String headline(ConnectionState state, String serverUri, int attempt,
      long waitLeftMillis, String lastError) {
    switch (state) {
      case CONNECTED:
        return "Connected to " + serverUri;
      case CONNECTING:
        return "Connecting to " + serverUri + (lastError != null ? " (last: " + lastError + ")" : "");
      case WAITING_TO_RECONNECT:
        return "Offline: retry " + Math.max(attempt, 1) + " in " + seconds(waitLeftMillis)
            + (lastError != null ? " (" + lastError + ")" : "");
      case DISCONNECTED:
        return lastError != null ? "Not connected: " + lastError : "Not connected";
      case CLOSED:
        return lastError != null ? "Stopped: " + lastError : "Stopped";
      default:
        throw new IllegalArgumentException("unknown state " + state);
    }
  }

  /** {@code queued 3 · in flight 1 · sent 12 · acked 9}. */
  public static String counts(int queued, int inflight, long sent, long acknowledged) {
    return "queued " + queued + " · in flight " + inflight + " · sent " + sent + " · acked "
        + acknowledged;
  }

  /** A wait as the screen shows it: whole seconds, rounded up ("1 s" for 200 ms, "0 s" for 0). */
  static String seconds(long millis) {
    long s = millis <= 0 ? 0 : (millis + 999) / 1000;
    return s + " s";
  }

  /** {@code HH:mm:ss} of {@code timeMillis} in {@code zone}, without locale-dependent digits. */
  public static String clock(long timeMillis, TimeZone zone) {
    long local = timeMillis + zone.getOffset(timeMillis);
    // By hand: Math.floorMod arrived on Android only in API 24.
    long seconds = local / 1000 - (local % 1000 < 0 ? 1 : 0);
    long secondOfDay = seconds % 86_400L;
    if (secondOfDay < 0) secondOfDay += 86_400L;
    return two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60);
  }

  private static String two(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  /** The message of a failure, or its class name when it has none. */
  public static String describe(Throwable t) {
    String m = t.getMessage();
    return m != null && !m.isEmpty() ? m : t.getClass().getSimpleName();
  }
}
