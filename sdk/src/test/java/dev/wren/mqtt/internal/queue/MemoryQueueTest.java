package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drainSeqs;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import java.io.IOException;
import java.util.ArrayList;
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

  @Test void theQueueKeepsTheCallersArrayWithoutACopy() throws IOException {
    byte[] payload = bytes("original");
    q.append("t", payload, 1, false);
    QueuedMessage m = q.next();
    assertSame(payload, m.payload());
    q.rewind();
    assertSame(m, q.next(), "handed out again without a new object");
  }

  @Test void theRingGrowsWrapsAndKeepsOutOfOrderAcknowledgements() throws IOException {
    // 40 rounds of 7 appends and 7 hand-outs, acknowledging all but every third: the ring wraps
    // and grows past its first 16 slots with holes in it.
    List<Long> kept = new ArrayList<>();
    long seq = 0;
    for (int round = 0; round < 40; round++) {
      appendAll(q, (int) seq, 7);
      for (int i = 0; i < 7; i++, seq++) {
        assertEquals(seq, q.next().seq());
        if (seq % 3 == 0) kept.add(seq);
        else q.acknowledged(seq);
      }
      if (kept.size() > 60) {
        for (long k : kept.subList(0, 40)) q.acknowledged(k);
        kept.subList(0, 40).clear();
      }
    }
    assertEquals(kept.size(), q.size());
    long expectedBytes = 0;
    for (long k : kept) expectedBytes += QueueFormat.MESSAGE_OVERHEAD + 1 + ("m" + k).length();
    assertEquals(expectedBytes, q.sizeBytes());
    assertNull(q.next());
    q.rewind();
    assertEquals(kept, drainSeqs(q));
    for (long k : kept) q.acknowledged(k);
    assertEquals(0, q.size());
    assertEquals(0, q.sizeBytes());
    q.rewind();
    assertNull(q.next());
    appendAll(q, (int) seq, 1);
    assertEquals(seq, q.next().seq());
  }

  @Test void aLargeRingIsGivenBackOnceEmptyAndNumberingGoesOn() throws IOException {
    OutboundQueue big = new MemoryQueue(QueueOptions.memory(5000), listener);
    appendAll(big, 0, 3000);
    for (long s = 0; s < 3000; s++) big.acknowledged(big.next().seq());
    assertEquals(0, big.size());
    appendAll(big, 3000, 2);
    big.rewind();
    assertEquals(List.of(3000L, 3001L), drainSeqs(big));
    big.rewind();
    assertEquals(List.of("m3000", "m3001"), QueueFixture.drain(big));
  }
}
