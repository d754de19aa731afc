package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ALWAYS, BATCH and NEVER: when the queue syncs, how often, and what it tells the listener. */
class SyncPolicyTest {
  @TempDir File dir;
  QueueFixture fx;
  long now = 1_000_000_000L;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
    fx.clock = () -> now;
  }

  private FileQueue open(SyncPolicy policy) throws IOException {
    fx.options = QueueOptions.files(dir).sync(policy).batchWindow(10, TimeUnit.MILLISECONDS).build();
    return fx.open();
  }

  @Test void alwaysSyncsBeforeAppendReturns() throws IOException {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      int before = fx.storage.syncs.get();
      q.append("t", bytes("a"), 1, false);
      assertEquals(before + 1, fx.storage.syncs.get());
      assertEquals(List.of(0L), fx.listener.synced);
      q.append("t", bytes("b"), 2, false);
      assertEquals(before + 2, fx.storage.syncs.get());
      assertEquals(Long.MAX_VALUE, q.syncDueNanos());
      // The PUBREL step is synced before PUBREL may go out; acknowledgements wait for the window.
      q.next();
      q.next();
      q.pubrelSent(1);
      assertEquals(before + 3, fx.storage.syncs.get());
      q.acknowledged(0);
      q.flushSteps(); // what the I/O thread does before it waits
      assertEquals(before + 3, fx.storage.syncs.get());
      assertEquals(now + 10_000_000L, q.syncDueNanos());
    }
  }

  @Test void alwaysPublishersThatAppendDuringASyncShareTheNextOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      q.sync();
      int before = fx.storage.syncs.get();
      CountDownLatch gate = new CountDownLatch(1);
      fx.storage.syncGate = gate;
      List<Future<Long>> appends = new ArrayList<>();
      appends.add(pool.submit(() -> q.append("t", bytes("first"), 1, false)));
      assertTrue(fx.storage.syncEntered.await(10, TimeUnit.SECONDS), "first sync started");
      for (int i = 0; i < 5; i++) {
        appends.add(pool.submit(() -> q.append("t", bytes("waiting"), 1, false)));
      }
      while (q.size() < 6) Thread.sleep(1);
      for (Future<Long> f : appends) assertTrue(!f.isDone(), "no append returns before its sync");
      gate.countDown();
      for (Future<Long> f : appends) f.get(10, TimeUnit.SECONDS);
      assertEquals(before + 2, fx.storage.syncs.get(),
          "one sync for the first append, one shared by the five that waited");
      // synced(0) may lose the race to synced(5), which covers it: then only 5 is reported.
      List<Long> synced = fx.listener.synced;
      assertTrue(synced.equals(List.of(0L, 5L)) || synced.equals(List.of(5L)), synced.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test void alwaysHandsOutAMessageOnlyOnceItsSyncReturned() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      q.append("t", bytes("a"), 2, false);
      CountDownLatch gate = new CountDownLatch(1);
      fx.storage.syncGate = gate;
      Future<Long> b = pool.submit(() -> q.append("t", bytes("b"), 2, false));
      assertTrue(fx.storage.syncEntered.await(10, TimeUnit.SECONDS), "the sync of b started");
      assertEquals("a", text(q.next()));
      // b is in the file but not yet on stable storage: sent now, a power loss could give its
      // sequence number (and packet identifier) to another message.
      assertNull(q.next());
      assertNull(q.next(), "asking again changes nothing");
      gate.countDown();
      assertEquals(1L, b.get(10, TimeUnit.SECONDS));
      QueuedMessage second = q.next();
      assertEquals("b", text(second));
      assertEquals(1L, second.seq());
      assertNull(q.next());
      q.acknowledged(0);
      q.acknowledged(1);
      assertEquals(0, q.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test void batchSyncsWithinTheWindowAfterTheFirstUnsyncedWrite() throws IOException {
    try (FileQueue q = open(SyncPolicy.BATCH)) {
      q.sync();
      assertEquals(Long.MAX_VALUE, q.syncDueNanos());
      int before = fx.storage.syncs.get();
      q.append("t", bytes("a"), 1, false);
      assertEquals(before, fx.storage.syncs.get(), "BATCH returns before syncing");
      long due = now + 10_000_000L;
      assertEquals(due, q.syncDueNanos());
      now += 4_000_000L;
      q.append("t", bytes("b"), 1, false);
      assertEquals(due, q.syncDueNanos(), "the deadline belongs to the oldest unsynced write");
      assertEquals(List.of(), fx.listener.synced);
      now = due;
      q.sync();
      assertEquals(before + 1, fx.storage.syncs.get());
      assertEquals(List.of(1L), fx.listener.synced);
      assertEquals(Long.MAX_VALUE, q.syncDueNanos());
      q.sync();
      assertEquals(before + 1, fx.storage.syncs.get(), "nothing written, nothing synced");
      q.next();
      q.acknowledged(0);
      assertEquals(Long.MAX_VALUE, q.syncDueNanos(), "the record waits for the next write");
      q.flushSteps();
      assertEquals(now + 10_000_000L, q.syncDueNanos(), "acknowledgements are synced too");
      q.sync();
      assertEquals(List.of(1L), fx.listener.synced, "synced() reports new messages only");
      q.append("t", bytes("c"), 1, false);
    }
    assertEquals(List.of(1L, 2L), fx.listener.synced, "close syncs and reports");
  }

  @Test void neverSyncsNotEvenOnClose() throws IOException {
    try (FileQueue q = open(SyncPolicy.NEVER)) {
      q.append("t", bytes("qos2"), 2, false);
      appendAll(q, 1, 2);
      q.next();
      q.pubrelSent(0);
      assertEquals(Long.MAX_VALUE, q.syncDueNanos());
      q.sync();
    }
    assertEquals(0, fx.storage.syncs.get());
    assertEquals(List.of(), fx.listener.synced);
    try (FileQueue q = open(SyncPolicy.NEVER)) {
      assertEquals(3, q.size(), "written to the OS: a reopen sees everything");
    }
  }

  @Test void aPublisherInterruptedWhileWaitingForASyncIsToldSo() throws Exception {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      q.sync();
      CountDownLatch gate = new CountDownLatch(1);
      fx.storage.syncGate = gate;
      Thread first = new Thread(() -> {
        try {
          q.append("t", bytes("first"), 1, false);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      first.start();
      assertTrue(fx.storage.syncEntered.await(10, TimeUnit.SECONDS));
      List<Throwable> failures = new ArrayList<>();
      Thread second = new Thread(() -> {
        try {
          q.append("t", bytes("second"), 1, false);
        } catch (IOException e) {
          failures.add(e);
        }
      });
      second.start();
      while (q.size() < 2) Thread.sleep(1);
      second.interrupt();
      second.join(10_000);
      gate.countDown();
      first.join(10_000);
      assertEquals(1, failures.size());
      assertTrue(failures.get(0) instanceof java.io.InterruptedIOException, failures.toString());
      assertTrue(failures.get(0).getMessage().contains("stored but may not be synced"));
      assertEquals(2, q.size());
    }
  }
}
