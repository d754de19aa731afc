package dev.wren.mqtt;

import java.util.concurrent.TimeUnit;

/**
 * The progress of one published message. It completes when the message was written (QoS 0), on
 * PUBACK (QoS 1), or on PUBCOMP (QoS 2). A QoS 1/2 message waits in the outbound queue across
 * lost connections; its delivery fails only when the queue drops it, or when the client is
 * closed first (the message stays in a file queue for the next client on that directory).
 * Thread-safe. Waiting on the client's I/O thread throws {@link IllegalStateException}.
 *
 * <p>The client holds a delivery only while a thread waits in {@link #await} or a
 * {@link #whenDone} listener has not been called yet; otherwise it learns its outcome when looked
 * at. Dropping one frees it and its message at once, also while the message waits in a file queue.
 */
public interface Delivery {
  /** The message as the application handed it over. */
  Message message();

  /** True once delivered or failed. */
  boolean isDone();

  /** True once delivered as its QoS promises. */
  boolean isDelivered();

  /**
   * True once a QoS 1/2 message is on stable storage in a file queue: at once with
   * {@link SyncPolicy#ALWAYS}, after the group commit with {@link SyncPolicy#BATCH}.
   */
  boolean isPersisted();

  /**
   * Waits up to {@code timeout} until {@link #isPersisted()}.
   *
   * @throws MqttTimeoutException if not persisted in time
   * @throws IllegalStateException when it never will be (QoS 0, a memory queue, or
   *     {@link SyncPolicy#NEVER}), or when called on the client's I/O thread
   */
  void awaitPersisted(long timeout, TimeUnit unit) throws MqttException, InterruptedException;

  /** The failure, or null when not failed (yet). */
  Throwable failure();

  /**
   * MQTT 5: the reason code of the broker's acknowledgement once delivered: 0x00 success, or a
   * success with information such as 0x10 (No matching subscribers). 0 before that, for QoS 0 and
   * under 3.1.1. A refusal (0x80 and above) is a {@link PublishFailedException} failure instead.
   */
  int reasonCode();

  /**
   * Waits up to {@code timeout} for the delivery.
   *
   * @throws MqttTimeoutException if not done in time (the message may still be delivered later)
   * @throws MqttException the failure, when delivery failed
   * @throws IllegalStateException when called on the client's I/O thread, where it would deadlock
   */
  void await(long timeout, TimeUnit unit) throws MqttException, InterruptedException;

  /**
   * Calls {@code listener} once when done, on the thread that completes it (usually the I/O
   * thread: keep it short), or at once on the caller's thread if already done.
   */
  Delivery whenDone(Listener listener);

  /** Told when a {@link Delivery} is done. */
  interface Listener {
    /** @param failure null when delivered */
    void onDone(Delivery delivery, Throwable failure);
  }
}
