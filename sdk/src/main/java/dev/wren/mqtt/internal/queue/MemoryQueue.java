package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinylog.Logger;

/**
 * The {@link OutboundQueue} on the heap, bounded by {@link QueueOptions#maxMessages()} and
 * {@link QueueOptions#maxBytes()}; lost with the process. Sizes are counted as the file queue would
 * store the message, so limits mean the same for both. Thread-safe (one monitor), as
 * {@link OutboundQueue} describes.
 */
final class MemoryQueue implements OutboundQueue {
  private static final class Entry {
    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    final int size;
    final long deadline;
    boolean pubrelSent;

    Entry(String topic, byte[] payload, int qos, boolean retain, int size, long deadline) {
      this.topic = topic;
      this.payload = payload;
      this.qos = qos;
      this.retain = retain;
      this.size = size;
      this.deadline = deadline;
    }
  }

  private final Capacity capacity;
  private final Listener listener;
  private final WallClock wallClock;
  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private long nextSeq;
  private long bytes;
  /** Every message below it was handed out by next(); the overflow policy drops from here. */
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
    byte[] topicBytes = RecordCodec.checkedTopic(topic, payload, qos);
    RecordCodec.checkLifetime(lifetimeMillis);
    long deadline = QueuedMessage.deadlineOf(wallClock.currentTimeMillis(), lifetimeMillis);
    int size = QueueFormat.messageRecordSize(topicBytes.length, payload.length, deadline);
    List<QueuedMessage> dropped = new ArrayList<>(0);
    String reason = null;
    long seq;
    synchronized (this) {
      checkOpen();
      if (!capacity.fits(entries.size(), bytes, size)) {
        capacity.checkRoomPossible(entries.size(), bytes, size, handedOut, handedOutBytes);
        reason = "queue full, " + capacity.limitHit(entries.size(), bytes, size)
            + ": dropped the oldest message not yet sent (DROP_OLDEST)";
        while (!capacity.fits(entries.size(), bytes, size)) {
          Map.Entry<Long, Entry> oldest = entries.ceilingEntry(frontier);
          entries.remove(oldest.getKey());
          bytes -= oldest.getValue().size;
          frontier = oldest.getKey() + 1;
          dropped.add(message(oldest.getKey(), oldest.getValue()));
        }
      }
      seq = nextSeq++;
      entries.put(seq, new Entry(topic, payload.clone(), qos, retain, size, deadline));
      bytes += size;
      if (appended != null) appended.appended(seq);
    }
    for (QueuedMessage m : dropped) {
      try {
        listener.dropped(m, reason);
      } catch (RuntimeException e) {
        Logger.error(e, "Queue listener failed on dropped({})", m);
      }
    }
    return seq;
  }

  @Override public QueuedMessage next() {
    while (true) {
      QueuedMessage expired;
      synchronized (this) {
        checkOpen();
        Map.Entry<Long, Entry> e = entries.ceilingEntry(cursor);
        if (e == null) return null;
        long seq = e.getKey();
        Entry entry = e.getValue();
        cursor = seq + 1;
        if (seq < frontier) return message(seq, entry);
        frontier = seq + 1;
        // Only before its first hand-out: once sent it may be at the broker, and is kept.
        if (entry.deadline == QueuedMessage.NO_DEADLINE
            || wallClock.currentTimeMillis() < entry.deadline) {
          handedOut++;
          handedOutBytes += entry.size;
          return message(seq, entry);
        }
        entries.remove(seq);
        bytes -= entry.size;
        expired = message(seq, entry);
      }
      try {
        listener.expired(expired);
      } catch (RuntimeException e) {
        Logger.error(e, "Queue listener failed on expired({})", expired);
      }
    }
  }

  @Override public synchronized void rewind() {
    checkOpen();
    cursor = entries.isEmpty() ? frontier : Math.min(entries.firstKey(), frontier);
  }

  @Override public synchronized void pubrelSent(long seq) {
    checkOpen();
    Entry e = handedOut(seq, "pubrelSent");
    if (e == null || e.qos != 2) {
      throw new IllegalArgumentException("pubrelSent(" + seq + "): "
          + (e == null ? "not a message handed out by next() and unacknowledged" : "QoS " + e.qos));
    }
    e.pubrelSent = true;
  }

  @Override public synchronized void acknowledged(long seq) {
    checkOpen();
    Entry e = handedOut(seq, "acknowledged");
    if (e == null) {
      Logger.debug("Memory queue: message {} acknowledged again; ignored", seq);
      return;
    }
    entries.remove(seq);
    bytes -= e.size;
    handedOut--;
    handedOutBytes -= e.size;
  }

  /** The handed-out entry {@code seq}, null if done; throws if never handed out. */
  private Entry handedOut(long seq, String call) {
    Entry e = entries.get(seq);
    if (seq < 0 || seq >= frontier) {
      throw new IllegalArgumentException(call + "(" + seq + "): not a message handed out by next()");
    }
    return e;
  }

  @Override public synchronized long nextSeq() {
    return nextSeq;
  }

  @Override public synchronized int size() {
    return entries.size();
  }

  @Override public synchronized long sizeBytes() {
    return bytes;
  }

  @Override public long syncDueNanos() {
    return Long.MAX_VALUE;
  }

  @Override public void sync() {
  }

  @Override public boolean durable() {
    return false;
  }

  /** Forgets every message; the queue refuses further calls except the size getters. */
  @Override public synchronized void close() {
    closed = true;
    entries.clear();
    bytes = 0;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("memory queue is closed");
  }

  private static QueuedMessage message(long seq, Entry e) {
    return new QueuedMessage(seq, e.topic, e.payload, e.qos, e.retain, e.pubrelSent, e.deadline);
  }

  @Override public synchronized String toString() {
    return "MemoryQueue{" + entries.size() + " messages}";
  }
}
