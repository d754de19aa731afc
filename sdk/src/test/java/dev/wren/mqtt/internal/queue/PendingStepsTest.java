package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgement records wait for the next write: an append carries them, the I/O thread's
 * {@code flushSteps} before it waits writes them, and so do sync, close and a full buffer. What a
 * kill forgets is sent again, never lost.
 */
class PendingStepsTest {
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
    fx.storage.noLock = true; // a queue abandoned without close stands for a killed process
  }

  private FileQueue open(SyncPolicy policy) throws IOException {
    fx.options = QueueOptions.files(dir).sync(policy).build();
    return fx.open();
  }

  private List<String> reopenAndDrain() throws IOException {
    try (FileQueue q = new QueueFixture(dir).open()) {
      return drain(q);
    }
  }

  @Test void theNextAppendCarriesThemInItsOwnWrite() throws IOException {
    FileQueue q = open(SyncPolicy.BATCH);
    appendAll(q, 0, 2);
    q.next();
    q.next();
    int writes = fx.storage.writes.get();
    q.acknowledged(0);
    q.acknowledged(1);
    assertEquals(writes, fx.storage.writes.get(), "acknowledgements wait for the next write");
    q.append("t", bytes("m2"), 1, false);
    assertEquals(writes + 1, fx.storage.writes.get(), "one write for the records and the message");
    assertEquals(List.of("m2"), reopenAndDrain());
  }

  @Test void aKillBeforeTheyAreWrittenSendsTheMessagesAgainAndAFlushWritesThem() throws IOException {
    FileQueue killed = open(SyncPolicy.BATCH);
    appendAll(killed, 0, 2);
    killed.next();
    killed.next();
    killed.acknowledged(0);
    assertEquals(List.of("m0", "m1"), reopenAndDrain(), "forgotten, so sent again: never lost");

    FileQueue flushed = open(SyncPolicy.BATCH);
    flushed.next();
    flushed.next();
    flushed.acknowledged(0);
    flushed.flushSteps();
    assertEquals(List.of("m1"), reopenAndDrain());
  }

  @Test void syncAndCloseWriteThem() throws IOException {
    for (SyncPolicy policy : SyncPolicy.values()) {
      FileQueue q = open(policy);
      q.append("t", bytes("a " + policy), 1, false);
      long seq = q.next().seq();
      q.acknowledged(seq);
      int writes = fx.storage.writes.get();
      q.sync();
      assertEquals(writes + 1, fx.storage.writes.get(), policy + ": sync writes the records");
      assertEquals(List.of(), reopenAndDrain(), policy.toString());
    }
    FileQueue q = open(SyncPolicy.ALWAYS);
    q.append("t", bytes("b"), 1, false);
    q.acknowledged(q.next().seq());
    q.close();
    assertEquals(List.of(), reopenAndDrain(), "close writes the records");
  }

  @Test void aFullBufferIsWrittenAtOnce() throws IOException {
    FileQueue q = open(SyncPolicy.NEVER);
    int count = 2 * PendingSteps.LIMIT / RecordCodec.step(QueueFormat.ACK, 0).length + 1;
    appendAll(q, 0, count);
    for (int i = 0; i < count; i++) q.next();
    int writes = fx.storage.writes.get();
    for (int i = 0; i < count; i++) q.acknowledged(i);
    assertTrue(fx.storage.writes.get() > writes, "no write for " + count + " acknowledgements");
    q.flushSteps();
    assertEquals(List.of(), reopenAndDrain());
  }
}
