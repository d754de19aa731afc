package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.testing.Await;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The I/O thread as the relay of an ALWAYS publisher's sync: it waits for the sync, sends what it
 * released, and the publisher leaves that send to it; without a waiting relay nothing changes.
 */
class SyncRelayTest {
  private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(10);
  @TempDir File dir;
  QueueFixture fx;
  final ExecutorService pool = Executors.newFixedThreadPool(2);

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
  }

  @AfterEach void tearDown() {
    pool.shutdownNow();
  }

  private FileQueue open(SyncPolicy policy) throws IOException {
    fx.options = QueueOptions.files(dir).sync(policy).build();
    return fx.open();
  }

  /** Appends message "a" on another thread, whose sync waits for {@code gate}; returns once it does. */
  private Future<Long> appendHeldAtTheSync(FileQueue q, CountDownLatch gate) throws InterruptedException {
    fx.storage.syncGate = gate;
    Future<Long> publisher = pool.submit(() -> q.append("t", bytes("a"), 1, false));
    assertTrue(fx.storage.syncEntered.await(10, TimeUnit.SECONDS), "the sync of a started");
    return publisher;
  }

  @Test void aRelayWaitingForTheSyncTakesOverTheSendOfWhatItReleased() throws Exception {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      CountDownLatch gate = new CountDownLatch(1);
      Future<Long> publisher = appendHeldAtTheSync(q, gate);
      Future<Boolean> relay = pool.submit(() -> q.awaitReleasingSync(LONG_WAIT));
      Await.awaitTrue("the relay waits for the sync", 10_000, q::relayWaiting);
      assertNull(q.next(), "a is not on stable storage yet");
      gate.countDown();
      assertEquals(0L, publisher.get(10, TimeUnit.SECONDS));
      assertTrue(relay.get(10, TimeUnit.SECONDS), "the relay saw the sync finish");
      assertTrue(q.sendTakenOver(0), "the publisher leaves the send of a to the relay");
      assertEquals("a", text(q.next()));
    }
  }

  @Test void withoutARelayThePublisherSendsItsOwn() throws Exception {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      assertFalse(q.awaitReleasingSync(LONG_WAIT), "no sync runs: the relay does not wait");
      long seq = q.append("t", bytes("a"), 1, false);
      assertFalse(q.sendTakenOver(seq));
      assertFalse(q.relayWaiting());
    }
  }

  @Test void aRelayWhoseWaitRunsOutLeavesTheSendToThePublisher() throws Exception {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      CountDownLatch gate = new CountDownLatch(1);
      Future<Long> publisher = appendHeldAtTheSync(q, gate);
      assertFalse(q.awaitReleasingSync(TimeUnit.MILLISECONDS.toNanos(20)), "the sync outlasted the wait");
      gate.countDown();
      long seq = publisher.get(10, TimeUnit.SECONDS);
      assertFalse(q.sendTakenOver(seq), "nobody waited when the sync finished");
      assertEquals("a", text(q.next()));
    }
  }

  @Test void aRelayDoesNotWaitForASyncThatReleasesNothingNew() throws Exception {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      q.append("t", bytes("a"), 2, false);
      assertEquals("a", text(q.next()));
      // The PUBREL step's sync covers no message that was never handed out.
      CountDownLatch gate = new CountDownLatch(1);
      fx.storage.syncGate = gate;
      Future<?> pubrel = pool.submit(() -> {
        q.pubrelSent(0);
        return null;
      });
      assertTrue(fx.storage.syncEntered.await(10, TimeUnit.SECONDS), "the sync of the step started");
      assertFalse(q.awaitReleasingSync(LONG_WAIT));
      gate.countDown();
      pubrel.get(10, TimeUnit.SECONDS);
    }
  }

  @Test void aRelayIsForAlwaysOnly() throws Exception {
    try (FileQueue q = open(SyncPolicy.BATCH)) {
      long seq = q.append("t", bytes("a"), 1, false);
      assertFalse(q.awaitReleasingSync(LONG_WAIT));
      assertFalse(q.sendTakenOver(seq));
    }
    MemoryQueue memory = new MemoryQueue(QueueOptions.memory(100), fx.listener);
    long seq = memory.append("t", bytes("a"), 1, false);
    assertFalse(memory.awaitReleasingSync(LONG_WAIT));
    assertFalse(memory.sendTakenOver(seq));
  }
}
