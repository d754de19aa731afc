package dev.wren.android.sample;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hands each client event to several listeners in order, because {@code MqttOptions} takes one.
 * Immutable, so as thread-safe as the listeners it holds.
 */
public final class Listeners extends ClientListener {
  private final List<ClientListener> listeners;

  public Listeners(ClientListener... listeners) {
    List<ClientListener> all = new ArrayList<>(listeners.length);
    for (ClientListener l : listeners) {
      if (l == null) throw new NullPointerException("a listener is null");
      all.add(l);
    }
    this.listeners = Collections.unmodifiableList(all);
  }

  @Override public void connected(String serverUri, boolean sessionPresent) {
    for (ClientListener l : listeners) l.connected(serverUri, sessionPresent);
  }

  @Override public void disconnected(String serverUri, MqttException cause, boolean willReconnect) {
    for (ClientListener l : listeners) l.disconnected(serverUri, cause, willReconnect);
  }

  @Override public void reconnecting(int attempt, long delayMillis) {
    for (ClientListener l : listeners) l.reconnecting(attempt, delayMillis);
  }

  @Override public void messageDropped(Message message, String reason) {
    for (ClientListener l : listeners) l.messageDropped(message, reason);
  }
}
