package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinylog.Logger;

/**
 * The {@link OutboundQueue} on the heap, bounded by {@link QueueOptions#maxMessages()} and
 * {@link QueueOptions#maxBytes()}; lost with the process. Sizes are counted as the file queue would
 * store the message, so limits mean the same for both. Thread-safe (one monitor), as
 * {@link OutboundQueue} describes.
 *
 * <p>Messages sit in a ring indexed by {@code seq - base}: sequence numbers are consecutive, so an
 * append stores the {@link QueuedMessage} it hands out later and nothing else (no map entry, no
 * boxed key, no payload copy: the caller does not write the array after append). Acknowledged,
 * dropped and expired messages leave a null slot until everything before them is gone too; the
 * ring spans from the oldest unacknowledged message to the newest, which the client keeps below
 * 65535 messages in flight plus the queue's limit.
 */
final class MemoryQueue implements OutboundQueue {
  private static final int INITIAL_SLOTS = 16;
  /** An emptied ring larger than this is given back, so a burst does not pin its memory. */
  private static final int KEPT_SLOTS = 1024;

  private final Capacity capacity;
  private final Listener listener;
  private final WallClock wallClock;
  /** Slot of {@code base + i} is {@code (head + i) & (ring.length - 1)}; null once removed. */
  private QueuedMessage[] ring = new QueuedMessage[INITIAL_SLOTS];
  private int[] sizes = new int[INITIAL_SLOTS];
  private boolean[] pubrels = new boolean[INITIAL_SLOTS];
  private int head;
  /** The oldest message still queued, or {@code nextSeq} when empty. */
  private long base;
  private long nextSeq;
  private int count;
  private long bytes;
  /** Every message below it was handed out by next(); all from it on are queued. */
  private long frontier;
  private int handedOut;
  private long handedOutBytes;
  private long cursor;
  private boolean closed;

  MemoryQueue(QueueOptions options, Listener listener) {
    this(options, listener, WallClock.SYSTEM);
  }

  MemoryQueue(QueueOptions options, Listener listener, WallClock wallClock) {
    this.capacity = new Capacity(options);
    this.listener = listener;
    this.wallClock = wallClock;
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain)
      throws dev.wren.mqtt.QueueFullException {
    return append(topic, payload, qos, retain, NO_EXPIRY, null);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      Appended appended) throws dev.wren.mqtt.QueueFullException {
    return append(topic, payload, qos, retain, NO_EXPIRY, appended);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      long lifetimeMillis, Appended appended) throws dev.wren.mqtt.QueueFullException {
    return append(topic, payload, qos, retain, lifetimeMillis, null, appended);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      long lifetimeMillis, byte[] properties, Appended appended) throws dev.wren.mqtt.QueueFullException {
    properties = RecordCodec.checkedProperties(properties);
    int topicLength = RecordCodec.checkedTopicLength(topic, payload, qos);
    RecordCodec.checkLifetime(lifetimeMillis);
    long deadline = lifetimeMillis == NO_EXPIRY ? QueuedMessage.NO_DEADLINE
        : QueuedMessage.deadlineOf(wallClock.currentTimeMillis(), lifetimeMillis);
    int size = QueueFormat.messageRecordSize(topicLength, payload.length, deadline, properties);
    List<QueuedMessage> dropped = null;
    String reason = null;
    long seq;
    synchronized (this) {
      checkOpen();
      if (!capacity.fits(count, bytes, size)) {
        capacity.checkRoomPossible(count, bytes, size, handedOut, handedOutBytes);
        reason = "queue full, " + capacity.limitHit(count, bytes, size)
            + ": dropped the oldest message not yet sent (DROP_OLDEST)";
        dropped = new ArrayList<>(1);
        while (!capacity.fits(count, bytes, size)) {
          // checkRoomPossible saw room once the unsent are gone, so frontier < nextSeq here.
          dropped.add(remove(frontier));
          frontier++;
        }
        trimHead();
      }
      seq = nextSeq;
      if (seq - base == ring.length) grow();
      int slot = slot(seq);
      ring[slot] = new QueuedMessage(seq, topic, payload, qos, retain, false, deadline,
          properties);
      sizes[slot] = size;
      nextSeq++;
      count++;
      bytes += size;
      if (appended != null) appended.appended(seq);
    }
    if (dropped != null) {
      for (QueuedMessage m : dropped) {
        try {
          listener.dropped(m, reason);
        } catch (RuntimeException e) {
          Logger.error(e, "Queue listener failed on dropped({})", m);
        }
      }
    }
    return seq;
  }

  @Override public QueuedMessage next() {
    while (true) {
      QueuedMessage expired;
      synchronized (this) {
        checkOpen();
        long seq = Math.max(cursor, base);
        while (seq < nextSeq && ring[slot(seq)] == null) seq++;
        cursor = seq;
        if (seq == nextSeq) return null;
        int slot = slot(seq);
        QueuedMessage m = ring[slot];
        cursor = seq + 1;
        if (seq < frontier) return handedOutAgain(slot, m);
        frontier = seq + 1;
        // Only before its first hand-out: once sent it may be at the broker, and is kept.
        if (m.deadline() == QueuedMessage.NO_DEADLINE
            || wallClock.currentTimeMillis() < m.deadline()) {
          handedOut++;
          handedOutBytes += sizes[slot];
          return m;
        }
        remove(seq);
        trimHead();
        expired = m;
      }
      try {
        listener.expired(expired);
      } catch (RuntimeException e) {
        Logger.error(e, "Queue listener failed on expired({})", expired);
      }
    }
  }

  /** {@code m} as handed out again: with its PUBREL step once recorded (made once, then kept). */
  private QueuedMessage handedOutAgain(int slot, QueuedMessage m) {
    if (!pubrels[slot] || m.pubrelSent()) return m;
    QueuedMessage resumed = new QueuedMessage(m.seq(), m.topic(), m.payload(), m.qos(), m.retain(),
        true, m.deadline(), m.properties());
    ring[slot] = resumed;
    return resumed;
  }

  @Override public synchronized void rewind() {
    checkOpen();
    cursor = Math.min(base, frontier);
  }

  @Override public synchronized void pubrelSent(long seq) {
    checkOpen();
    QueuedMessage m = handedOut(seq, "pubrelSent");
    if (m == null || m.qos() != 2) {
      throw new IllegalArgumentException("pubrelSent(" + seq + "): "
          + (m == null ? "not a message handed out by next() and unacknowledged"
              : "QoS " + m.qos()));
    }
    pubrels[slot(seq)] = true;
  }

  @Override public synchronized void acknowledged(long seq) {
    checkOpen();
    QueuedMessage m = handedOut(seq, "acknowledged");
    if (m == null) {
      Logger.debug("Memory queue: message {} acknowledged again; ignored", seq);
      return;
    }
    handedOut--;
    handedOutBytes -= sizes[slot(seq)];
    remove(seq);
    trimHead();
  }

  /** The handed-out message {@code seq}, null if done; throws if never handed out. */
  private QueuedMessage handedOut(long seq, String call) {
    if (seq < 0 || seq >= frontier) {
      throw new IllegalArgumentException(call + "(" + seq
          + "): not a message handed out by next()");
    }
    return seq < base ? null : ring[slot(seq)];
  }

  private int slot(long seq) {
    return (head + (int) (seq - base)) & (ring.length - 1);
  }

  /** Takes queued message {@code seq} out of its slot; the caller trims the head after. */
  private QueuedMessage remove(long seq) {
    int slot = slot(seq);
    QueuedMessage m = ring[slot];
    ring[slot] = null;
    pubrels[slot] = false;
    count--;
    bytes -= sizes[slot];
    return m;
  }

  /** Moves {@code base} past removed messages, and gives back a large ring once empty. */
  private void trimHead() {
    while (base < nextSeq && ring[head] == null) {
      head = (head + 1) & (ring.length - 1);
      base++;
    }
    if (count == 0 && ring.length > KEPT_SLOTS) allocate(KEPT_SLOTS);
  }

  private void grow() {
    if (ring.length > Integer.MAX_VALUE / 2) {
      throw new IllegalStateException("memory queue spans " + ring.length + " messages from the"
          + " oldest unacknowledged one (" + base + "); acknowledge messages before appending"
          + " more");
    }
    QueuedMessage[] oldRing = ring;
    int[] oldSizes = sizes;
    boolean[] oldPubrels = pubrels;
    int oldHead = head;
    allocate(oldRing.length * 2);
    int firstPart = oldRing.length - oldHead;
    System.arraycopy(oldRing, oldHead, ring, 0, firstPart);
    System.arraycopy(oldRing, 0, ring, firstPart, oldHead);
    System.arraycopy(oldSizes, oldHead, sizes, 0, firstPart);
    System.arraycopy(oldSizes, 0, sizes, firstPart, oldHead);
    System.arraycopy(oldPubrels, oldHead, pubrels, 0, firstPart);
    System.arraycopy(oldPubrels, 0, pubrels, firstPart, oldHead);
  }

  private void allocate(int slots) {
    ring = new QueuedMessage[slots];
    sizes = new int[slots];
    pubrels = new boolean[slots];
    head = 0;
  }

  @Override public synchronized long nextSeq() {
    return nextSeq;
  }

  @Override public synchronized int size() {
    return count;
  }

  @Override public synchronized long sizeBytes() {
    return bytes;
  }

  @Override public long syncDueNanos() {
    return Long.MAX_VALUE;
  }

  @Override public void sync() {
  }

  @Override public void flushSteps() {
  }

  @Override public boolean awaitReleasingSync(long maxNanos) {
    return false;
  }

  @Override public boolean sendTakenOver(long seq) {
    return false;
  }

  @Override public boolean durable() {
    return false;
  }

  /** Forgets every message; the queue refuses further calls except the size getters. */
  @Override public synchronized void close() {
    closed = true;
    Arrays.fill(ring, null);
    count = 0;
    bytes = 0;
    base = nextSeq;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("memory queue is closed");
  }

  @Override public synchronized String toString() {
    return "MemoryQueue{" + count + " messages}";
  }
}
