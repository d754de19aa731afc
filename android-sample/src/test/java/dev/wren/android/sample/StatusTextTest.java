package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;

import dev.wren.mqtt.ConnectionState;
import java.util.TimeZone;
import org.junit.Test;

public class StatusTextTest {
  private static final String URI = "tcp://10.0.2.2:1883";

  @Test public void headlinePerState() {
    assertEquals("Connected to " + URI, StatusText.headline(ConnectionState.CONNECTED, URI, 0, 0, null));
    assertEquals("Connecting to " + URI, StatusText.headline(ConnectionState.CONNECTING, URI, 0, 0, null));
    assertEquals("Connecting to " + URI + " (last: refused)",
        StatusText.headline(ConnectionState.CONNECTING, URI, 2, 0, "refused"));
    assertEquals("Offline: retry 3 in 5 s (connection refused)",
        StatusText.headline(ConnectionState.WAITING_TO_RECONNECT, URI, 3, 4_001, "connection refused"));
    assertEquals("Offline: retry 1 in 0 s",
        StatusText.headline(ConnectionState.WAITING_TO_RECONNECT, URI, 0, -20, null));
    assertEquals("Not connected", StatusText.headline(ConnectionState.DISCONNECTED, URI, 0, 0, null));
    assertEquals("Not connected: queue locked",
        StatusText.headline(ConnectionState.DISCONNECTED, URI, 0, 0, "queue locked"));
    assertEquals("Stopped", StatusText.headline(ConnectionState.CLOSED, URI, 0, 0, null));
    assertEquals("Stopped: cannot start: queue locked",
        StatusText.headline(ConnectionState.CLOSED, URI, 0, 0, "cannot start: queue locked"));
  }

  @Test public void secondsRoundUp() {
    assertEquals("0 s", StatusText.seconds(0));
    assertEquals("1 s", StatusText.seconds(1));
    assertEquals("1 s", StatusText.seconds(1_000));
    assertEquals("2 s", StatusText.seconds(1_001));
  }

  @Test public void counts() {
    assertEquals("queued 3 · in flight 1 · sent 12 · acked 9", StatusText.counts(3, 1, 12, 9));
  }

  @Test public void clockInTheGivenZone() {
    long t = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    assertEquals("22:13:20", StatusText.clock(t, TimeZone.getTimeZone("UTC")));
    assertEquals("23:13:20", StatusText.clock(t, TimeZone.getTimeZone("Europe/Berlin")));
    assertEquals("12:13:20", StatusText.clock(t, TimeZone.getTimeZone("Pacific/Honolulu")));
    assertEquals("23:59:59", StatusText.clock(-1, TimeZone.getTimeZone("UTC")));
  }

  @Test public void describeFallsBackToTheClassName() {
    assertEquals("boom", StatusText.describe(new IllegalStateException("boom")));
    assertEquals("IllegalStateException", StatusText.describe(new IllegalStateException()));
  }
}
