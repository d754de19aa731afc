package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.range;
import static dev.wren.mqtt.internal.queue.QueueFixture.read;
import static dev.wren.mqtt.internal.queue.QueueFixture.recordOffsets;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static dev.wren.mqtt.internal.queue.QueueFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments written out to their size ahead (ALWAYS and BATCH), so appends overwrite allocated
 * zeros, and recovery of such files: zeros after the last record are free space, and each torn
 * tail case of {@link RecoveryTest} also in a preallocated file.
 */
class PreallocationTest {
  static final long SEGMENT = 1024;
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
    fx.segmentBytes = SEGMENT;
    fx.options = QueueOptions.files(dir).sync(SyncPolicy.BATCH).build();
  }

  /** The data of a segment up to its last non-zero byte. */
  private static byte[] data(File seg) throws IOException {
    byte[] content = read(seg);
    int end = content.length;
    while (end > QueueFormat.SEGMENT_HEADER_SIZE && content[end - 1] == 0) end--;
    return Arrays.copyOf(content, end);
  }

  private void queueFive() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 5);
    }
  }

  private static List<String> notes(FileQueue q) {
    List<String> what = new ArrayList<>();
    for (Recovery.Note n : q.recoveryNotes()) what.add(n.what);
    return what;
  }

  @Test void newSegmentsAreWrittenOutAheadAndSyncedWithTheirDirectory() throws IOException {
    try (FileQueue q = fx.open()) {
      assertEquals(SEGMENT, fx.segment(0).length());
      assertEquals(1, fx.storage.directorySyncs.get(), "the first segment's entry");
      int syncs = fx.storage.syncs.get();
      appendAll(q, 0, 5);
      q.sync();
      assertEquals(SEGMENT, fx.segment(0).length(), "appending changed no file size");
      assertEquals(syncs + 1, fx.storage.syncs.get());
      for (int i = 5; i < 60; i++) q.append("t", bytes("m" + i), 1, false);
      assertTrue(fx.segments().length >= 2);
      for (String name : fx.segments()) assertEquals(SEGMENT, new File(dir, name).length(), name);
      assertEquals(fx.segments().length, fx.storage.directorySyncs.get());
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes(), "the zeros after the records are not damage");
      assertEquals(range(0, 60), drain(q));
    }
  }

  @Test void anEmptiedQueueKeepsWritingIntoItsPreallocatedSegment() throws IOException {
    fx.segmentBytes = QueueFormat.EMPTY_ROLL_BYTES * 4;
    try (FileQueue q = fx.open()) {
      byte[] payload = new byte[100];
      int perRound = (int) (QueueFormat.EMPTY_ROLL_BYTES / 100);
      for (int i = 0; i < perRound; i++) {
        q.append("t", payload, 1, false);
        q.acknowledged(q.next().seq());
      }
      assertEquals(0, q.size());
      assertEquals(1, fx.segments().length, "no fresh segment of zeros for an emptied queue");
      assertEquals(1, fx.storage.directorySyncs.get());
    }
  }

  @Test void neverDoesNotPreallocate() throws IOException {
    fx.options = QueueOptions.files(dir).sync(SyncPolicy.NEVER).build();
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      assertEquals(QueueFormat.SEGMENT_HEADER_SIZE + 2 * 25, fx.segment(0).length());
      assertEquals(0, fx.storage.directorySyncs.get());
      assertEquals(0, fx.storage.syncs.get());
    }
  }

  @Test void aRecordLargerThanTheSegmentGrowsTheFileAndTheNextOneRollsOver() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 1);
      q.append("t", new byte[3000], 1, false); // does not fit: a new segment, grown past its size
      appendAll(q, 2, 1);
      assertEquals(3, fx.segments().length);
      assertEquals(QueueFormat.SEGMENT_HEADER_SIZE + 3023, fx.segment(1).length());
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(3, drain(q).size());
    }
  }

  @Test void aLastRecordEndingInZerosIsWholeNotTorn() throws IOException {
    try (FileQueue q = fx.open()) {
      q.append("t", new byte[40], 1, false);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertArrayEquals(new byte[40], q.next().payload());
    }
  }

  @Test void aTornLastRecordIsZeroedAndThePreallocatedSpaceKept() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    int last = recordOffsets(data(seg)).get(4);
    Arrays.fill(content, last + 7, content.length, (byte) 0); // the rest never reached the disk
    write(seg, content);
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("damaged records skipped",
          "torn tail overwritten with zeros; the preallocated space after it is kept"), notes(q));
      assertEquals(last, q.recoveryNotes().get(1).offset);
      assertEquals(7, q.recoveryNotes().get(1).bytes);
      assertEquals(7, q.recoveryNotes().get(0).bytes, "the zeros after it are not reported");
      assertEquals(SEGMENT, seg.length());
      assertEquals(range(0, 4), drain(q));
      assertEquals(4, q.append("t", bytes("m4 again"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(List.of("m0", "m1", "m2", "m3", "m4 again"), drain(q));
    }
  }

  @Test void aTornRecordWithoutZerosAfterItIsCutOff() throws IOException {
    // A file cut inside a record (never preallocated, or its size lost): cut to the last record.
    queueFive();
    File seg = fx.segment(0);
    byte[] content = data(seg);
    int last = recordOffsets(content).get(4);
    write(seg, Arrays.copyOf(content, last + 6));
    try (FileQueue q = fx.open()) {
      assertTrue(notes(q).contains("tail truncated to the last valid record"), notes(q).toString());
      assertEquals(range(0, 4), drain(q));
      assertEquals(SEGMENT, seg.length(), "the tail is written out again");
    }
  }

  @Test void aTornTailOfAnOlderPreallocatedSegmentIsZeroedAndLaterSegmentsKept()
      throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 100);
    }
    assertTrue(fx.segments().length >= 3);
    File first = fx.segment(0);
    byte[] content = read(first);
    List<Integer> offsets = recordOffsets(data(first));
    int cut = offsets.get(offsets.size() - 3) + 12;
    Arrays.fill(content, cut, content.length, (byte) 0);
    write(first, content);
    try (FileQueue q = fx.open()) {
      assertTrue(notes(q).contains(
          "torn tail overwritten with zeros; the preallocated space after it is kept"),
          notes(q).toString());
      List<String> expected = range(0, 100);
      expected.subList(offsets.size() - 3, offsets.size()).clear();
      assertEquals(expected, drain(q));
      assertEquals(SEGMENT, first.length());
    }
  }

  @Test void aCrashDuringPreallocationLeavesAShortZeroTailThatIsWrittenOutAgain()
      throws IOException {
    queueFive();
    File next = new File(dir, QueueFormat.segmentName(5));
    byte[] partial = Arrays.copyOf(RecordCodec.segmentHeader(5), 300);
    write(next, partial);
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(SEGMENT, next.length());
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 6), drain(q));
    }
  }

  @Test void anEmptySegmentFromACrashBeforeItsHeaderIsResetAndPreallocated() throws IOException {
    queueFive();
    File empty = new File(dir, QueueFormat.segmentName(5));
    assertTrue(empty.createNewFile());
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("empty file, no segment header: wrote a fresh header"), notes(q));
      assertEquals(SEGMENT, empty.length());
      assertEquals(range(0, 5), drain(q));
    }
  }

  @Test void aTornHeaderOfANewSegmentIsRewrittenAndPreallocated() throws IOException {
    queueFive();
    File torn = new File(dir, QueueFormat.segmentName(5));
    write(torn, Arrays.copyOf(RecordCodec.segmentHeader(5), 9));
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("torn segment header: wrote a fresh one"), notes(q));
      assertEquals(SEGMENT, torn.length());
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(range(0, 6), drain(q));
    }
  }

  @Test void aSegmentOfZerosOnlyHeaderIncludedGetsAFreshHeader() throws IOException {
    // Written out of order by the disk: the zeros landed, the header did not.
    queueFive();
    File zeros = new File(dir, QueueFormat.segmentName(5));
    write(zeros, new byte[(int) SEGMENT]);
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("zero-filled segment header and no records: wrote a fresh header"),
          notes(q));
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(range(0, 6), drain(q));
    }
  }

  @Test void aZeroHeaderBeforeRecordsIsReportedAndTheRecordsRead() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    Arrays.fill(content, 0, QueueFormat.SEGMENT_HEADER_SIZE, (byte) 0);
    write(seg, content);
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("bad segment header: reading records anyway"), notes(q));
      assertEquals(range(0, 5), drain(q));
    }
  }

  @Test void aFailedWriteInPreallocatedSpaceIsZeroedAndKeepsTheFileSize() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 2);
      byte[] payload = new byte[100];
      Arrays.fill(payload, (byte) 0x55);
      fx.storage.shortWriteBytes = 80;
      assertThrows(QueueStorageException.class, () -> q.append("t", payload, 1, false));
      assertEquals(SEGMENT, fx.segment(0).length());
      appendAll(q, 2, 1);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes(), "no leftover of the failed record");
      assertEquals(range(0, 3), drain(q));
    }
  }

  @Test void theDirectorySyncOfThisPlatformWorksAndNamesAMissingDirectory() throws IOException {
    assertTrue(DirectorySync.PLATFORM.available(), "java.nio.file is present on this JVM");
    assertTrue(DirectorySync.PLATFORM.sync(dir));
    File missing = new File(dir, "missing");
    IOException e = assertThrows(IOException.class, () -> DirectorySync.PLATFORM.sync(missing));
    assertTrue(e.getMessage().contains(missing.getPath()), e.getMessage());
  }

  @Test void aFailedDirectorySyncFailsTheRolloverAndLeavesNoSegment() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 1);
      fx.storage.failSyncs = true;
      QueueStorageException e = assertThrows(QueueStorageException.class,
          () -> q.append("t", new byte[2000], 1, false));
      assertTrue(e.getMessage().contains("could not start queue segment"), e.getMessage());
      assertEquals(1, fx.segments().length);
      fx.storage.failSyncs = false;
      assertEquals(1, q.append("t", bytes("m1"), 1, false));
      assertEquals(range(0, 2), drain(q));
    }
  }
}
