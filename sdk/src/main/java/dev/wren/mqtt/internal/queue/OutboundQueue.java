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
 * After {@link #close} every method but the size getters throws {@link IllegalStateException}.
 */
public interface OutboundQueue extends Closeable {
  /** Told about what the queue did on its own. Called without the queue's lock held. */
  interface Listener {
    /**
     * Every message with a sequence number up to {@code seq} is now on stable storage. Called by
     * whichever thread ran the sync (the I/O thread in {@link #sync}, a publisher in
     * {@link #append} under {@code ALWAYS}, the thread in {@link #close}), with {@code seq}
     * increasing from call to call, and only after a real sync: never for memory queues or
     * {@code NEVER}.
     */
    void synced(long seq);

    /**
     * The overflow policy dropped {@code message} (read back, with payload) to make room. Called on
     * the publishing thread inside {@link #append}, before it returns or throws.
     */
    void dropped(QueuedMessage message, String reason);

    /**
     * {@code message} (read back, with payload) passed its deadline before it was first handed
     * out, and left the queue without being sent. Called on the thread in {@link #next}, without
     * the queue's lock, before {@code next} goes on to the following message.
     */
    void expired(QueuedMessage message);
  }

  /** The {@code lifetimeMillis} of a message that does not expire. */
  long NO_EXPIRY = -1;

  /** Told a new message's sequence number before any other thread can take it with {@link #next}. */
  interface Appended {
    /** Called with the queue's lock held: record the number, nothing more. */
    void appended(long seq);
  }

  /** Same as {@link #append(String, byte[], int, boolean, long, Appended)}, no expiry or callback. */
  long append(String topic, byte[] payload, int qos, boolean retain) throws IOException;

  /** Same as {@link #append(String, byte[], int, boolean, long, Appended)} without expiry. */
  long append(String topic, byte[] payload, int qos, boolean retain, Appended appended)
      throws IOException;

  /**
   * Appends a message at the tail and returns its sequence number, telling {@code appended}
   * (when not null) first. With the sync policy
   * {@code ALWAYS} it returns once the message is on stable storage.
   *
   * <p>With {@code lifetimeMillis} of 0 or more the message gets a deadline: the queue's wall
   * clock now plus the lifetime, stored with the message. A message whose deadline has come when
   * {@link #next} would hand it out for the first time since the queue was opened is removed
   * instead and reported to {@link Listener#expired}. Once handed out it is kept until
   * acknowledged (it may be on the wire: MQTT 3.1.1 has the client re-send it), and so is a QoS 2
   * message whose PUBREL step is recorded.
   *
   * <p>The caller does not write {@code payload} after the call: a memory queue keeps the array
   * itself and hands it out in {@link QueuedMessage#payload()} (the client passes the array of an
   * immutable {@code Message}).
   *
   * @param qos 1 or 2; the topic must be at most 65535 bytes of UTF-8 (else
   *     {@link IllegalArgumentException})
   * @throws dev.wren.mqtt.QueueFullException when full and the overflow policy is REJECT_NEW, or
   *     DROP_OLDEST finds only handed-out messages
   * @throws dev.wren.mqtt.QueueStorageException when the message could not be stored; nothing
   *     stored before is lost, and the message says whether the queue accepts new ones
   * @throws java.io.InterruptedIOException when interrupted waiting for an {@code ALWAYS} sync: the
   *     message is stored, maybe not yet synced
   */
  long append(String topic, byte[] payload, int qos, boolean retain, long lifetimeMillis,
      Appended appended) throws IOException;

  /**
   * As {@link #append(String, byte[], int, boolean, long, Appended)}, with the message's MQTT 5
   * property block: opaque bytes kept like the payload (a memory queue keeps the array, a file
   * queue stores it in the record) and handed out in {@link QueuedMessage#properties()}. Null or
   * empty for none.
   *
   * @throws IllegalArgumentException if {@code properties} is over 256 KiB
   */
  long append(String topic, byte[] payload, int qos, boolean retain, long lifetimeMillis,
      byte[] properties, Appended appended) throws IOException;

  /**
   * The oldest message not yet handed out since the last {@link #rewind}, read back from storage,
   * or null when every stored message has been handed out. Expired messages on the way are
   * removed and reported ({@link Listener#expired}).
   */
  QueuedMessage next() throws IOException;

  /** Hands out again, from the oldest, every message not yet acknowledged (after a reconnect). */
  void rewind();

  /**
   * Records that PUBREL is being sent for QoS 2 message {@code seq}, handed out and not yet
   * acknowledged: from now on it is handed out with {@link QueuedMessage#pubrelSent()}, so the
   * flow resumes with PUBREL. Under {@code ALWAYS} it returns once the step is synced: call it
   * before writing the PUBREL.
   *
   * @throws IllegalArgumentException if {@code seq} is not a handed-out QoS 2 message
   */
  void pubrelSent(long seq) throws IOException;

  /**
   * Records the final acknowledgement of {@code seq}; the message leaves the queue, even if the
   * record cannot be written (then this throws, and after a restart the message is sent again).
   * Acknowledging a message twice is ignored.
   *
   * @throws IllegalArgumentException if {@code seq} was never handed out by {@link #next}
   */
  void acknowledged(long seq) throws IOException;

  /**
   * The sequence number the next append will get. Read once after opening: everything below it
   * was recovered from storage.
   */
  long nextSeq();

  /** Messages not yet acknowledged. */
  int size();

  /** Bytes those messages take in storage: topic and payload plus 22 bytes each. */
  long sizeBytes();

  /**
   * When {@link #sync} should run next, in {@link System#nanoTime()} terms, for the {@code BATCH}
   * group commit; {@link Long#MAX_VALUE} when nothing waits for a sync.
   */
  long syncDueNanos();

  /**
   * Forces everything written so far to stable storage and tells the listener; a no-op for
   * memory queues and the {@code NEVER} policy.
   */
  void sync() throws IOException;

  /**
   * Writes the acknowledgement records that wait for the next write (a file queue gathers them,
   * like socket writes, so a batch of acknowledgements costs one write); the I/O thread calls it
   * before it waits for the broker. {@link #sync} and {@link #close} write them too. Until then a
   * {@code kill -9} forgets those acknowledgements, and the messages are sent again after a
   * restart, as QoS 1 and 2 allow. A no-op for memory queues.
   */
  void flushSteps() throws IOException;

  /**
   * For the I/O thread under {@code SyncPolicy.ALWAYS}: if a sync runs that covers messages never
   * handed out by {@link #next}, waits for it, up to {@code maxNanos}, and takes over sending what
   * it releases, so the publisher that runs it can go on to its next message at once (see
   * {@link #sendTakenOver}). False at once when no such sync runs, or the wait ran out first; the
   * publisher then sends its own.
   */
  boolean awaitReleasingSync(long maxNanos);

  /**
   * Whether the I/O thread, waiting in {@link #awaitReleasingSync}, took over sending message
   * {@code seq}, which {@link #append} synced. False for a memory queue and the other policies.
   */
  boolean sendTakenOver(long seq);

  /** True when messages survive the process (a file queue). */
  boolean durable();

  /**
   * Syncs (unless the policy is {@code NEVER}), closes the files and releases the directory lock.
   * Safe to call twice.
   */
  @Override void close() throws IOException;
}
