package dev.wren.cli;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.NotConnectedException;

/**
 * What a command hears from a client that reconnects by itself: each change of the connection
 * (passed on to a {@link Progress}, if any) and the failure after which the client stopped trying
 * (a refusal no retry can fix). Thread-safe: the client's I/O thread reports, the command's thread
 * reads.
 */
final class ClientEvents extends ClientListener {
  private volatile Progress progress;
  private volatile MqttException gaveUp;
  private volatile Runnable onGiveUp;
  private volatile java.io.PrintStream drops;
  private final java.util.concurrent.atomic.AtomicLong expiredReported =
      new java.util.concurrent.atomic.AtomicLong();

  /** The expired messages reported so far. */
  long expiredReported() {
    return expiredReported.get();
  }

  /** Prints a line on {@code stderr} for each queued message dropped unsent at its deadline. */
  void reportExpiredTo(java.io.PrintStream stderr) {
    this.drops = stderr;
  }

  /** Tells {@code progress} of every change from now on. */
  void reportTo(Progress progress) {
    this.progress = progress;
  }

  /** Runs {@code action} (once, on the thread that reports it) when the client gives up. */
  void onGiveUp(Runnable action) {
    this.onGiveUp = action;
  }

  /** Why the client stopped trying to connect, or null while it has not. */
  MqttException gaveUp() {
    return gaveUp;
  }

  /** Records the first reason to stop: the client's, or {@code connectAsync}'s failure. */
  void gaveUp(Throwable failure) {
    synchronized (this) {
      if (gaveUp != null) return;
      gaveUp = failure instanceof MqttException ? (MqttException) failure
          : new MqttException("the client stopped: " + failure, failure);
    }
    Runnable action = onGiveUp;
    if (action != null) action.run();
  }

  @Override public void connected(String serverUri, boolean sessionPresent) {
    changed(Progress.CONNECTED);
  }

  @Override public void disconnected(String serverUri, MqttException cause, boolean willReconnect) {
    // disconnect() and close() end with NotConnectedException: the command asked for that.
    if (!willReconnect && !(cause instanceof NotConnectedException)) gaveUp(cause);
    changed(Progress.OFFLINE);
  }

  @Override public void reconnecting(int attempt, long delayMillis) {
    changed(Progress.OFFLINE);
  }

  /** The SDK's reason for an expired message starts with "expired: ". */
  @Override public void messageDropped(Message message, String reason) {
    java.io.PrintStream out = drops;
    if (out == null || reason == null || !reason.startsWith("expired: ")) return;
    out.println("wren: dropped a message to " + Errors.quote(message.topic()) + " as expired ("
        + Errors.oneLine(reason.substring("expired: ".length())) + ")");
    out.flush();
    expiredReported.incrementAndGet();
  }

  private void changed(String state) {
    Progress p = progress;
    if (p != null) p.changed(state);
  }
}
