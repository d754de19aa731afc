package dev.wren.mqtt;

import java.util.concurrent.TimeUnit;

/**
 * The outcome of an operation the broker acknowledges later: a SUBSCRIBE (its granted QoS), an
 * UNSUBSCRIBE. Thread-safe. Waiting on the client's I/O thread (inside a {@link MessageHandler})
 * throws {@link IllegalStateException}, because that thread is the one that reads the answer.
 *
 * @param <T> the result type
 */
public interface Completion<T> {
  boolean isDone();

  /**
   * Waits up to {@code timeout} for the outcome.
   *
   * @return the result
   * @throws MqttTimeoutException if it is not done in time
   * @throws MqttException the failure, when the operation failed
   * @throws IllegalStateException when called on the client's I/O thread
   */
  T await(long timeout, TimeUnit unit) throws MqttException, InterruptedException;

  /**
   * Calls {@code listener} once when done, on the thread that completes it (usually the I/O
   * thread), or at once on the caller's thread if already done.
   */
  Completion<T> whenDone(Listener<T> listener);

  /** Told when a {@link Completion} is done. */
  interface Listener<T> {
    /** @param result the result, or null on failure; @param failure the failure, or null */
    void onDone(T result, Throwable failure);
  }
}
