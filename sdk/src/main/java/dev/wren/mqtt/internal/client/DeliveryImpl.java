package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import java.util.concurrent.TimeUnit;

/** The {@link Delivery} of one published message. Thread-safe. */
final class DeliveryImpl extends Outcome<Void, Delivery.Listener> implements Delivery {
  private final Message message;

  DeliveryImpl(IoThread ioThread, Message message) {
    super(ioThread);
    this.message = message;
  }

  @Override String describe() {
    return "delivery of the message to '" + message.topic() + "' (QoS " + message.qos().value() + ")";
  }

  @Override void notify(Listener listener, Void value, Throwable failure) {
    listener.onDone(this, failure);
  }

  void delivered() {
    complete(null);
  }

  @Override public Message message() {
    return message;
  }

  @Override public boolean isDelivered() {
    return succeeded();
  }

  @Override public void await(long timeout, TimeUnit unit)
      throws MqttException, InterruptedException {
    awaitValue(timeout, unit);
  }

  @Override public Delivery whenDone(Listener listener) {
    addListener(listener);
    return this;
  }

  @Override public String toString() {
    return "Delivery{" + message + (isDone() ? (isDelivered() ? ", delivered" : ", failed") : "") + "}";
  }
}
