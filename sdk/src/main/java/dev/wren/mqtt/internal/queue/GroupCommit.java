package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueStorageException;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Syncs a file queue's log as a group commit: a thread that needs its writes synced while no sync
 * runs syncs everything written so far, without the queue's lock; threads that need a sync while
 * one runs wait for it and then, if it did not cover them, one of them runs the next for all. After
 * each sync the listener hears the highest message sequence number covered, in increasing order. A
 * failed sync is remembered: the queue refuses new messages from then on.
 *
 * <p>A relay may wait for the running sync ({@link #awaitRunning}): the I/O thread, which then
 * sends what the sync released while the publisher that ran it appends and syncs its next message.
 * The relay wakes on its own timer, never by a signal: waking a parked thread cost the publisher
 * 5–17 µs after each sync on the benchmark's virtual machine, a tenth of the sync itself.
 * Thread-safe; shares the queue's lock.
 */
final class GroupCommit {
  private final ReentrantLock lock;
  private final Condition syncDone;
  private final SegmentLog log;
  private final OutboundQueue.Listener listener;
  private final File directory;

  // Guarded by lock.
  private long syncedVersion;
  private boolean syncing;
  private long lastSeq;
  /** The highest message sequence number a successful sync covered (or recovered at open). */
  private long syncedSeq;
  private QueueStorageException failure;
  /** What the running sync covers, while {@code syncing}. */
  private long runningVersion;
  private long runningSeq;
  /** A relay waits for the running sync; its finisher leaves the sending to the relay. */
  private boolean relayWaiting;
  /** The highest message sequence number whose sending a relay took over. */
  private long relayedSeq;
  /** How long the last sync took; a relay does not wait for syncs longer than it would. */
  private long lastSyncNanos;
  /** When the running sync started, in {@link System#nanoTime()} terms. */
  private long runningSinceNanos;
  /** What a relay waits on; never signalled (see the class comment). */
  private final Condition relayTimer;
  /** A relay looks at least this far apart, and this soon once the sync is due to end. */
  private static final long RELAY_STEP_NANOS = 20_000;

  /** Serialises synced() calls so the listener sees them in increasing order, each once. */
  private final Object reportLock = new Object();
  /** Guarded by reportLock. */
  private long reportedSeq;

  GroupCommit(ReentrantLock lock, SegmentLog log, OutboundQueue.Listener listener, File directory,
      long lastSeq) {
    this.lock = lock;
    this.syncDone = lock.newCondition();
    this.relayTimer = lock.newCondition();
    this.log = log;
    this.listener = listener;
    this.directory = directory;
    this.lastSeq = lastSeq;
    this.syncedSeq = lastSeq;
    this.relayedSeq = lastSeq;
    synchronized (reportLock) {
      this.reportedSeq = lastSeq;
    }
  }

  /** Message {@code seq} was written. Under the lock. */
  void appended(long seq) {
    lastSeq = seq;
  }

  /** The failed sync that stopped new messages, or null. Under the lock. */
  QueueStorageException failure() {
    return failure;
  }

  /**
   * Whether message {@code seq} is on stable storage, or a sync failed (then what the queue holds
   * may still be sent, synced or not). Under the lock.
   */
  boolean synced(long seq) {
    return seq <= syncedSeq || failure != null;
  }

  /** Whether a relay waits for the running sync. Under the lock. */
  boolean relayWaiting() {
    return relayWaiting;
  }

  /** Whether a relay took over sending message {@code seq}. Under the lock. */
  boolean relayed(long seq) {
    return seq <= relayedSeq;
  }

  /**
   * As a relay: if a sync runs that covers a message above {@code handedOutSeq}, waits up to
   * {@code maxNanos} for it to finish, looking first when the last sync's duration says it ends,
   * then in short steps. Returns true when it finished (or failed) within that time: the caller
   * then sends what it released, as its finisher leaves that to the caller. Under the lock, which
   * the wait releases.
   */
  boolean awaitRunning(long handedOutSeq, long maxNanos) {
    if (!syncing || runningSeq <= handedOutSeq || relayWaiting || lastSyncNanos > maxNanos) {
      return false;
    }
    long version = runningVersion;
    relayWaiting = true;
    try {
      long now = System.nanoTime();
      long deadline = now + maxNanos;
      long step = Math.max(RELAY_STEP_NANOS, runningSinceNanos + lastSyncNanos - now);
      while (syncedVersion < version && failure == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        relayTimer.awaitNanos(Math.min(step, left));
        step = Math.max(RELAY_STEP_NANOS, lastSyncNanos / 4);
      }
      return true;
    } catch (InterruptedException e) {
      // The client is closing; the publisher finds no relay waiting and sends its own.
      Thread.currentThread().interrupt();
      return syncedVersion >= version || failure != null;
    } finally {
      relayWaiting = false;
    }
  }

  /** Waits until no sync runs. Under the lock. */
  void awaitIdle() {
    while (syncing) syncDone.awaitUninterruptibly();
  }

  /** Returns once every record up to {@code version} is synced, syncing if no one else is. */
  void syncTo(long version) throws IOException {
    List<Segment> dirty;
    long target;
    long targetSeq;
    lock.lock();
    try {
      while (true) {
        if (syncedVersion >= version) return;
        if (failure != null) throw new QueueStorageException(failure.getMessage(), failure);
        if (!syncing) break;
        try {
          syncDone.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for queue " + directory
              + " to sync; what was written is stored but may not be synced yet");
        }
      }
      syncing = true;
      target = log.writeVersion();
      targetSeq = lastSeq;
      runningVersion = target;
      runningSeq = targetSeq;
      runningSinceNanos = System.nanoTime();
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
      lastSyncNanos = System.nanoTime() - runningSinceNanos;
      for (Segment s : dirty) log.unpin(s);
      if (error == null) {
        syncedVersion = Math.max(syncedVersion, target);
        syncedSeq = Math.max(syncedSeq, targetSeq);
        if (relayWaiting) relayedSeq = Math.max(relayedSeq, targetSeq);
      } else {
        failure = new QueueStorageException("could not sync queue directory " + directory + ": "
            + error.getMessage() + "; what was written may not be on stable storage, though later"
            + " reads still see it. The queue refuses new messages until it is reopened", error);
      }
      syncDone.signalAll();
    } finally {
      lock.unlock();
    }
    if (error != null) throw new QueueStorageException(failure.getMessage(), failure);
    // Two syncs can finish close together; the later sequence number may be reported first, and
    // then the earlier one is already covered.
    synchronized (reportLock) {
      if (targetSeq > reportedSeq) {
        reportedSeq = targetSeq;
        try {
          listener.synced(targetSeq);
        } catch (RuntimeException e) {
          Logger.error(e, "Queue listener failed on synced({})", targetSeq);
        }
      }
    }
  }
}
