package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage failures through the seam: a failed append is an error to the caller, the queue stays
 * usable (or says clearly that it is not), and everything stored before survives a reopen.
 */
class FaultInjectionTest {
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
  }

  @Test void diskFullFailsTheAppendOnlyAndTheQueueGoesOn() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 3);
      fx.storage.failWrites = true;
      QueueStorageException e = assertThrows(QueueStorageException.class,
          () -> q.append("t", bytes("lost"), 1, false));
      assertTrue(e.getMessage().contains(dir.getPath()) && e.getMessage().contains("No space left"),
          e.getMessage());
      assertEquals(3, q.size());
      fx.storage.failWrites = false;
      assertEquals(3, q.append("t", bytes("m3"), 1, false), "the failed append used no number");
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 4), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aShortWriteIsCutBackAndTheNextAppendTakesItsPlace() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      long before = fx.segment(0).length();
      fx.storage.shortWriteBytes = 7;
      assertThrows(QueueStorageException.class, () -> q.append("t", bytes("lost"), 1, false));
      assertEquals(before, fx.segment(0).length());
      appendAll(q, 2, 2);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 4), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aShortWriteThatCannotBeCutIsOverwrittenOrCutOnReopen() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      long before = fx.segment(0).length();
      fx.storage.shortWriteBytes = 80;
      fx.storage.failTruncates = true;
      byte[] payload = new byte[100];
      Arrays.fill(payload, (byte) 0x55); // not zeros, which recovery would take for free space
      QueueStorageException e = assertThrows(QueueStorageException.class,
          () -> q.append("t", payload, 1, false));
      assertEquals(1, e.getCause().getSuppressed().length, "the failed truncate is attached");
      assertEquals(before + 80, fx.segment(0).length());
      fx.storage.failTruncates = false;
      // Written where the partial record starts; the partial record's end remains beyond it.
      appendAll(q, 2, 1);
      assertEquals(range(0, 3), drain(q));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 3), drain(q));
      assertTrue(q.recoveryNotes().stream().anyMatch(n -> n.what.contains("truncated")),
          q.recoveryNotes().toString());
    }
  }

  @Test void aFailedSyncFailsTheAppendAndStopsNewOnesUntilReopened() throws IOException {
    fx.options = QueueOptions.files(dir).sync(SyncPolicy.ALWAYS).build();
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 1);
      fx.storage.failSyncs = true;
      QueueStorageException e = assertThrows(QueueStorageException.class,
          () -> q.append("t", bytes("m1"), 1, false));
      assertTrue(e.getMessage().contains("could not sync queue directory " + dir), e.getMessage());
      fx.storage.failSyncs = false;
      e = assertThrows(QueueStorageException.class, () -> q.append("t", bytes("m2"), 1, false));
      assertTrue(e.getMessage().contains("refuses new messages after an earlier failure; reopen"),
          e.getMessage());
      // What is stored can still be sent: the message whose sync failed is in the log.
      assertEquals(range(0, 2), drain(q));
      q.acknowledged(0);
      assertEquals(1, q.size());
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(1, 1), drain(q));
      assertEquals(2, q.append("t", bytes("m2"), 1, false));
    }
  }

  @Test void aFailedAcknowledgementRecordStillRetiresTheMessageForThisRun() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      q.next();
      fx.storage.failWrites = true;
      q.acknowledged(0); // the record waits for the next write
      assertThrows(QueueStorageException.class, q::flushSteps);
      fx.storage.failWrites = false;
      assertEquals(1, q.size());
      q.rewind();
      assertEquals(range(1, 1), drain(q));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 2), drain(q), "without its ACK record the message comes back");
    }
  }

  @Test void aFailedRolloverLeavesNoEmptySegmentBehind() throws IOException {
    fx.segmentBytes = 116; // the header and four 25-byte records: the fifth starts segment 4
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 4);
      int segments = fx.segments().length;
      fx.storage.failWrites = true;
      QueueStorageException e = assertThrows(QueueStorageException.class,
          () -> q.append("t", bytes("x"), 1, false));
      assertTrue(e.getMessage().contains("could not start queue segment " + dir + "/"
          + QueueFormat.segmentName(4)), e.getMessage());
      assertEquals(segments, fx.segments().length);
      fx.storage.failWrites = false;
      appendAll(q, 4, 4);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 8), drain(q));
      assertNull(q.next());
    }
  }

  @Test void aDirectoryThatIsAFileIsRefusedByName() throws IOException {
    File file = new File(dir, "plain");
    assertTrue(file.createNewFile());
    QueueFixture bad = new QueueFixture(file);
    QueueStorageException e = assertThrows(QueueStorageException.class, bad::open);
    assertTrue(e.getMessage().contains("not a directory: " + file), e.getMessage());
  }
}
