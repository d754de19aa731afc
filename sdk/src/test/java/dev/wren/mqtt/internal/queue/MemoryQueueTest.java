package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drainSeqs;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory queue keeps the same contract as the file queue, minus durability. */
class MemoryQueueTest {
  final RecordingListener listener = new RecordingListener();
  final OutboundQueue q = new MemoryQueue(QueueOptions.memory(100), listener);

  @Test void handsOutInOrderAndRewindsToTheUnacknowledged() throws IOException {
    assertFalse(q.durable());
    appendAll(q, 0, 5);
    assertEquals(List.of(0L, 1L, 2L), List.of(q.next().seq(), q.next().seq(), q.next().seq()));
    q.acknowledged(1);
    q.rewind();
    assertEquals(List.of(0L, 2L, 3L, 4L), drainSeqs(q));
    q.acknowledged(4);
    q.acknowledged(0);
    q.rewind();
    assertEquals(List.of(2L, 3L), drainSeqs(q));
    assertEquals(2, q.size());
    assertEquals(2L * (QueueFormat.MESSAGE_OVERHEAD + 1 + 2), q.sizeBytes());
  }

  @Test void pubrelSentIsHandedOutAgainAfterRewind() throws IOException {
    q.append("t", bytes("a"), 2, true);
    q.next();
    q.pubrelSent(0);
    q.rewind();
    QueuedMessage m = q.next();
    assertTrue(m.pubrelSent());
    assertTrue(m.retain());
    assertEquals(1, m.packetId());
  }

  @Test void theQueueKeepsItsOwnCopyOfThePayload() throws IOException {
    byte[] payload = bytes("original");
    q.append("t", payload, 1, false);
    payload[0] = 'X';
    assertEquals("original", text(q.next()));
  }

  @Test void misuseIsRefusedAndDoubleAcknowledgementIgnored() throws IOException {
    appendAll(q, 0, 2);
    assertThrows(IllegalArgumentException.class, () -> q.acknowledged(0));
    assertThrows(IllegalArgumentException.class, () -> q.pubrelSent(0));
    q.next();
    assertThrows(IllegalArgumentException.class, () -> q.pubrelSent(0), "QoS 1");
    q.acknowledged(0);
    q.acknowledged(0);
    assertEquals(1, q.size());
    assertThrows(IllegalArgumentException.class, () -> q.append("t", bytes("x"), 0, false));
  }

  @Test void neverSyncsAndClosesForGood() throws IOException {
    appendAll(q, 0, 1);
    assertEquals(Long.MAX_VALUE, q.syncDueNanos());
    q.sync();
    assertEquals(List.of(), listener.synced);
    q.close();
    assertEquals(0, q.size());
    assertThrows(IllegalStateException.class, q::next);
    assertThrows(IllegalStateException.class, () -> q.append("t", bytes("x"), 1, false));
  }
}
