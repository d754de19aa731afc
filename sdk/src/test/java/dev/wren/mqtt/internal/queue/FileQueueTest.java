package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.drainSeqs;
import static dev.wren.mqtt.internal.queue.QueueFixture.range;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Append, next, acknowledge, rewind and PUBREL on the file queue, within a run and across reopens. */
class FileQueueTest {
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
  }

  @Test void handsOutInOrderWithEveryField() throws IOException {
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.append("a/b", bytes("one"), 1, false));
      assertEquals(1, q.append("ü/ß", new byte[0], 2, true));
      assertEquals(2, q.size());
      assertEquals(2L * QueueFormat.MESSAGE_OVERHEAD + 3 + 3 + 5, q.sizeBytes());
      QueuedMessage m0 = q.next();
      assertEquals(0, m0.seq());
      assertEquals(1, m0.packetId());
      assertEquals("a/b", m0.topic());
      assertEquals("one", text(m0));
      assertEquals(1, m0.qos());
      assertFalse(m0.retain());
      QueuedMessage m1 = q.next();
      assertEquals("ü/ß", m1.topic());
      assertEquals(0, m1.payload().length);
      assertEquals(2, m1.qos());
      assertTrue(m1.retain());
      assertFalse(m1.pubrelSent());
      assertNull(q.next());
      assertTrue(q.durable());
    }
  }

  @Test void nextSeesMessagesAppendedAfterItReachedTheEnd() throws IOException {
    try (FileQueue q = fx.open()) {
      assertNull(q.next());
      appendAll(q, 0, 2);
      assertEquals(range(0, 2), drain(q));
      appendAll(q, 2, 1);
      assertEquals(range(2, 1), drain(q));
    }
  }

  @Test void outOfOrderAcknowledgementsAndRewind() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 6);
      assertEquals(List.of(0L, 1L, 2L, 3L), List.of(q.next().seq(), q.next().seq(), q.next().seq(),
          q.next().seq()));
      q.acknowledged(2);
      q.acknowledged(0);
      assertEquals(4, q.size());
      q.rewind();
      // Unacknowledged handed-out messages again, in order, then the rest.
      assertEquals(List.of(1L, 3L, 4L, 5L), drainSeqs(q));
      q.acknowledged(5);
      q.acknowledged(1);
      q.rewind();
      assertEquals(List.of(3L, 4L), drainSeqs(q));
      q.acknowledged(3);
      q.acknowledged(4);
      assertEquals(0, q.size());
      assertEquals(0, q.sizeBytes());
      q.rewind();
      assertNull(q.next());
    }
  }

  @Test void rewindWithNothingHandedOutContinuesAtTheFrontier() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 3);
      q.next();
      q.acknowledged(0);
      q.rewind();
      assertEquals(range(1, 2), drain(q));
    }
  }

  @Test void acknowledgingTwiceIsIgnoredButNeverHandedOutIsRefused() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      q.next();
      q.acknowledged(0);
      q.acknowledged(0);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.acknowledged(1));
      assertTrue(e.getMessage().contains("acknowledged(1)"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> q.pubrelSent(1));
      assertEquals(1, q.size());
    }
  }

  @Test void orderAndAcknowledgementsSurviveReopen() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 5);
      q.next();
      q.next();
      q.next();
      q.acknowledged(1);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(4, q.size());
      assertEquals(List.of("m0", "m2", "m3", "m4"), drain(q));
      q.acknowledged(0);
      q.acknowledged(3);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("m2", "m4"), drain(q));
    }
  }

  @Test void pubrelSentSurvivesReopenAndResumesWithPubrel() throws IOException {
    try (FileQueue q = fx.open()) {
      q.append("t", bytes("a"), 2, false);
      q.append("t", bytes("b"), 2, false);
      q.append("t", bytes("c"), 1, false);
      q.next();
      q.next();
      q.next();
      q.pubrelSent(1);
      q.pubrelSent(1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.pubrelSent(2));
      assertTrue(e.getMessage().contains("QoS 1"), e.getMessage());
      q.rewind();
      assertFalse(q.next().pubrelSent());
      assertTrue(q.next().pubrelSent());
    }
    try (FileQueue q = fx.open()) {
      QueuedMessage a = q.next();
      QueuedMessage b = q.next();
      assertFalse(a.pubrelSent());
      assertEquals(1, b.seq());
      assertTrue(b.pubrelSent());
      q.acknowledged(1);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(0L, 2L), drainSeqs(q));
    }
  }

  @Test void sequenceNumbersContinueAcrossReopenEvenWhenEmpty() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 3);
      for (int i = 0; i < 3; i++) q.acknowledged(q.next().seq());
      assertEquals(0, q.size());
    }
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.size());
      assertEquals(3, q.append("t", bytes("x"), 1, false));
      assertEquals(4, q.append("t", bytes("y"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(5, q.append("t", bytes("z"), 1, false));
      assertEquals(List.of(3L, 4L, 5L), drainSeqs(q));
    }
  }

  @Test void segmentsRollOverAndAreDeletedOnceAcknowledged() throws IOException {
    fx.segmentBytes = 200;
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 30);
      String[] names = fx.segments();
      assertTrue(names.length > 3, Arrays.toString(names));
      assertEquals(QueueFormat.segmentName(0), names[0]);
      for (int i = 1; i < names.length; i++) {
        assertTrue(names[i].compareTo(names[i - 1]) > 0, "segments sort in order");
      }
      List<QueuedMessage> sent = new java.util.ArrayList<>();
      QueuedMessage m;
      while ((m = q.next()) != null) sent.add(m);
      assertEquals(30, sent.size());
      // Acknowledge the first ten: the segments holding only those go.
      for (int i = 0; i < 10; i++) q.acknowledged(i);
      String[] after = fx.segments();
      assertFalse(Arrays.asList(after).contains(names[0]), Arrays.toString(after));
      long firstBase = QueueFormat.segmentBase(after[0]);
      assertTrue(firstBase > 0 && firstBase <= 10, "first segment now starts at " + firstBase);
      for (int i = 10; i < 30; i++) q.acknowledged(i);
      assertEquals(1, fx.segments().length, Arrays.toString(fx.segments()));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.size());
      assertEquals(30, q.append("t", bytes("next"), 1, false));
    }
  }

  @Test void anIdleEmptyQueueKeepsOneSmallSegment() throws IOException {
    try (FileQueue q = fx.open()) {
      byte[] payload = new byte[1000];
      for (int i = 0; i < 100; i++) q.append("t", payload, 1, false);
      for (int i = 0; i < 100; i++) q.acknowledged(q.next().seq());
      assertEquals(1, fx.segments().length);
      assertEquals(QueueFormat.segmentName(100), fx.segments()[0]);
      assertEquals(QueueFormat.SEGMENT_HEADER_SIZE, fx.segment(0).length());
    }
  }

  @Test void aStuckOldMessageDoesNotKeepLaterAcknowledgedSegments() throws IOException {
    fx.segmentBytes = 200;
    try (FileQueue q = fx.open()) {
      q.append("t", bytes("stuck"), 2, false);
      appendAll(q, 1, 40);
      assertEquals(0, q.next().seq());
      q.pubrelSent(0);
      int before = fx.segments().length;
      for (int i = 1; i <= 40; i++) q.acknowledged(q.next().seq());
      String[] after = fx.segments();
      // The stuck message's segment and the tail remain; the fully acknowledged ones between went,
      // after a CHECKPOINT kept the acknowledgements and the PUBREL step they held.
      assertTrue(after.length <= 2 && before > 4, before + " -> " + Arrays.toString(after));
      assertEquals(1, q.size());
    }
    try (FileQueue q = fx.open()) {
      assertEquals(1, q.size());
      QueuedMessage m = q.next();
      assertEquals(0, m.seq());
      assertTrue(m.pubrelSent());
      assertNull(q.next());
      assertEquals(41, q.append("t", bytes("after"), 1, false));
    }
  }

  @Test void memoryPerMessageStaysBoundedByWhatIsInFlight() throws IOException {
    fx.segmentBytes = 64 * 1024;
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 20_000);
      assertEquals(0, q.trackedEntries(), "queued messages cost no per-message memory");
      // A window of 10 in flight, acknowledged in scrambled order.
      long acked = 0;
      java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();
      int maxTracked = 0;
      while (acked < 20_000) {
        QueuedMessage m;
        while (window.size() < 10 && (m = q.next()) != null) window.add(m.seq());
        Long a = window.size() > 1 && (acked % 3 == 0) ? window.pollLast() : window.pollFirst();
        q.acknowledged(a);
        acked++;
        maxTracked = Math.max(maxTracked, q.trackedEntries());
      }
      assertTrue(maxTracked <= 25, "tracked entries peaked at " + maxTracked);
      assertEquals(0, q.size());
    }
  }

  @Test void aQueueAbandonedWithoutCloseIsRecoveredFromWhatItWrote() throws IOException {
    fx.storage.noLock = true; // the abandoned queue's files stay open, as in a killed process
    FileQueue crashed = fx.open();
    crashed.append("t", bytes("a"), 2, false);
    appendAll(crashed, 1, 4);
    crashed.next();
    crashed.next();
    crashed.next();
    crashed.pubrelSent(0);
    crashed.acknowledged(2);
    crashed.append("t", bytes("m5"), 1, false);
    try (FileQueue q = new QueueFixture(dir).open()) {
      QueuedMessage first = q.next();
      assertEquals(0, first.seq());
      assertTrue(first.pubrelSent());
      assertEquals(List.of("m1", "m3", "m4", "m5"), drain(q));
      assertEquals(6, q.append("t", bytes("m6"), 1, false));
    }
  }

  @Test void closedQueueRefusesCalls() throws IOException {
    FileQueue q = fx.open();
    q.close();
    q.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> q.append("t", bytes("x"), 1, false));
    assertTrue(e.getMessage().contains("closed"));
    assertThrows(IllegalStateException.class, q::next);
  }

  @Test void badArgumentsAreRefused() throws IOException {
    try (FileQueue q = fx.open()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> q.append("t", bytes("x"), 0, false));
      assertEquals("the queue holds QoS 1 and 2 messages only: QoS 0", e.getMessage());
      assertThrows(NullPointerException.class, () -> q.append(null, bytes("x"), 1, false));
      String longTopic = "x".repeat(65536);
      e = assertThrows(IllegalArgumentException.class, () -> q.append(longTopic, new byte[0], 1, false));
      assertTrue(e.getMessage().contains("65536 bytes"), e.getMessage());
      assertEquals(0, q.size());
    }
  }

  @Test void largePayloadRoundTrips() throws IOException {
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    try (FileQueue q = fx.open()) {
      q.append("t", big, 1, false);
      q.append("t", bytes("small"), 1, false);
    }
    try (FileQueue q = fx.open()) {
      assertArrayEquals(big, q.next().payload());
      assertEquals("small", text(q.next()));
    }
  }
}
