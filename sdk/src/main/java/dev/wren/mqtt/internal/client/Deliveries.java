package dev.wren.mqtt.internal.client;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DeliveryImpl}s of queued messages published by this process, by sequence number,
 * and how far the queue has synced. Thread-safe.
 *
 * <p>A delivery is held weakly unless it has a listener: one the application dropped can tell
 * nobody anything, and holding it would keep its message (payload included) on the heap for as
 * long as the message waits in a file queue, which may be hours. One with a listener is held
 * until done, because the listener is how the application hears. Messages recovered from
 * storage have no delivery at all. A delivery is registered before its message can be sent
 * ({@link dev.wren.mqtt.internal.queue.OutboundQueue.Appended}), so an acknowledgement never
 * finds it missing for any other reason.
 */
final class Deliveries {
  private final Map<Long, Object> pending = new HashMap<>();
  private final ReferenceQueue<DeliveryImpl> collected = new ReferenceQueue<>();
  private long syncedThrough = -1;

  /** A weakly held delivery, with the key to remove once the collector took it. */
  private static final class Held extends WeakReference<DeliveryImpl> {
    final long seq;

    Held(long seq, DeliveryImpl delivery, ReferenceQueue<DeliveryImpl> queue) {
      super(delivery, queue);
      this.seq = seq;
    }
  }

  synchronized void register(long seq, DeliveryImpl delivery) {
    purge();
    pending.put(seq, delivery.hasListeners() ? delivery : new Held(seq, delivery, collected));
  }

  /** {@code delivery} gained a listener: hold it strongly until it is done. */
  synchronized void pin(long seq, DeliveryImpl delivery) {
    if (pending.containsKey(seq)) pending.put(seq, delivery);
  }

  void delivered(long seq) {
    DeliveryImpl delivery = take(seq);
    if (delivery != null) delivery.delivered();
  }

  void failed(long seq, Throwable failure) {
    DeliveryImpl delivery = take(seq);
    if (delivery != null) delivery.fail(failure);
  }

  private synchronized DeliveryImpl take(long seq) {
    return resolve(pending.remove(seq));
  }

  /** Fails every delivery still waiting; their messages stay in the queue. */
  void failAll(Throwable failure) {
    List<DeliveryImpl> all = new ArrayList<>();
    synchronized (this) {
      for (Object held : pending.values()) {
        DeliveryImpl delivery = resolve(held);
        if (delivery != null) all.add(delivery);
      }
      pending.clear();
    }
    for (DeliveryImpl delivery : all) delivery.fail(failure);
  }

  /** Deliveries still held (for tests and statistics). */
  synchronized int size() {
    purge();
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

  private void purge() {
    Reference<? extends DeliveryImpl> gone;
    while ((gone = collected.poll()) != null) {
      Held held = (Held) gone;
      if (pending.get(held.seq) == held) pending.remove(held.seq);
    }
  }

  private static DeliveryImpl resolve(Object held) {
    if (held instanceof Held) return ((Held) held).get();
    return (DeliveryImpl) held;
  }
}
