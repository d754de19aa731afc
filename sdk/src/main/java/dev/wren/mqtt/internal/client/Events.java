package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import org.tinylog.Logger;

/**
 * Tells the application's {@link ClientListener}, if any, and keeps a listener's exception from
 * reaching the I/O thread's loop. Thread-safe when the listener is.
 */
final class Events {
  private final ClientListener listener;

  Events(ClientListener listener) {
    this.listener = listener;
  }

  void connected(String server, boolean sessionPresent) {
    if (listener == null) return;
    try {
      listener.connected(server, sessionPresent);
    } catch (Exception e) {
      failed("connected", e);
    }
  }

  void disconnected(String server, MqttException cause, boolean willReconnect) {
    if (listener == null) return;
    try {
      listener.disconnected(server, cause, willReconnect);
    } catch (Exception e) {
      failed("disconnected", e);
    }
  }

  void reconnecting(int attempt, long delayMillis) {
    if (listener == null) return;
    try {
      listener.reconnecting(attempt, delayMillis);
    } catch (Exception e) {
      failed("reconnecting", e);
    }
  }

  void messageDropped(Message message, String reason) {
    if (listener == null) return;
    try {
      listener.messageDropped(message, reason);
    } catch (Exception e) {
      failed("messageDropped", e);
    }
  }

  private static void failed(String method, Exception e) {
    // Exception, not RuntimeException: Kotlin listeners may throw checked ones.
    Logger.error(e, "ClientListener.{} threw; ignored so the client keeps running", method);
  }
}
