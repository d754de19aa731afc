package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.SyncPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private final Capacity capacity;
  private final Closeable directoryLock;
  private final List<Recovery.Note> recoveryNotes;
  private final ReentrantLock lock = new ReentrantLock();
  private final GroupCommit commit;
  private final WallClock wallClock;

  // Guarded by lock.
  private final SegmentLog log;
  private final MessageBook book;
  private long nextSeq;
  /** Where messages never handed out begin: the overflow policy drops from here. */
  private final LogCursor frontier = new LogCursor();
  private boolean closed;

  /** The I/O thread's reading position; moved under the lock, read from without it. */
  private final LogCursor cursor = new LogCursor();
  /** The message appended last, which {@link #next} usually hands out next. Guarded by lock. */
  private final LastAppended last = new LastAppended();
  /** Acknowledgement records waiting for the next write ({@link #flushSteps}). Guarded by lock. */
  private final PendingSteps pendingSteps = new PendingSteps();

  private FileQueue(QueueOptions options, Listener listener, QueueStorage storage, NanoClock clock,
      WallClock wallClock, Closeable directoryLock, Recovery recovered, long segmentBytes)
      throws IOException {
    this.options = options;
    this.wallClock = wallClock;
    this.listener = listener;
    this.storage = storage;
    this.capacity = new Capacity(options);
    this.directoryLock = directoryLock;
    this.recoveryNotes = Collections.unmodifiableList(recovered.notes);
    // NEVER syncs nothing, so preallocating would only write every byte twice.
    this.log = new SegmentLog(storage, recovered.segments, segmentBytes, clock,
        options.sync() != SyncPolicy.NEVER);
    this.nextSeq = recovered.nextSeq;
    this.commit = new GroupCommit(lock, log, listener, storage.directory(), nextSeq - 1);
    log.startIfEmpty(nextSeq);
    log.prepareTail();
    this.book = new MessageBook(recovered.done, recovered.pubrels, log.segments());
    Segment first = log.first();
    frontier.moveTo(first, QueueFormat.SEGMENT_HEADER_SIZE, -1);
    cursor.moveTo(first, QueueFormat.SEGMENT_HEADER_SIZE, -1);
  }

  /** Opens (and recovers) the queue in {@code options.directory()}, locking the directory. */
  static FileQueue open(QueueOptions options, Listener listener, QueueStorage storage,
      long segmentBytes, NanoClock clock) throws IOException {
    return open(options, listener, storage, segmentBytes, clock, WallClock.SYSTEM);
  }

  /** Opens (and recovers) the queue, with {@code wallClock} for message deadlines. */
  static FileQueue open(QueueOptions options, Listener listener, QueueStorage storage,
      long segmentBytes, NanoClock clock, WallClock wallClock) throws IOException {
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
      Recovery recovered = Recovery.run(storage, segmentBytes);
      FileQueue queue;
      try {
        queue = new FileQueue(options, listener, storage, clock, wallClock, directoryLock,
            recovered, segmentBytes);
      } catch (IOException | RuntimeException e) {
        recovered.closeFiles(e);
        throw e;
      }
      queue.reclaim();
      Logger.debug("Queue {} opened: {} messages, {} bytes, next sequence number {}",
          storage.directory(), queue.book.live(), queue.book.liveBytes(), queue.nextSeq);
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
    return append(topic, payload, qos, retain, NO_EXPIRY, null);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      Appended appended) throws IOException {
    return append(topic, payload, qos, retain, NO_EXPIRY, appended);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      long lifetimeMillis, Appended appended) throws IOException {
    return append(topic, payload, qos, retain, lifetimeMillis, null, appended);
  }

  @Override public long append(String topic, byte[] payload, int qos, boolean retain,
      long lifetimeMillis, byte[] properties, Appended appended) throws IOException {
    properties = RecordCodec.checkedProperties(properties);
    byte[] topicBytes = RecordCodec.checkedTopic(topic, payload, qos);
    RecordCodec.checkLifetime(lifetimeMillis);
    long deadline = QueuedMessage.deadlineOf(wallClock.currentTimeMillis(), lifetimeMillis);
    int size = QueueFormat.messageRecordSize(topicBytes.length, payload.length, deadline,
        properties);
    List<QueuedMessage> dropped = new ArrayList<>(0);
    String reason = null;
    long seq = -1;
    long version = 0;
    Exception error = null;
    lock.lock();
    try {
      checkOpen();
      QueueStorageException failure = commit.failure();
      if (failure != null) {
        throw new QueueStorageException("queue " + storage.directory() + " refuses new messages"
            + " after an earlier failure; reopen it: " + failure.getMessage(), failure);
      }
      if (!capacity.fits(book.live(), book.liveBytes(), size)) {
        capacity.checkRoomPossible(book.live(), book.liveBytes(), size, book.handedOutCount(),
            book.handedOutBytes());
        reason = "queue full, " + capacity.limitHit(book.live(), book.liveBytes(), size)
            + ": dropped the oldest message not yet sent (DROP_OLDEST)";
        while (!capacity.fits(book.live(), book.liveBytes(), size)) dropped.add(dropOldest());
      }
      seq = nextSeq;
      byte[] frame = RecordCodec.message(seq, qos, retain, deadline, properties, topicBytes,
          payload);
      Segment s = log.append(withPendingSteps(frame), seq);
      last.remember(s, s.size - frame.length, s.size,
          Record.message(seq, qos, retain, deadline, properties, topic, payload));
      nextSeq = seq + 1;
      commit.appended(seq);
      book.added(s, size);
      if (appended != null) appended.appended(seq);
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
    if (options.sync() == SyncPolicy.ALWAYS) commit.syncTo(version);
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
      Record r = frontier.nextMessage(seg.size, log.boundAfter(seg), log.damageIn(seg));
      if (r == null) {
        Segment next = log.after(seg);
        if (next == null) {
          throw new IllegalStateException("queue " + storage.directory() + " counts "
              + (book.live() - book.handedOutCount()) + " messages not yet sent but found none"
              + " to drop");
        }
        frontier.moveTo(next, QueueFormat.SEGMENT_HEADER_SIZE, frontier.previousSeq());
        continue;
      }
      if (book.isDone(r.seq)) continue;
      int size = (int) (frontier.offset() - frontier.recordStart());
      try {
        log.append(RecordCodec.step(QueueFormat.DROP, r.seq), nextSeq);
      } catch (IOException e) {
        frontier.moveTo(startSegment, startOffset, startPrevious);
        throw e;
      }
      book.drop(seg, r.seq, size);
      return r.toMessage(false);
    }
  }

  @Override public QueuedMessage next() throws IOException {
    while (true) {
      Segment seg;
      long end;
      long bound;
      long previousSeq;
      Record r;
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
        previousSeq = cursor.previousSeq();
        // The message appended last is usually the next: it is still in memory, unread.
        r = last.at(seg, cursor.offset());
        if (r != null) {
          cursor.skip(last.end(), r.seq);
        } else {
          seg.pins++;
        }
      } finally {
        lock.unlock();
      }
      if (r == null) {
        try {
          r = cursor.nextMessage(end, bound, log.damageIn(seg));
        } finally {
          lock.lock();
          try {
            log.unpin(seg);
          } finally {
            lock.unlock();
          }
        }
      }
      if (r == null) continue;
      lock.lock();
      try {
        if (book.isDone(r.seq)) continue;
        if (options.sync() == SyncPolicy.ALWAYS && !commit.synced(r.seq)) {
          // Not on the wire before it is on stable storage: a power loss could otherwise give its
          // sequence number, and so its packet identifier, to another message. Its publisher
          // sends it once its sync returns.
          cursor.moveTo(seg, cursor.recordStart(), previousSeq);
          return null;
        }
        int size = (int) (cursor.offset() - cursor.recordStart());
        boolean firstHandOut = r.seq > frontier.previousSeq();
        if (firstHandOut) frontier.moveTo(seg, cursor.offset(), r.seq);
        if (!firstHandOut || !expired(r)) {
          book.handedOut(r.seq, seg, cursor.recordStart(), size, r.qos);
          return r.toMessage(book.pubrelSent(r.seq));
        }
        expire(seg, r, size);
      } finally {
        lock.unlock();
      }
      try {
        listener.expired(r.toMessage(false));
      } catch (RuntimeException e) {
        Logger.error(e, "Queue listener failed on expired({})", r);
      }
      reclaim();
    }
  }

  /**
   * Whether message {@code r}, about to be handed out for the first time since the queue was
   * opened, is past its deadline. A QoS 2 message whose PUBREL step is recorded was answered by
   * the broker, which holds it: it goes on with PUBREL. Under the lock.
   */
  private boolean expired(Record r) {
    return r.deadline != QueuedMessage.NO_DEADLINE && !book.pubrelSent(r.seq)
        && wallClock.currentTimeMillis() >= r.deadline;
  }

  /**
   * Retires expired message {@code r} with a DROP record. Done in memory even if the record cannot
   * be written: after a reopen the message is simply found expired again. Under the lock.
   */
  private void expire(Segment seg, Record r, int size) {
    book.drop(seg, r.seq, size);
    try {
      log.append(RecordCodec.step(QueueFormat.DROP, r.seq), nextSeq);
    } catch (IOException e) {
      Logger.warn(e, "Queue {}: could not record that message {} expired; it is not sent, and is"
          + " found expired again when the queue is next opened", storage.directory(), r.seq);
    }
  }

  @Override public void rewind() {
    lock.lock();
    try {
      checkOpen();
      Map.Entry<Long, MessageBook.InFlight> oldest = book.oldestInFlight();
      if (oldest == null) {
        cursor.moveTo(frontier.segment(), frontier.offset(), frontier.previousSeq());
      } else {
        MessageBook.InFlight f = oldest.getValue();
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
      MessageBook.InFlight f = book.inFlight(seq);
      if (f == null || f.qos != 2) {
        throw new IllegalArgumentException("pubrelSent(" + seq + "): "
            + (f == null ? "not a message handed out by next() and unacknowledged" : "QoS " + f.qos));
      }
      if (!book.addPubrel(seq)) return;
      log.append(withPendingSteps(RecordCodec.step(QueueFormat.PUBREL, seq)), nextSeq);
      version = log.writeVersion();
    } finally {
      lock.unlock();
    }
    // Exactly-once across a power loss: the step must be stable before PUBREL goes out.
    if (options.sync() == SyncPolicy.ALWAYS) commit.syncTo(version);
  }

  @Override public void acknowledged(long seq) throws IOException {
    lock.lock();
    try {
      checkOpen();
      if (book.acknowledge(seq) == null) {
        if (book.isDone(seq) || seq < log.first().base) {
          Logger.debug("Queue {}: message {} acknowledged again; ignored", storage.directory(), seq);
          return;
        }
        throw new IllegalArgumentException("acknowledged(" + seq + "): not a message handed out by"
            + " next()");
      }
      // Done in memory even if the record is never written: this process will not send it again.
      if (pendingSteps.add(RecordCodec.step(QueueFormat.ACK, seq))) writePendingSteps();
    } finally {
      lock.unlock();
    }
    reclaim();
  }

  @Override public void flushSteps() throws IOException {
    lock.lock();
    try {
      if (!closed) writePendingSteps();
    } finally {
      lock.unlock();
    }
  }

  /** {@code frame} with the pending acknowledgement records before it, for one write. Under the lock. */
  private byte[] withPendingSteps(byte[] frame) {
    return pendingSteps.isEmpty() ? frame : pendingSteps.takeWith(frame);
  }

  /** Writes the pending acknowledgement records, if any. Under the lock. */
  private void writePendingSteps() throws IOException {
    if (!pendingSteps.isEmpty()) log.append(pendingSteps.takeWith(null), nextSeq);
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
      // A preallocated tail takes its full size anyway: rolling early would only write zeros.
      if (!log.preallocates() && book.live() == 0 && tail.messages > 0
          && tail.size >= QueueFormat.EMPTY_ROLL_BYTES) {
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
      book.forgetBelow(log.first().base);
      // After a failed sync a checkpoint could not be trusted to be stable: keep the segments.
      if (!needCheckpoint || commit.failure() != null) return;
      log.append(book.checkpoint(), nextSeq);
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
      if (options.sync() != SyncPolicy.NEVER) commit.syncTo(version);
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
      book.forgetBelow(log.first().base);
    } finally {
      lock.unlock();
    }
  }

  @Override public long nextSeq() {
    lock.lock();
    try {
      return nextSeq;
    } finally {
      lock.unlock();
    }
  }

  @Override public int size() {
    lock.lock();
    try {
      return book.live();
    } finally {
      lock.unlock();
    }
  }

  @Override public long sizeBytes() {
    lock.lock();
    try {
      return book.liveBytes();
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
    if (options.sync() == SyncPolicy.NEVER) {
      flushSteps();
      return;
    }
    long version;
    lock.lock();
    try {
      checkOpen();
      writePendingSteps();
      version = log.writeVersion();
    } finally {
      lock.unlock();
    }
    commit.syncTo(version);
  }

  @Override public boolean awaitReleasingSync(long maxNanos) {
    if (options.sync() != SyncPolicy.ALWAYS) return false;
    lock.lock();
    try {
      return !closed && commit.awaitRunning(frontier.previousSeq(), maxNanos);
    } finally {
      lock.unlock();
    }
  }

  @Override public boolean sendTakenOver(long seq) {
    if (options.sync() != SyncPolicy.ALWAYS) return false;
    lock.lock();
    try {
      return commit.relayed(seq);
    } finally {
      lock.unlock();
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
    boolean failed;
    IOException error = null;
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      try {
        writePendingSteps();
      } catch (IOException e) {
        error = e;
      }
      version = log.writeVersion();
      failed = commit.failure() != null;
    } finally {
      lock.unlock();
    }
    try {
      // After a failed sync another one proves nothing (the kernel may have dropped the pages).
      if (options.sync() != SyncPolicy.NEVER && !failed) commit.syncTo(version);
    } catch (IOException e) {
      if (error == null) error = e;
      else error.addSuppressed(e);
    }
    lock.lock();
    try {
      commit.awaitIdle();
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

  /** What recovery dropped or repaired when the queue was opened. */
  List<Recovery.Note> recoveryNotes() {
    return recoveryNotes;
  }

  /** Whether a relay waits in {@link #awaitReleasingSync}, for tests. */
  boolean relayWaiting() {
    lock.lock();
    try {
      return commit.relayWaiting();
    } finally {
      lock.unlock();
    }
  }

  /** Entries memory holds per message (handed out, PUBREL sent, acknowledged ranges), for tests. */
  int trackedEntries() {
    lock.lock();
    try {
      return book.trackedEntries();
    } finally {
      lock.unlock();
    }
  }

  @Override public String toString() {
    return "FileQueue{" + storage.directory() + ", " + size() + " messages}";
  }
}
