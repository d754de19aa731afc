package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.Subscription;
import java.util.List;

/** Placeholder while the connection loop is written; replaced before this branch lands. */
public final class ClientCore {
  public ClientCore(MqttOptions options) {
  }

  public boolean connect() throws MqttException, InterruptedException {
    throw new UnsupportedOperationException();
  }

  public boolean isConnected() {
    throw new UnsupportedOperationException();
  }

  public Delivery publish(Message message, long timeoutMillis)
      throws MqttException, InterruptedException {
    throw new UnsupportedOperationException();
  }

  public Completion<List<Qos>> subscribe(List<Subscription> subscriptions) throws MqttException {
    throw new UnsupportedOperationException();
  }

  public Completion<Void> unsubscribe(List<String> filters) throws MqttException {
    throw new UnsupportedOperationException();
  }

  public void disconnect() throws InterruptedException {
    throw new UnsupportedOperationException();
  }

  public void close() {
    throw new UnsupportedOperationException();
  }
}
