package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.SyncPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * The durable {@link OutboundQueue}: a segmented append-only log in one directory
 * ({@link QueueFormat}). Memory holds counters per segment, not messages: {@link #next} reads each
 * message back from its file. What memory holds per message is bounded by what the client has in
 * flight: the handed-out, unacknowledged messages (for {@link #rewind} and their sizes), the QoS 2
 * messages whose PUBREL was sent, and the acknowledged sequence numbers as ranges (one per gap).
 *
 * <p>Thread-safe as {@link OutboundQueue} describes. One lock guards the state; it is never held
 * during a sync (group commit: whoever needs a sync while none runs does it for everything written
 * so far, the others wait for it) nor while the I/O thread reads a message back.
 */
final class FileQueue implements OutboundQueue {
  private final QueueOptions options;
  private final Listener listener;
  private final QueueStorage storage;
  private final NanoClock clock;
  private final Capacity capacity;
  private final Closeable directoryLock;
  private final List<Recovery.Note> recoveryNotes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition syncDone = lock.newCondition();

  // Guarded by lock.
  private final SegmentLog log;
  private final LongRanges done;
  private final TreeSet<Long> pubrels;
  private final TreeMap<Long, InFlight> handedOut = new TreeMap<>();
  private long handedOutBytes;
  private long nextSeq;
  private int live;
  private long liveBytes;
  /** Where messages never handed out begin: the overflow policy drops from here. */
  private final LogCursor frontier = new LogCursor();
  private long syncedVersion;
  private boolean syncing;
  private QueueStorageException failure;
  private boolean closed;

  /** Serialises synced() calls so the listener sees them in increasing order, each once. */
  private final Object reportLock = new Object();
  /** Guarded by reportLock. */
  private long reportedSyncSeq;

  /** The I/O thread's reading position; moved under the lock, read from without it. */
  private final LogCursor cursor = new LogCursor();

  /** A message handed out by {@link #next} and not yet acknowledged. */
  private static final class InFlight {
    final Segment segment;
    final long offset;
    final int size;
    final int qos;

    InFlight(Segment segment, long offset, int size, int qos) {
      this.segment = segment;
      this.offset = offset;
      this.size = size;
      this.qos = qos;
    }
  }

  private FileQueue(QueueOptions options, Listener listener, QueueStorage storage, NanoClock clock,
      Closeable directoryLock, Recovery recovered, long segmentBytes) throws IOException {
    this.options = options;
    this.listener = listener;
    this.storage = storage;
    this.clock = clock;
    this.capacity = new Capacity(options);
    this.directoryLock = directoryLock;
    this.recoveryNotes = Collections.unmodifiableList(recovered.notes);
    this.log = new SegmentLog(storage, recovered.segments, segmentBytes, clock);
    this.done = recovered.done;
    this.pubrels = recovered.pubrels;
    this.nextSeq = recovered.nextSeq;
    synchronized (reportLock) {
      this.reportedSyncSeq = nextSeq - 1;
    }
    log.startIfEmpty(nextSeq);
    for (Segment s : log.segments()) {
      live += s.live;
      liveBytes += s.liveBytes;
    }
    Segment first = log.first();
    frontier.moveTo(first, QueueFormat.SEGMENT_HEADER_SIZE, -1);
    cursor.moveTo(first, QueueFormat.SEGMENT_HEADER_SIZE, -1);
  }

  /** Opens (and recovers) the queue in {@code options.directory()}, locking the directory. */
  static FileQueue open(QueueOptions options, Listener listener, QueueStorage storage,
      long segmentBytes, NanoClock clock) throws IOException {
    Closeable directoryLock;
    try {
      storage.list();
      directoryLock = storage.lock(QueueFormat.LOCK_FILE);
    } catch (MqttException e) {
      throw e;
    } catch (IOException e) {
      throw new QueueStorageException("cannot open queue directory " + storage.directory() + ": "
          + e.getMessage(), e);
    }
    try {
      Recovery recovered = Recovery.run(storage);
      FileQueue queue;
      try {
        queue = new FileQueue(options, listener, storage, clock, directoryLock, recovered,
            segmentBytes);
      } catch (IOException | RuntimeException e) {
        recovered.closeFiles(e);
        throw e;
      }
      queue.reclaim();
      Logger.debug("Queue {} opened: {} messages, {} bytes, next sequence number {}",
          storage.directory(), queue.live, queue.liveBytes, queue.nextSeq);
      return queue;
    } catch (IOException | RuntimeException e) {
      try {
        directoryLock.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof MqttException || e instanceof RuntimeException) throw e;
      throw new QueueStorageException("cannot recover queue directory " + storage.directory() + ": "
          + e.getMessage(), e);
    }
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain)
      throws IOException {
    byte[] topicBytes = RecordCodec.checkedTopic(topic, payload, qos);
    int size = QueueFormat.messageRecordSize(topicBytes.length, payload.length);
    List<QueuedMessage> dropped = new ArrayList<>(0);
    String reason = null;
    long seq = -1;
    long version = 0;
    Exception error = null;
    lock.lock();
    try {
      checkOpen();
      if (failure != null) {
        throw new QueueStorageException("queue " + storage.directory() + " refuses new messages"
            + " after an earlier failure; reopen it: " + failure.getMessage(), failure);
      }
      if (!capacity.fits(live, liveBytes, size)) {
        capacity.checkRoomPossible(live, liveBytes, size, handedOut.size(), handedOutBytes);
        reason = "queue full, " + capacity.limitHit(live, liveBytes, size)
            + ": dropped the oldest message not yet sent (DROP_OLDEST)";
        while (!capacity.fits(live, liveBytes, size)) dropped.add(dropOldest());
      }
      seq = nextSeq;
      Segment s = log.append(RecordCodec.message(seq, qos, retain, topicBytes, payload), seq);
      nextSeq = seq + 1;
      s.messages++;
      s.live++;
      s.liveBytes += size;
      live++;
      liveBytes += size;
      version = log.writeVersion();
    } catch (IOException | RuntimeException e) {
      error = e;
    } finally {
      lock.unlock();
    }
    // Drops happened (and were recorded) even if the new message then failed: report them.
    if (!dropped.isEmpty()) {
      for (QueuedMessage m : dropped) {
        try {
          listener.dropped(m, reason);
        } catch (RuntimeException e) {
          Logger.error(e, "Queue listener failed on dropped({})", m);
        }
      }
      reclaim();
    }
    if (error instanceof IOException) throw (IOException) error;
    if (error != null) throw (RuntimeException) error;
    if (options.sync() == SyncPolicy.ALWAYS) syncTo(version);
    return seq;
  }

  /** Drops the oldest message not handed out; there is one (the caller checked). Under the lock. */
  private QueuedMessage dropOldest() throws IOException {
    Segment startSegment = frontier.segment();
    long startOffset = frontier.offset();
    long startPrevious = frontier.previousSeq();
    while (true) {
      Segment seg = frontier.segment();
      if (seg.deleted) {
        frontier.moveTo(log.after(seg), QueueFormat.SEGMENT_HEADER_SIZE, frontier.previousSeq());
        continue;
      }
      Record r = frontier.nextMessage(seg.size, log.boundAfter(seg), damageIn(seg));
      if (r == null) {
        Segment next = log.after(seg);
        if (next == null) {
          throw new IllegalStateException("queue " + storage.directory() + " counts "
              + (live - handedOut.size()) + " messages not yet sent but found none to drop");
        }
        frontier.moveTo(next, QueueFormat.SEGMENT_HEADER_SIZE, frontier.previousSeq());
        continue;
      }
      if (done.contains(r.seq)) continue;
      int size = (int) (frontier.offset() - frontier.recordStart());
      try {
        log.append(RecordCodec.step(QueueFormat.DROP, r.seq), nextSeq);
      } catch (IOException e) {
        frontier.moveTo(startSegment, startOffset, startPrevious);
        throw e;
      }
      pubrels.remove(r.seq);
      markDone(seg, r.seq, size);
      return r.toMessage(false);
    }
  }

  @Override public QueuedMessage next() throws IOException {
    while (true) {
      Segment seg;
      long end;
      long bound;
      lock.lock();
      try {
        checkOpen();
        seg = cursor.segment();
        if (seg.deleted || cursor.offset() >= seg.size) {
          Segment next = log.after(seg);
          if (next == null) return null;
          cursor.moveTo(next, QueueFormat.SEGMENT_HEADER_SIZE, cursor.previousSeq());
          continue;
        }
        end = seg.size;
        bound = log.boundAfter(seg);
        seg.pins++;
      } finally {
        lock.unlock();
      }
      Record r;
      try {
        r = cursor.nextMessage(end, bound, damageIn(seg));
      } finally {
        lock.lock();
        try {
          log.unpin(seg);
        } finally {
          lock.unlock();
        }
      }
      if (r == null) continue;
      lock.lock();
      try {
        if (done.contains(r.seq)) continue;
        if (!handedOut.containsKey(r.seq)) {
          int size = (int) (cursor.offset() - cursor.recordStart());
          handedOut.put(r.seq, new InFlight(seg, cursor.recordStart(), size, r.qos));
          handedOutBytes += size;
        }
        if (r.seq > frontier.previousSeq()) frontier.moveTo(seg, cursor.offset(), r.seq);
        return r.toMessage(pubrels.contains(r.seq));
      } finally {
        lock.unlock();
      }
    }
  }

  @Override public void rewind() {
    lock.lock();
    try {
      checkOpen();
      Map.Entry<Long, InFlight> oldest = handedOut.firstEntry();
      if (oldest == null) {
        cursor.moveTo(frontier.segment(), frontier.offset(), frontier.previousSeq());
      } else {
        InFlight f = oldest.getValue();
        cursor.moveTo(f.segment, f.offset, oldest.getKey() - 1);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override public void pubrelSent(long seq) throws IOException {
    long version;
    lock.lock();
    try {
      checkOpen();
      InFlight f = handedOut.get(seq);
      if (f == null || f.qos != 2) {
        throw new IllegalArgumentException("pubrelSent(" + seq + "): "
            + (f == null ? "not a message handed out by next() and unacknowledged" : "QoS " + f.qos));
      }
      if (!pubrels.add(seq)) return;
      log.append(RecordCodec.step(QueueFormat.PUBREL, seq), nextSeq);
      version = log.writeVersion();
    } finally {
      lock.unlock();
    }
    // Exactly-once across a power loss: the step must be stable before PUBREL goes out.
    if (options.sync() == SyncPolicy.ALWAYS) syncTo(version);
  }

  @Override public void acknowledged(long seq) throws IOException {
    lock.lock();
    try {
      checkOpen();
      InFlight f = handedOut.remove(seq);
      if (f == null) {
        if (done.contains(seq) || seq < log.first().base) {
          Logger.debug("Queue {}: message {} acknowledged again; ignored", storage.directory(), seq);
          return;
        }
        throw new IllegalArgumentException("acknowledged(" + seq + "): not a message handed out by"
            + " next()");
      }
      handedOutBytes -= f.size;
      pubrels.remove(seq);
      markDone(f.segment, seq, f.size);
      // Done in memory even if the record cannot be written: this process will not send it again.
      log.append(RecordCodec.step(QueueFormat.ACK, seq), nextSeq);
    } finally {
      lock.unlock();
    }
    reclaim();
  }

  private void markDone(Segment s, long seq, int size) {
    done.add(seq);
    s.live--;
    s.liveBytes -= size;
    live--;
    liveBytes -= size;
  }

  /**
   * Deletes the segments whose messages are all done. Segments go oldest first; one with an older
   * segment still live may hold that segment's ACK or PUBREL records, so a CHECKPOINT of all such
   * facts is written (and synced, unless NEVER) before it goes. A failure here leaves the segment
   * in place, which is always safe, and is logged.
   */
  private void reclaim() {
    long covered;
    long version;
    lock.lock();
    try {
      if (closed) return;
      Segment tail = log.tail();
      if (live == 0 && tail.messages > 0 && tail.size >= QueueFormat.EMPTY_ROLL_BYTES) {
        log.roll(nextSeq);
      }
      boolean olderLive = false;
      boolean needCheckpoint = false;
      for (Segment s : log.segments()) {
        if (s == log.tail()) break;
        if (s.live > 0) olderLive = true;
        else if (olderLive) needCheckpoint = true;
        else log.remove(s);
      }
      done.removeBelow(log.first().base);
      if (!needCheckpoint) return;
      long[] pending = new long[pubrels.size()];
      int i = 0;
      for (long p : pubrels) pending[i++] = p;
      log.append(RecordCodec.checkpoint(done.toArray(), pending), nextSeq);
      covered = log.tail().base;
      version = log.writeVersion();
    } catch (IOException e) {
      Logger.warn(e, "Queue {}: could not prepare deleting acknowledged segments; they stay",
          storage.directory());
      return;
    } finally {
      lock.unlock();
    }
    try {
      if (options.sync() != SyncPolicy.NEVER) syncTo(version);
    } catch (IOException e) {
      Logger.warn(e, "Queue {}: could not sync a checkpoint; acknowledged segments stay",
          storage.directory());
      return;
    }
    lock.lock();
    try {
      if (closed) return;
      for (Segment s : log.segments()) {
        if (s.base >= covered || s == log.tail()) break;
        if (s.live == 0) log.remove(s);
      }
      done.removeBelow(log.first().base);
    } finally {
      lock.unlock();
    }
  }

  @Override public int size() {
    lock.lock();
    try {
      return live;
    } finally {
      lock.unlock();
    }
  }

  @Override public long sizeBytes() {
    lock.lock();
    try {
      return liveBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override public long syncDueNanos() {
    lock.lock();
    try {
      long since = log.unsyncedSinceNanos();
      if (options.sync() == SyncPolicy.NEVER || closed || since == Long.MIN_VALUE) {
        return Long.MAX_VALUE;
      }
      return since + TimeUnit.MILLISECONDS.toNanos(options.batchWindowMillis());
    } finally {
      lock.unlock();
    }
  }

  @Override public void sync() throws IOException {
    if (options.sync() == SyncPolicy.NEVER) return;
    long version;
    lock.lock();
    try {
      checkOpen();
      version = log.writeVersion();
    } finally {
      lock.unlock();
    }
    syncTo(version);
  }

  /** Returns once every record up to {@code version} is synced, syncing if no one else is. */
  private void syncTo(long version) throws IOException {
    List<Segment> dirty;
    long target;
    long targetSeq;
    lock.lock();
    try {
      while (true) {
        if (syncedVersion >= version) return;
        if (failure != null) {
          throw new QueueStorageException(failure.getMessage(), failure);
        }
        if (!syncing) break;
        try {
          syncDone.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for queue " + storage.directory()
              + " to sync; what was written is stored but may not be synced yet");
        }
      }
      syncing = true;
      target = log.writeVersion();
      targetSeq = nextSeq - 1;
      dirty = log.takeDirty();
    } finally {
      lock.unlock();
    }
    IOException error = null;
    for (Segment s : dirty) {
      try {
        s.file.sync();
      } catch (IOException e) {
        error = e;
        break;
      }
    }
    lock.lock();
    try {
      syncing = false;
      for (Segment s : dirty) log.unpin(s);
      if (error == null) {
        syncedVersion = Math.max(syncedVersion, target);
      } else {
        failure = new QueueStorageException("could not sync queue directory "
            + storage.directory() + ": " + error.getMessage() + "; what was written may not be on"
            + " stable storage, though later reads still see it. The queue refuses new messages"
            + " until it is reopened", error);
      }
      syncDone.signalAll();
    } finally {
      lock.unlock();
    }
    if (error != null) throw new QueueStorageException(failure.getMessage(), failure);
    // Two syncs can finish close together; the later sequence number may be reported first, and
    // then the earlier one is already covered.
    synchronized (reportLock) {
      if (targetSeq > reportedSyncSeq) {
        reportedSyncSeq = targetSeq;
        try {
          listener.synced(targetSeq);
        } catch (RuntimeException e) {
          Logger.error(e, "Queue listener failed on synced({})", targetSeq);
        }
      }
    }
  }

  @Override public boolean durable() {
    return true;
  }

  /**
   * Syncs (unless the policy is NEVER), closes the files and releases the directory. Safe to call
   * twice; the cursor methods and append throw {@link IllegalStateException} afterwards.
   */
  @Override public void close() throws IOException {
    long version;
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      version = log.writeVersion();
    } finally {
      lock.unlock();
    }
    IOException error = null;
    try {
      if (options.sync() != SyncPolicy.NEVER && failure == null) syncTo(version);
    } catch (IOException e) {
      error = e;
    }
    lock.lock();
    try {
      while (syncing) syncDone.awaitUninterruptibly();
      log.closeAll();
    } catch (IOException e) {
      if (error == null) error = e;
      else error.addSuppressed(e);
    } finally {
      lock.unlock();
    }
    try {
      directoryLock.close();
    } catch (IOException e) {
      if (error == null) error = e;
      else error.addSuppressed(e);
    }
    if (error != null) throw error;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("queue " + storage.directory() + " is closed");
  }

  private SegmentReader.Damage damageIn(final Segment s) {
    return new SegmentReader.Damage() {
      @Override public void dropped(long offset, long bytes, int records, boolean zeros) {
        if (offset < s.recoveredSize) {
          Logger.debug("Queue {}: {} at {}: stepped over {} damaged bytes reported when opened",
              storage.directory(), s.name, offset, bytes);
        } else {
          Logger.warn("Queue {}: {} at {}: {} bytes ({} records) changed since written; skipped",
              storage.directory(), s.name, offset, bytes, records);
        }
      }
    };
  }

  /** What recovery dropped or repaired when the queue was opened. */
  List<Recovery.Note> recoveryNotes() {
    return recoveryNotes;
  }

  /** Entries memory holds per message (handed out, PUBREL sent, acknowledged ranges), for tests. */
  int trackedEntries() {
    lock.lock();
    try {
      return handedOut.size() + pubrels.size() + done.rangeCount();
    } finally {
      lock.unlock();
    }
  }

  @Override public String toString() {
    return "FileQueue{" + storage.directory() + ", " + size() + " messages}";
  }
}
