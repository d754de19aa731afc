package dev.wren.mqtt.internal.queue;

import java.io.Closeable;
import java.io.IOException;

/**
 * The outbound QoS 1/2 queue: the source of truth for every message the client was handed, from
 * {@code publish} until the broker acknowledges it (PUBACK, or PUBCOMP for QoS 2).
 *
 * <p>Each message gets a sequence number one above the previous one; a file queue continues the
 * numbering across restarts. The MQTT packet identifier is derived from it
 * ({@link QueuedMessage#packetIdOf}), so a message keeps its identifier across reconnects and
 * restarts without a record of its own.
 *
 * <p>{@link #append} and the size getters may be called from any thread; the cursor methods
 * ({@link #next}, {@link #rewind}, {@link #pubrelSent}, {@link #acknowledged}) and {@link #sync}
 * are called by the client's I/O thread only. Implementations are thread-safe for that split.
 */
public interface OutboundQueue extends Closeable {
  /** Told about what the queue did on its own. Called without the queue's lock held. */
  interface Listener {
    /** Every message with a sequence number up to {@code seq} is now on stable storage. */
    void synced(long seq);

    /** The overflow policy dropped {@code message} (read back, with payload) to make room. */
    void dropped(QueuedMessage message, String reason);
  }

  /**
   * Appends a message at the tail and returns its sequence number. With the sync policy
   * {@code ALWAYS} it returns once the message is on stable storage.
   *
   * @throws dev.wren.mqtt.QueueFullException when full and the overflow policy is REJECT_NEW
   * @throws IOException when the message could not be stored; nothing stored before is lost
   */
  long append(String topic, byte[] payload, int qos, boolean retain) throws IOException;

  /**
   * The oldest message not yet handed out since the last {@link #rewind}, read back from storage,
   * or null when every stored message has been handed out.
   */
  QueuedMessage next() throws IOException;

  /** Hands out again, from the oldest, every message not yet acknowledged (after a reconnect). */
  void rewind();

  /** Records that PUBREL was sent for QoS 2 message {@code seq}: resume with PUBREL, not PUBLISH. */
  void pubrelSent(long seq) throws IOException;

  /** Records the final acknowledgement of {@code seq}; the message leaves the queue. */
  void acknowledged(long seq) throws IOException;

  /**
   * The sequence number the next append will get. Read once after opening: everything below it
   * was recovered from storage.
   */
  long nextSeq();

  /** Messages not yet acknowledged. */
  int size();

  /** Bytes those messages take in storage. */
  long sizeBytes();

  /**
   * When {@link #sync} should run next, in {@link System#nanoTime()} terms, for the {@code BATCH}
   * group commit; {@link Long#MAX_VALUE} when nothing waits for a sync.
   */
  long syncDueNanos();

  /** Forces everything appended so far to stable storage (a no-op for memory queues). */
  void sync() throws IOException;

  /** True when messages survive the process (a file queue). */
  boolean durable();
}
