package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;
import java.util.Arrays;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class StatusTrackerTest {
  private static final String URI = "tcp://broker:1883";
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private long now = 1_000_000;
  private final AtomicInteger changes = new AtomicInteger();
  private final StatusTracker tracker = new StatusTracker(URI, () -> now, changes::incrementAndGet);

  @Test public void backoffIsCountedDownFromTheClock() {
    tracker.disconnected(URI, new ConnectionLostException("connection refused", null), true);
    tracker.reconnecting(2, 4_000);
    now += 1_500;
    ServiceStatus s = tracker.snapshot(ConnectionState.WAITING_TO_RECONNECT, 5, 0, 7, 2, UTC);
    assertEquals("Offline: retry 2 in 3 s (connection refused)", s.headline());
    assertEquals("queued 5 · in flight 0 · sent 7 · acked 2", s.counts());
    assertEquals(5, s.queued());
    assertEquals(2, changes.get());

    tracker.connected(URI, false);
    assertNull(tracker.lastError());
    assertEquals("Connected to " + URI,
        tracker.snapshot(ConnectionState.CONNECTED, 0, 0, 7, 7, UTC).headline());
    assertEquals(3, changes.get());
  }

  @Test public void readingsAndTheirOutcomesNewestFirst() {
    tracker.queued(1, new Reading("light", "lx", new float[] {10}, 0));
    tracker.queued(2, new Reading("light", "lx", new float[] {11}, 61_000));
    tracker.done(1, null);
    tracker.done(2, new IllegalStateException("client is closed"));
    ServiceStatus s = tracker.snapshot(ConnectionState.CONNECTED, 0, 0, 2, 1, UTC);
    assertEquals(Arrays.asList(
        "00:01:01 #2 light 11.0 lx: failed: client is closed",
        "00:00:00 #1 light 10.0 lx: acked"), s.recent());
    assertEquals(4, changes.get());
  }

  @Test public void droppedMessagesAndOtherFailuresShowAsTheLastError() {
    tracker.messageDropped(Message.of("wren/x/light", "1", Qos.AT_LEAST_ONCE, false), "queue full");
    assertEquals(1, tracker.dropped());
    assertEquals("dropped a message to wren/x/light: queue full", tracker.lastError());
    tracker.failed("cannot start", new IllegalStateException("queue locked"));
    assertEquals("Not connected: cannot start: queue locked",
        tracker.snapshot(ConnectionState.DISCONNECTED, 0, 0, 0, 0, UTC).headline());
  }

  @Test public void recentMessagesKeepTheNewestTen() {
    for (int i = 1; i <= 12; i++) tracker.queued(i, new Reading("timer", "s", new float[] {i}, 0));
    ServiceStatus s = tracker.snapshot(ConnectionState.CONNECTED, 0, 0, 0, 0, UTC);
    assertEquals(10, s.recent().size());
    assertEquals("00:00:00 #12 timer 12.0 s: queued", s.recent().get(0));
    assertEquals("00:00:00 #3 timer 3.0 s: queued", s.recent().get(9));
  }
}
