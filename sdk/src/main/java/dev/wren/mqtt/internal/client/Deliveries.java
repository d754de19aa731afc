package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MessageExpiredException;
import dev.wren.mqtt.PublishFailedException;
import dev.wren.mqtt.QueueFullException;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outcomes of the queued messages published by this process, kept so that nothing here grows
 * with the number of messages waiting. Thread-safe.
 *
 * <p>A {@link DeliveryImpl} is not registered when it is queued; it asks here when the application
 * looks at it, and the answer comes from how its sequence number left the queue
 * ({@link QueueExits}: runs of acknowledged or dropped numbers; in no run means still queued;
 * after {@link #failAll} a still queued one failed). Only a delivery someone waits on or has given
 * a listener to is held ({@code watched}), until done, so that it is completed when its outcome
 * arrives: the application chose to keep it.
 *
 * <p>The runs are forgotten once no delivery can ask about them: each delivery holds the
 * {@link Epoch} it was queued in, this holds the epochs weakly, and a new epoch begins when more
 * runs are held than when the current one began and it spans {@link #MIN_EPOCH} messages (so
 * while messages leave in order, one epoch serves them all). The runs below the oldest epoch still reachable go, looked for whenever a
 * message leaves; one old delivery the application keeps keeps the runs after it.
 */
final class Deliveries {
  /** Why a message left the queue without acknowledgement. Runs join drops of the same class. */
  static class Drop {
    private final String reason;

    Drop(String reason) {
      this.reason = reason;
    }

    /** The failure of the delivery of {@code message}. */
    MqttException failureOf(Message message) {
      return new QueueFullException("message to '" + message.topic()
          + "' dropped from the outbound queue: " + reason);
    }

    /** Whether a run of drops like this one may take {@code other} too: same class by default. */
    boolean joins(Drop other) {
      return other != null && getClass() == other.getClass();
    }

    /** The acknowledgement's reason code when the message was delivered after all, else 0. */
    int deliveredCode() {
      return 0;
    }
  }

  /**
   * An MQTT 5 acknowledgement with a reason code other than 0x00: a refusal (0x80 and above,
   * the delivery fails) or a success with information (0x10: delivered, and the code is shown).
   * Joins runs with the same code and reason string only.
   */
  static final class Answered extends Drop {
    private final boolean sent;
    private final String packet;
    private final int code;
    private final String reasonString;

    /** @param packet the answer ("PUBACK", "PUBREC"), or null: refused before sending, why */
    Answered(String packet, int code, String reasonString) {
      super(packet + " " + code);
      this.sent = packet != null;
      this.packet = sent ? packet : "none";
      this.code = code;
      this.reasonString = reasonString;
    }

    /** Not sent, as the broker announced it would refuse it; {@code why} names the limit. */
    static Answered beforeSending(int code, String why) {
      return new Answered(null, code, why);
    }

    /** Null for a success with information: the message was delivered. */
    @Override MqttException failureOf(Message message) {
      if (code < 0x80) return null;
      if (!sent) {
        return PublishFailedException.beforeSending(message.topic(), code, reasonString);
      }
      return new PublishFailedException(message.topic(), packet, code, reasonString);
    }

    @Override boolean joins(Drop other) {
      if (!(other instanceof Answered)) return false;
      Answered that = (Answered) other;
      return that.code == code && that.sent == sent && that.packet.equals(packet)
          && (reasonString == null ? that.reasonString == null
              : reasonString.equals(that.reasonString));
    }

    @Override int deliveredCode() {
      return code < 0x80 ? code : 0;
    }
  }

  /** A message that passed its deadline in the queue; its own run unless the deadline is equal. */
  static final class Expired extends Drop {
    private final String reason;
    private final long deadlineMillis;

    Expired(String reason, long deadlineMillis) {
      super(reason);
      this.reason = reason;
      this.deadlineMillis = deadlineMillis;
    }

    @Override MqttException failureOf(Message message) {
      return new MessageExpiredException("message to '" + message.topic() + "' " + reason,
          deadlineMillis);
    }

    @Override boolean joins(Drop other) {
      return other instanceof Expired && ((Expired) other).deadlineMillis == deadlineMillis;
    }
  }

  /** Held by every delivery queued while it was current; see the class comment. */
  static final class Epoch {
    final long firstSeq;

    Epoch(long firstSeq) {
      this.firstSeq = firstSeq;
    }
  }

  /**
   * Messages an epoch spans at least: while acknowledgements arrive out of order, a weak
   * reference per message would cost what the old per-message entry did.
   */
  static final int MIN_EPOCH = 64;

  private final Link.Chores groupCommit;
  private final QueueExits exits = new QueueExits();
  private final LongMap<DeliveryImpl> watched = new LongMap<>();
  private final ArrayDeque<WeakReference<Epoch>> epochs = new ArrayDeque<>();
  private Epoch current;
  /** Runs held when the current epoch began, or after the last forgetting if fewer. */
  private int runsAtEpoch;
  /** No delivery asks about a number below this: recovered messages, forgotten runs. */
  private long floor;
  private Throwable closed;
  private long syncedThrough = -1;

  /**
   * @param firstSeq the first sequence number of this process (below: recovered messages)
   * @param groupCommit the queue's sync, for threads waiting on persistence
   */
  Deliveries(long firstSeq, Link.Chores groupCommit) {
    this.groupCommit = groupCommit;
    this.floor = firstSeq;
    this.current = new Epoch(firstSeq);
    epochs.add(new WeakReference<>(current));
  }

  /**
   * Message {@code seq} of this process was queued; returns the epoch its delivery holds. Called
   * with the queue's lock held, so numbers arrive in order.
   */
  synchronized Epoch queued(long seq) {
    if (exits.runCount() > runsAtEpoch && seq - current.firstSeq >= MIN_EPOCH) {
      current = new Epoch(seq);
      runsAtEpoch = exits.runCount();
      epochs.add(new WeakReference<>(current));
    }
    return current;
  }

  /** The broker acknowledged {@code seq}. */
  void delivered(long seq) {
    DeliveryImpl d = left(seq, null);
    if (d != null) d.delivered();
  }

  /** The queue dropped {@code seq}, or the broker answered it with a reason code ({@link Answered}). */
  void dropped(long seq, Drop drop) {
    DeliveryImpl d = left(seq, drop);
    if (d == null) return;
    MqttException failure = drop.failureOf(d.message());
    if (failure == null) d.delivered(drop.deliveredCode());
    else d.fail(failure);
  }

  /** Records how {@code seq} left and returns its watched delivery, if any. */
  private synchronized DeliveryImpl left(long seq, Drop drop) {
    if (closed != null || seq < floor) return null;
    exits.add(seq, drop);
    forgetUnreachable();
    return watched.remove(seq);
  }

  /**
   * Completes {@code d} if its outcome is known, else holds it until it is: with a listener
   * ({@code listener}) for good, else as one more waiter ({@link #unwatch} when done waiting).
   *
   * @return true when held, false when completed here
   */
  boolean watch(DeliveryImpl d, boolean listener) {
    synchronized (this) {
      if (!settledLocked(d)) {
        if (listener) d.pinned = true;
        else d.waiters++;
        watched.put(d.seq(), d);
        return true;
      }
    }
    settle(d);
    return false;
  }

  /** A waiter of {@code d}, held by {@link #watch}, stopped waiting. */
  synchronized void unwatch(DeliveryImpl d) {
    d.waiters--;
    if (d.waiters == 0 && !d.pinned) watched.remove(d.seq());
  }

  /** Completes {@code d} if its outcome is known. */
  void settle(DeliveryImpl d) {
    Throwable failure;
    int code = 0;
    synchronized (this) {
      if (!settledLocked(d)) return;
      QueueExits.Run run = exits.find(d.seq());
      if (run == null) {
        failure = closed;
      } else {
        failure = run.drop == null ? null : run.drop.failureOf(d.message());
        if (run.drop != null) code = run.drop.deliveredCode();
      }
    }
    if (failure == null) d.delivered(code);
    else d.fail(failure);
  }

  private boolean settledLocked(DeliveryImpl d) {
    return exits.find(d.seq()) != null || closed != null;
  }

  /** Fails every delivery still waiting; their messages stay in the queue. Outcomes stop here. */
  void failAll(Throwable failure) {
    List<DeliveryImpl> all;
    synchronized (this) {
      if (closed != null) return;
      closed = failure;
      all = watched.values();
      watched.clear();
    }
    for (DeliveryImpl d : all) d.fail(failure);
  }

  /** Drops the runs below the oldest epoch a delivery still holds. Under the lock. */
  private void forgetUnreachable() {
    if (epochs.peekFirst().get() != null) return;
    Epoch oldest;
    // Ends at the latest at the current epoch, which this holds strongly.
    do {
      epochs.pollFirst();
    } while ((oldest = epochs.peekFirst().get()) == null);
    floor = oldest.firstSeq;
    exits.forgetBelow(floor);
    runsAtEpoch = Math.min(runsAtEpoch, exits.runCount());
  }

  /** Deliveries held because someone waits on them or gave a listener (for tests). */
  synchronized int watchedCount() {
    return watched.size();
  }

  /** Runs of outcomes held (for tests). */
  synchronized int runCount() {
    return exits.runCount();
  }

  synchronized void synced(long seq) {
    if (seq > syncedThrough) {
      syncedThrough = seq;
      notifyAll();
    }
  }

  synchronized boolean isSynced(long seq) {
    return seq <= syncedThrough;
  }

  /**
   * Waits until {@code seq} is synced. Once the group commit is due and the I/O thread has not run
   * it (it sleeps in a read until the broker sends something, which a silent broker never does),
   * the waiting thread runs it.
   *
   * @return false when {@code seq} was not synced within the timeout
   */
  boolean awaitSynced(long seq, long timeout, TimeUnit unit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      long due = groupCommit.dueNanos();
      synchronized (this) {
        if (seq <= syncedThrough) return true;
        long now = System.nanoTime();
        long remaining = deadline - now;
        if (remaining <= 0) return false;
        // After close the queue's close() syncs and reports; nothing to run here.
        long wait = closed != null ? remaining : due - now;
        if (wait > 0) {
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(remaining, wait));
          continue;
        }
      }
      try {
        groupCommit.run();
      } catch (IllegalStateException e) {
        // The queue was closed since the look above; its close() synced and reported.
        if (!isClosed()) throw e;
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed != null;
  }
}
