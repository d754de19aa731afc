package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message appended last is handed out from memory; every other comes from the file. */
class LastAppendedTest {
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
  }

  private FileQueue open(SyncPolicy policy) throws IOException {
    fx.options = QueueOptions.files(fx.storage.directory()).sync(policy).build();
    return fx.open();
  }

  @Test void theMessageJustAppendedGoesOutWithoutAReadFromTheFile() throws IOException {
    for (SyncPolicy policy : SyncPolicy.values()) {
      // A queue of its own: in a reopened one the cursor first reads past the older records.
      fx = new QueueFixture(new File(dir, policy.name()));
      try (FileQueue q = open(policy)) {
        byte[] payload = bytes("reading " + policy);
        long seq = q.append("t/" + policy, payload, 1, false);
        int reads = fx.storage.reads.get();
        QueuedMessage m = q.next();
        assertEquals(reads, fx.storage.reads.get(), policy + ": read back from the file");
        assertEquals(seq, m.seq());
        assertEquals("t/" + policy, m.topic());
        assertSame(payload, m.payload(), "the caller's array, which it never writes");
        assertNull(q.next());
        q.acknowledged(seq);
      }
    }
  }

  @Test void olderMessagesComeFromTheFileInOrderAroundTheLast() throws IOException {
    try (FileQueue q = open(SyncPolicy.BATCH)) {
      q.append("t", bytes("a"), 1, false);
      assertEquals("a", text(q.next()));
      q.append("t", bytes("b"), 2, false);
      q.append("t", bytes("c"), 1, false);
      int reads = fx.storage.reads.get();
      QueuedMessage b = q.next();
      assertEquals("b", text(b));
      assertEquals(1, b.seq());
      assertTrue(fx.storage.reads.get() > reads, "b is read from the file");
      QueuedMessage c = q.next();
      assertEquals("c", text(c));
      assertEquals(2, c.seq());
      assertNull(q.next());
      q.append("t", bytes("d"), 1, false);
      assertEquals("d", text(q.next()));
      assertNull(q.next());
    }
  }

  @Test void aRewindHandsOutTheSameMessagesAgain() throws IOException {
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      q.append("t", bytes("a"), 1, false);
      q.append("t", bytes("b"), 1, false);
      assertEquals("a", text(q.next()));
      assertEquals("b", text(q.next()));
      q.rewind();
      QueuedMessage a = q.next();
      assertEquals("a", text(a));
      assertEquals(0, a.seq());
      assertEquals("b", text(q.next()));
      assertNull(q.next());
    }
    try (FileQueue q = fx.open()) {
      assertEquals("a", text(q.next()), "the file holds what memory handed out");
      assertEquals("b", text(q.next()));
    }
  }
}
