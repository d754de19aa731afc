package dev.wren.mqtt.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DeliveryImpl}s of queued messages published by this process, by sequence number,
 * and how far the queue has synced. Messages recovered from storage (sequence numbers below
 * {@code firstSeq}) have no delivery. Thread-safe.
 *
 * <p>A publisher registers its delivery just after its append returns, so another thread may send
 * the message, and the I/O thread see its acknowledgement, first: such outcomes wait in
 * {@code early} until the registration arrives.
 */
final class Deliveries {
  /** Marks an early outcome that was a success. */
  private static final Throwable DELIVERED = new Throwable("delivered");

  private final long firstSeq;
  private final Map<Long, DeliveryImpl> pending = new HashMap<>();
  private final Map<Long, Throwable> early = new HashMap<>();
  private long syncedThrough = -1;

  Deliveries(long firstSeq) {
    this.firstSeq = firstSeq;
  }

  void register(long seq, DeliveryImpl delivery) {
    Throwable outcome;
    synchronized (this) {
      outcome = early.remove(seq);
      if (outcome == null) {
        pending.put(seq, delivery);
        return;
      }
    }
    finish(delivery, outcome);
  }

  void delivered(long seq) {
    settle(seq, DELIVERED);
  }

  void failed(long seq, Throwable failure) {
    settle(seq, failure);
  }

  private void settle(long seq, Throwable outcome) {
    DeliveryImpl delivery;
    synchronized (this) {
      delivery = pending.remove(seq);
      if (delivery == null) {
        if (seq >= firstSeq) early.put(seq, outcome);
        return;
      }
    }
    finish(delivery, outcome);
  }

  /** Fails every delivery still waiting; their messages stay in the queue. */
  void failAll(Throwable failure) {
    List<DeliveryImpl> all;
    synchronized (this) {
      all = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (DeliveryImpl delivery : all) delivery.fail(failure);
  }

  synchronized int size() {
    return pending.size();
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

  /** @return false when {@code seq} was not synced within the timeout */
  synchronized boolean awaitSynced(long seq, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (seq > syncedThrough) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return true;
  }

  private static void finish(DeliveryImpl delivery, Throwable outcome) {
    if (outcome == DELIVERED) {
      delivery.delivered();
    } else {
      delivery.fail(outcome);
    }
  }
}
