package dev.wren.android.sample;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.ConnectionState;

/**
 * Decides when a network that became available should cut the client's backoff short with
 * {@code reconnectNow()}. While the client waits to reconnect: at once. While an attempt is under
 * way (often one still timing out on the network that went away): when that attempt has failed
 * and the next wait begins, because {@code reconnectNow()} during an attempt does not shorten the
 * wait that follows it. While connected, stopped or closed: never. Listens to the client for the
 * "next wait begins" moment. Thread-safe; no Android types.
 */
public final class ReconnectNudge extends ClientListener {
  /** The client as the nudge sees it; the service passes its {@code MqttClient}. */
  public interface Target {
    ConnectionState state();

    void reconnectNow();
  }

  private final Target target;
  private boolean pending;
  private long nudges;

  public ReconnectNudge(Target target) {
    if (target == null) throw new NullPointerException("target == null");
    this.target = target;
  }

  /** A network became available (a {@code NetworkCallback.onAvailable}). */
  public void networkAvailable() {
    ConnectionState state = target.state();
    synchronized (this) {
      pending = state == ConnectionState.CONNECTING;
      if (state != ConnectionState.WAITING_TO_RECONNECT) return;
      nudges++;
    }
    target.reconnectNow();
  }

  /** The next wait begins: if a network came while the attempt ran, skip the wait. */
  @Override public void reconnecting(int attempt, long delayMillis) {
    synchronized (this) {
      if (!pending) return;
      pending = false;
      nudges++;
    }
    target.reconnectNow();
  }

  @Override public void connected(String serverUri, boolean sessionPresent) {
    synchronized (this) {
      pending = false;
    }
  }

  /** How often this called {@code reconnectNow()}, for the screen and the tests. */
  public synchronized long nudges() {
    return nudges;
  }

  /** Whether a network came during an attempt and the next wait will be skipped. */
  public synchronized boolean pending() {
    return pending;
  }
}
