package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttTimeoutException;
import java.util.concurrent.TimeUnit;

/** The {@link Delivery} of one published message. Thread-safe. */
final class DeliveryImpl extends Outcome<Void, Delivery.Listener> implements Delivery {
  private final Message message;
  private volatile Deliveries tracker;
  private volatile long seq = -1;
  private volatile String neverPersisted = "QoS 0 messages are not queued";

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

  /**
   * The message was queued as {@code seq}.
   *
   * @param neverPersisted why it will never be on stable storage, or null when it will
   */
  void queued(long seq, Deliveries tracker, String neverPersisted) {
    this.seq = seq;
    this.tracker = tracker;
    this.neverPersisted = neverPersisted;
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

  @Override public boolean isPersisted() {
    Deliveries t = tracker;
    return neverPersisted == null && t != null && t.isSynced(seq);
  }

  @Override public void awaitPersisted(long timeout, TimeUnit unit)
      throws MqttException, InterruptedException {
    if (neverPersisted != null) {
      throw new IllegalStateException("the message to '" + message.topic()
          + "' will never be persisted: " + neverPersisted);
    }
    checkNotIoThread("persistence of the message to '" + message.topic() + "'");
    if (!tracker.awaitSynced(seq, timeout, unit)) {
      throw new MqttTimeoutException("the message to '" + message.topic()
          + "' was not synced to the queue's files within " + unit.toMillis(timeout) + " ms");
    }
  }

  @Override public void await(long timeout, TimeUnit unit)
      throws MqttException, InterruptedException {
    awaitValue(timeout, unit);
  }

  @Override public Delivery whenDone(Listener listener) {
    addListener(listener);
    Deliveries t = tracker;
    if (t != null && !isDone()) t.pin(seq, this);
    return this;
  }

  @Override public String toString() {
    return "Delivery{" + message + (isDone() ? (isDelivered() ? ", delivered" : ", failed") : "") + "}";
  }
}
