package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.wren.mqtt.ConnectionState;
import org.junit.Test;

public class ReconnectNudgeTest {
  /** A client stand-in that records reconnectNow() calls. */
  private static final class FakeClient implements ReconnectNudge.Target {
    ConnectionState state = ConnectionState.DISCONNECTED;
    int reconnects;

    @Override public ConnectionState state() {
      return state;
    }

    @Override public void reconnectNow() {
      reconnects++;
    }
  }

  private final FakeClient client = new FakeClient();
  private final ReconnectNudge nudge = new ReconnectNudge(client);

  @Test public void waitingClientReconnectsAtOnce() {
    client.state = ConnectionState.WAITING_TO_RECONNECT;
    nudge.networkAvailable();
    assertEquals(1, client.reconnects);
    assertEquals(1, nudge.nudges());
    nudge.reconnecting(2, 1_000);
    assertEquals("no second nudge for the same network", 1, client.reconnects);
  }

  @Test public void networkDuringAnAttemptSkipsTheWaitAfterIt() {
    client.state = ConnectionState.CONNECTING;
    nudge.networkAvailable();
    assertEquals(0, client.reconnects);
    assertTrue(nudge.pending());
    nudge.reconnecting(1, 30_000);
    assertEquals(1, client.reconnects);
    assertFalse(nudge.pending());
    nudge.reconnecting(2, 60_000);
    assertEquals(1, client.reconnects);
  }

  @Test public void attemptThatSucceedsClearsThePendingNudge() {
    client.state = ConnectionState.CONNECTING;
    nudge.networkAvailable();
    nudge.connected("tcp://b:1883", false);
    nudge.reconnecting(1, 1_000);
    assertEquals(0, client.reconnects);
  }

  @Test public void connectedStoppedOrClosedClientsAreLeftAlone() {
    for (ConnectionState s : new ConnectionState[] {
        ConnectionState.CONNECTED, ConnectionState.DISCONNECTED, ConnectionState.CLOSED}) {
      client.state = s;
      nudge.networkAvailable();
      assertFalse(s.toString(), nudge.pending());
    }
    nudge.reconnecting(1, 1_000);
    assertEquals(0, client.reconnects);
  }
}
