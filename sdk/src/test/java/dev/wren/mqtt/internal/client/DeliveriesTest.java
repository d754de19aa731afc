package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueFullException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deliveries hold nothing per queued message: a delivery learns its outcome when looked at, and
 * only one waited on or given a listener is held, until done.
 */
class DeliveriesTest {
  /** A queue that never has anything to sync (a memory queue). */
  private static final Link.Chores NO_SYNC = new Link.Chores() {
    @Override public long dueNanos() {
      return Long.MAX_VALUE;
    }

    @Override public void run() {
      throw new AssertionError("nothing is due");
    }

    @Override public void beforeWait() {
    }

    @Override public boolean relaySync() {
      return false;
    }
  };
  private final IoThread io = new IoThread();

  private DeliveryImpl queue(Deliveries deliveries, long seq) {
    return queue(deliveries, seq, 10_000);
  }

  private DeliveryImpl queue(Deliveries deliveries, long seq, int payloadBytes) {
    DeliveryImpl d = new DeliveryImpl(io, Message.builder().topic("t/" + seq)
        .payload(new byte[payloadBytes]).qos(Qos.AT_LEAST_ONCE).build());
    d.queueing(deliveries, null);
    d.appended(seq);
    return d;
  }

  private static void collect(WeakReference<?> ref) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ref.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
  }

  @Test void aDeliveryTheApplicationDroppedIsNotHeld() throws Exception {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    WeakReference<DeliveryImpl> dropped = new WeakReference<>(queue(deliveries, 0));
    collect(dropped);
    assertNull(dropped.get(), "the client still holds a delivery nobody can look at");
    deliveries.delivered(0);
    assertEquals(0, deliveries.watchedCount());
  }

  @Test void aHeldDeliveryLearnsItsOutcomeWhenLookedAt() {
    Deliveries deliveries = new Deliveries(5, NO_SYNC);
    DeliveryImpl acked = queue(deliveries, 5);
    DeliveryImpl dropped = queue(deliveries, 6);
    DeliveryImpl waiting = queue(deliveries, 7);
    assertFalse(acked.isDone());
    deliveries.delivered(5);
    deliveries.dropped(6, new Deliveries.Drop("queue full, maxMessages 2 reached"));
    assertEquals(0, deliveries.watchedCount(), "nothing was held to be told");
    assertTrue(acked.isDone());
    assertTrue(acked.isDelivered());
    assertNull(acked.failure());
    assertTrue(dropped.isDone());
    assertFalse(dropped.isDelivered());
    QueueFullException failure = (QueueFullException) dropped.failure();
    assertEquals("message to 't/6' dropped from the outbound queue: queue full, maxMessages 2"
        + " reached", failure.getMessage());
    assertSame(failure, dropped.failure(), "the failure is decided once");
    assertFalse(waiting.isDone());
    assertNull(waiting.failure());
  }

  @Test void aListenerHoldsItsDeliveryUntilDoneAndHearsOnce() throws Exception {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    AtomicInteger heard = new AtomicInteger();
    List<WeakReference<DeliveryImpl>> refs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      DeliveryImpl d = queue(deliveries, i);
      if (i % 2 == 0) d.whenDone((delivery, failure) -> heard.incrementAndGet());
      refs.add(new WeakReference<>(d));
    }
    assertEquals(5, deliveries.watchedCount());
    collect(refs.get(1));
    assertNull(refs.get(1).get());
    assertTrue(refs.get(0).get() != null, "a delivery with a listener must stay until done");
    for (int i = 0; i < 10; i++) deliveries.delivered(i);
    assertEquals(5, heard.get());
    assertEquals(0, deliveries.watchedCount());
  }

  @Test void aListenerAddedAfterTheOutcomeIsCalledAtOnce() {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl d = queue(deliveries, 0);
    deliveries.dropped(0, new Deliveries.Drop("why"));
    AtomicReference<Throwable> heard = new AtomicReference<>();
    d.whenDone((delivery, failure) -> heard.set(failure));
    assertTrue(heard.get() instanceof QueueFullException, String.valueOf(heard.get()));
    assertEquals(0, deliveries.watchedCount());
  }

  @Test void awaitIsWokenByTheAcknowledgementAndHoldsNothingAfterwards() throws Exception {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl d = queue(deliveries, 0);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      waiting.countDown();
      try {
        d.await(10, TimeUnit.SECONDS);
        outcome.set(new AssertionError("delivered"));
      } catch (Throwable t) {
        outcome.set(t);
      }
    });
    waiter.start();
    waiting.await();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (deliveries.watchedCount() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
    assertEquals(1, deliveries.watchedCount());
    deliveries.delivered(0);
    waiter.join(5_000);
    assertEquals("delivered", outcome.get().getMessage());
    assertEquals(0, deliveries.watchedCount());
  }

  @Test void anAwaitThatTimesOutStopsHoldingTheDelivery() {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl d = queue(deliveries, 0);
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class,
        () -> d.await(20, TimeUnit.MILLISECONDS));
    assertTrue(e.getMessage().contains("'t/0' (QoS 1) within 20 ms"), e.getMessage());
    assertEquals(0, deliveries.watchedCount());
    deliveries.delivered(0);
    assertTrue(d.isDelivered());
  }

  @Test void closingFailsWhatIsStillQueuedAndFreezesTheOutcomes() {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl acked = queue(deliveries, 0);
    DeliveryImpl queued = queue(deliveries, 1);
    DeliveryImpl listened = queue(deliveries, 2);
    AtomicReference<Throwable> heard = new AtomicReference<>();
    listened.whenDone((delivery, failure) -> heard.set(failure));
    deliveries.delivered(0);
    NotConnectedException closed = new NotConnectedException("closed");
    deliveries.failAll(closed);
    assertSame(closed, heard.get());
    deliveries.delivered(1);
    assertTrue(acked.isDelivered());
    assertSame(closed, queued.failure(), "an acknowledgement after close does not count");
    Delivery late = queue(deliveries, 3);
    assertSame(closed, late.failure());
  }

  @Test void recoveredMessagesHaveNoOutcomesHere() {
    Deliveries deliveries = new Deliveries(100, NO_SYNC);
    for (int i = 0; i < 100; i += 2) {
      deliveries.delivered(i);
      deliveries.dropped(i + 1, new Deliveries.Drop("x"));
    }
    assertEquals(0, deliveries.runCount());
  }

  @Test void outcomesNobodyCanAskAboutAreForgotten() throws Exception {
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl kept = null;
    // Acknowledged and dropped in turn: a run each, and a new epoch for the next delivery.
    for (int i = 0; i < 1_000; i++) {
      DeliveryImpl d = queue(deliveries, i);
      if (i == 900) kept = d;
      if (i % 2 == 0) deliveries.delivered(i);
      else deliveries.dropped(i, new Deliveries.Drop("x"));
    }
    WeakReference<DeliveryImpl> early = new WeakReference<>(queue(deliveries, 1_000));
    collect(early);
    deliveries.delivered(1_000);
    // From the epoch holding 900 on: at most MIN_EPOCH before it, 100 after, and 1,000.
    assertTrue(deliveries.runCount() <= 101 + Deliveries.MIN_EPOCH,
        "runs kept: " + deliveries.runCount());
    assertTrue(deliveries.runCount() >= 101, "runs kept: " + deliveries.runCount());
    assertTrue(kept.isDelivered(), "the runs of a delivery still held are kept");
  }

  @Test void outcomesRacingWaitersAndListenersReachEveryone() throws Exception {
    int n = 20_000;
    Deliveries deliveries = new Deliveries(0, NO_SYNC);
    DeliveryImpl[] all = new DeliveryImpl[n];
    for (int i = 0; i < n; i++) all[i] = queue(deliveries, i, 0);
    AtomicInteger heard = new AtomicInteger();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    Thread acks = new Thread(() -> {
      // Out of order within windows of 16, one in ten dropped.
      for (int base = 0; base < n; base += 16) {
        for (int j = 15; j >= 0; j--) {
          int seq = base + j;
          if (seq % 10 == 3) deliveries.dropped(seq, new Deliveries.Drop("race"));
          else deliveries.delivered(seq);
        }
      }
    });
    Thread listeners = new Thread(() -> {
      for (int i = 0; i < n; i += 2) all[i].whenDone((d, failure) -> heard.incrementAndGet());
    });
    Thread waiters = new Thread(() -> {
      try {
        for (int i = 1; i < n; i += 2) {
          try {
            all[i].await(10, TimeUnit.SECONDS);
          } catch (QueueFullException expected) {
            if (i % 10 != 3) throw expected;
          }
        }
      } catch (Throwable t) {
        errors.add(t);
      }
    });
    listeners.start();
    waiters.start();
    acks.start();
    for (Thread t : new Thread[] {acks, listeners, waiters}) t.join(30_000);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(n / 2, heard.get(), "every listener hears once");
    for (int i = 0; i < n; i++) {
      assertTrue(all[i].isDone(), "delivery " + i);
      assertEquals(i % 10 != 3, all[i].isDelivered(), "delivery " + i);
    }
    assertEquals(0, deliveries.watchedCount());
  }

  /** A group commit due from the start, counting its runs; each run syncs through {@code seq}. */
  private static final class DueCommit implements Link.Chores {
    final AtomicInteger runs = new AtomicInteger();
    Deliveries deliveries;
    long syncs;

    @Override public long dueNanos() {
      return runs.get() == 0 ? System.nanoTime() - 1 : Long.MAX_VALUE;
    }

    @Override public void run() {
      runs.incrementAndGet();
      deliveries.synced(syncs);
    }

    @Override public void beforeWait() {
    }

    @Override public boolean relaySync() {
      return false;
    }
  }

  @Test void aThreadWaitingForPersistenceRunsTheGroupCommitOnceDue() throws Exception {
    DueCommit commit = new DueCommit();
    Deliveries deliveries = new Deliveries(0, commit);
    commit.deliveries = deliveries;
    commit.syncs = 3;
    assertTrue(deliveries.awaitSynced(3, 5, TimeUnit.SECONDS));
    assertEquals(1, commit.runs.get());
    assertTrue(deliveries.isSynced(2));
    assertFalse(deliveries.isSynced(4));
  }

  @Test void afterCloseAWaiterLeavesTheSyncToTheQueuesClose() throws Exception {
    DueCommit commit = new DueCommit();
    Deliveries deliveries = new Deliveries(0, commit);
    commit.deliveries = deliveries;
    deliveries.failAll(new NotConnectedException("closed"));
    assertFalse(deliveries.awaitSynced(3, 50, TimeUnit.MILLISECONDS));
    assertEquals(0, commit.runs.get());
  }
}
