package dev.wren.bench.driver;

import java.io.IOException;

/**
 * One connected client of one library, reduced to what the harness does with it. Thread-safety is
 * the library's: the harness publishes from one thread, and callbacks arrive on library threads.
 */
public interface BenchClient extends AutoCloseable {
  /** Subscribes and waits for the SUBACK; every message's payload then goes to {@code receiver}. */
  void subscribe(String topic, int qos, Receiver receiver) throws Exception;

  /**
   * Hands one message to the library without waiting for the broker; {@code done} is called once,
   * on whatever thread the library uses, when the library reports the message done: written for
   * QoS 0, PUBACK for QoS 1, PUBCOMP for QoS 2.
   */
  void publish(String topic, byte[] payload, int qos, Done done) throws Exception;

  /**
   * Called by the harness before it waits for anything (a full window, the pace of a rate, the
   * end of a run). Only the raw client, which buffers its writes, has something to do here.
   */
  default void flush() throws IOException {}

  /** Disconnects and releases the client's threads and files. */
  @Override void close() throws Exception;

  /** Receives payloads, one at a time, on a library thread. */
  interface Receiver {
    void onMessage(byte[] array, int offset, int length);
  }

  /** Told once when a published message is done. */
  interface Done {
    /** @param failure null when the library reports success */
    void done(Throwable failure);
  }
}
