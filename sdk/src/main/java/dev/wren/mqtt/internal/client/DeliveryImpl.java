package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Delivery} of one published message. A queued one is not held by the client unless
 * someone waits on it or gave it a listener: it learns its outcome from {@link Deliveries} when
 * looked at. Thread-safe.
 */
final class DeliveryImpl extends Outcome<Void, Delivery.Listener>
    implements Delivery, OutboundQueue.Appended {
  private final Message message;
  private volatile Deliveries tracker;
  private volatile long seq = -1;
  private volatile int reasonCode;
  private volatile String neverPersisted = "QoS 0 messages are not queued";
  /** Keeps the outcomes of its epoch from being forgotten while this delivery exists. */
  private Deliveries.Epoch epoch;
  /** Guarded by the tracker: threads in await(), and whether a listener waits. */
  int waiters;
  boolean pinned;

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

  @Override void refresh() {
    Deliveries t = tracker;
    if (t != null) t.settle(this);
  }

  /**
   * The message is about to be appended to the queue, this being its {@link #appended} callback
   * (so that a publish makes no callback object of its own). Nobody else holds this delivery
   * until {@code publish} returns it, so the tracker may be set before the sequence number.
   *
   * @param neverPersisted why it will never be on stable storage, or null when it will
   */
  void queueing(Deliveries tracker, String neverPersisted) {
    this.tracker = tracker;
    this.neverPersisted = neverPersisted;
  }

  /** The message was queued as {@code seq}. Called with the queue's lock held. */
  @Override public void appended(long seq) {
    this.seq = seq;
    this.epoch = tracker.queued(seq);
  }

  long seq() {
    return seq;
  }

  void delivered() {
    complete(null);
  }

  /** Delivered, with the MQTT 5 reason code of the acknowledgement (0 or an informational one). */
  void delivered(int reasonCode) {
    this.reasonCode = reasonCode;
    complete(null);
  }

  @Override public int reasonCode() {
    return succeeded() ? reasonCode : 0;
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
    boolean synced;
    try {
      synced = tracker.awaitSynced(seq, timeout, unit);
    } catch (MqttException e) {
      throw e;
    } catch (IOException e) {
      throw new MqttException("cannot sync the outbound queue for the message to '"
          + message.topic() + "': " + e.getMessage(), e);
    }
    if (!synced) {
      throw new MqttTimeoutException("the message to '" + message.topic()
          + "' was not synced to the queue's files within " + unit.toMillis(timeout) + " ms");
    }
  }

  @Override public void await(long timeout, TimeUnit unit)
      throws MqttException, InterruptedException {
    Deliveries t = tracker;
    if (t == null || doneHere()) {
      awaitValue(timeout, unit);
      return;
    }
    checkNotIoThread(describe());
    // Held while waited on, so the outcome is handed to this object when it arrives.
    if (!t.watch(this, false)) {
      awaitValue(timeout, unit);
      return;
    }
    try {
      awaitValue(timeout, unit);
    } finally {
      t.unwatch(this);
    }
  }

  @Override public Delivery whenDone(Listener listener) {
    if (listener == null) throw new NullPointerException("listener == null");
    Deliveries t = tracker;
    // Held until done, so the listener hears; completed at once if the outcome is known.
    if (t != null && !doneHere()) t.watch(this, true);
    addListener(listener);
    return this;
  }

  @Override public String toString() {
    return "Delivery{" + message + (isDone() ? (isDelivered() ? ", delivered" : ", failed") : "") + "}";
  }
}
