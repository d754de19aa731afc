package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.range;
import static dev.wren.mqtt.internal.queue.QueueFixture.read;
import static dev.wren.mqtt.internal.queue.QueueFixture.recordOffsets;
import static dev.wren.mqtt.internal.queue.QueueFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueStorageException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a damaged directory: every valid record is kept, a torn or corrupt tail is cut off, and
 * each thing dropped is reported with its file, offset, bytes and records.
 */
class RecoveryTest {
  @TempDir File dir;
  QueueFixture fx;

  @BeforeEach void setUp() {
    fx = new QueueFixture(dir);
  }

  private void queueFive() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 5);
    }
  }

  private static Recovery.Note onlyNoteAbout(FileQueue q, String what) {
    List<Recovery.Note> found = new ArrayList<>();
    for (Recovery.Note n : q.recoveryNotes()) if (n.what.contains(what)) found.add(n);
    assertEquals(1, found.size(), "notes about '" + what + "': " + q.recoveryNotes());
    return found.get(0);
  }

  @Test void tornTailIsCutAtTheLastWholeRecord() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    int last = recordOffsets(content).get(4);
    write(seg, Arrays.copyOf(content, last + 7));
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 4), drain(q));
      Recovery.Note damaged = onlyNoteAbout(q, "damaged records");
      assertEquals(seg.getName(), damaged.file);
      assertEquals(last, damaged.offset);
      assertEquals(7, damaged.bytes);
      assertEquals(1, damaged.records);
      Recovery.Note cut = onlyNoteAbout(q, "truncated");
      assertEquals(last, cut.offset);
      assertEquals(last, seg.length());
      assertEquals(4, q.append("t", bytes("m4 again"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("m0", "m1", "m2", "m3", "m4 again"), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aFlippedByteInTheMiddleDropsThatRecordOnly() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    List<Integer> offsets = recordOffsets(content);
    int damagedAt = offsets.get(2);
    content[offsets.get(3) - 1] ^= 0x40; // the last payload byte of record 2
    write(seg, content);
    try (FileQueue q = fx.open()) {
      Recovery.Note n = onlyNoteAbout(q, "damaged records");
      assertEquals(damagedAt, n.offset);
      assertEquals(offsets.get(3) - damagedAt, n.bytes);
      assertEquals(1, n.records);
      assertEquals(content.length, seg.length(), "nothing cut: the damage is not at the tail");
      assertEquals(List.of("m0", "m1", "m3", "m4"), drain(q));
      assertEquals(4, q.size());
      q.append("t", bytes("m5"), 1, false);
    }
    try (FileQueue q = fx.open()) {
      assertEquals(List.of("m0", "m1", "m3", "m4", "m5"), drain(q));
    }
  }

  @Test void aFlippedLengthFieldIsFoundByScanningForTheNextRecord() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    List<Integer> offsets = recordOffsets(content);
    content[offsets.get(1) + 4] ^= 0x01; // body length of record 1: now 256 bytes off
    write(seg, content);
    try (FileQueue q = fx.open()) {
      Recovery.Note n = onlyNoteAbout(q, "damaged records");
      assertEquals((long) offsets.get(1), n.offset);
      assertEquals(offsets.get(2) - offsets.get(1), n.bytes);
      assertEquals(List.of("m0", "m2", "m3", "m4"), drain(q));
    }
  }

  @Test void unreadableBytesWithoutAnyMarkerAreSkipped() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    List<Integer> offsets = recordOffsets(content);
    for (int i = offsets.get(1); i < offsets.get(3); i++) content[i] = (byte) 0x3c;
    write(seg, content);
    try (FileQueue q = fx.open()) {
      Recovery.Note n = onlyNoteAbout(q, "unreadable bytes");
      assertEquals((long) offsets.get(1), n.offset);
      assertEquals(offsets.get(3) - offsets.get(1), n.bytes);
      assertEquals(0, n.records);
      assertEquals(List.of("m0", "m3", "m4"), drain(q));
    }
  }

  @Test void aZeroFilledTailIsNotDamageAndIsCutWhereNotPreallocated() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    // What ext4 leaves after a power loss when the size reached the disk before the data.
    write(seg, Arrays.copyOf(content, content.length + 4096));
    try (FileQueue q = fx.open()) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(content.length, seg.length(), "shorter than a segment: not preallocated");
      assertEquals(range(0, 5), drain(q));
    }
  }

  @Test void zeroFilledBytesBetweenRecordsAreStillReported() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    List<Integer> offsets = recordOffsets(content);
    for (int i = offsets.get(1); i < offsets.get(2); i++) content[i] = 0;
    write(seg, content);
    try (FileQueue q = fx.open()) {
      Recovery.Note n = onlyNoteAbout(q, "zero-filled");
      assertEquals((long) offsets.get(1), n.offset);
      assertEquals(offsets.get(2) - offsets.get(1), n.bytes);
      assertEquals(List.of("m0", "m2", "m3", "m4"), drain(q));
    }
  }

  @Test void aTruncatedHeaderIsRewrittenAndTheSequenceStaysMonotonic() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    write(seg, Arrays.copyOf(read(seg), 9));
    // The only segment, named 0, lost its messages: numbering restarts at its name.
    try (FileQueue q = fx.open()) {
      onlyNoteAbout(q, "torn segment header");
      assertEquals(0, q.size());
      assertEquals(QueueFormat.SEGMENT_HEADER_SIZE, seg.length());
    }
  }

  @Test void aTruncatedOlderSegmentKeepsItsLeadingRecordsAndTheLaterSegments() throws IOException {
    fx.segmentBytes = 120;
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 12);
    }
    String[] names = fx.segments();
    assertTrue(names.length >= 3, Arrays.toString(names));
    File first = fx.segment(0);
    byte[] content = read(first);
    List<Integer> offsets = recordOffsets(content);
    assertTrue(offsets.size() >= 3);
    // Cut inside the length field, whose last byte is not zero: the file ends in damage.
    write(first, Arrays.copyOf(content, offsets.get(2) + 6));
    try (FileQueue q = fx.open()) {
      List<String> all = drain(q);
      List<String> expected = range(0, 12);
      int lost = offsets.size() - 2;
      expected.subList(2, 2 + lost).clear();
      assertEquals(expected, all);
      assertEquals((long) offsets.get(2), onlyNoteAbout(q, "truncated").offset);
    }
  }

  @Test void anEmptySegmentFileFromACrashDuringRolloverIsReset() throws IOException {
    queueFive();
    // Rolling over creates the file, then writes its header: a crash between leaves it empty.
    File empty = new File(dir, QueueFormat.segmentName(5));
    assertTrue(empty.createNewFile());
    try (FileQueue q = fx.open()) {
      Recovery.Note n = onlyNoteAbout(q, "empty file");
      assertEquals(empty.getName(), n.file);
      assertEquals(QueueFormat.SEGMENT_HEADER_SIZE, empty.length());
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 6), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aBadHeaderWithNoValidRecordAfterItIsRewrittenOnce() throws IOException {
    queueFive();
    // Found by RecoveryFuzzTest: the damage was cut off, but the zeroed header stayed.
    File mangled = new File(dir, QueueFormat.segmentName(5));
    byte[] garbage = new byte[QueueFormat.SEGMENT_HEADER_SIZE + 30];
    Arrays.fill(garbage, QueueFormat.SEGMENT_HEADER_SIZE, garbage.length, (byte) 0x5A);
    write(mangled, garbage);
    try (FileQueue q = fx.open()) {
      onlyNoteAbout(q, "no valid record after it: wrote a fresh header");
      assertArrayEquals(RecordCodec.segmentHeader(5), read(mangled));
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 6), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aZeroFilledSegmentShorterThanASegmentIsCutToItsFreshHeader() throws IOException {
    queueFive();
    // Found by RecoveryFuzzTest: the zeros were kept as if preallocated, and cut by the next open.
    File zeros = new File(dir, QueueFormat.segmentName(5));
    write(zeros, new byte[49]);
    try (FileQueue q = fx.open()) {
      onlyNoteAbout(q, "zero-filled segment header");
      assertArrayEquals(RecordCodec.segmentHeader(5), read(zeros));
      assertEquals(range(0, 5), drain(q));
      assertEquals(5, q.append("t", bytes("m5"), 1, false));
    }
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 6), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }

  @Test void aRecordInsideADamagedFrameIsKeptByEveryOpenNotOnlyTheFirst() throws IOException {
    // Found by RecoveryFuzzTest: the first open found the ACK inside the damaged frame's claimed
    // length and cut the tail after it; the frame then ended exactly at the end, the next open
    // trusted its length, skipped the ACK and sent message 0 again.
    byte[] ack = RecordCodec.step(QueueFormat.ACK, 0);
    byte[] garbage = new byte[21];
    Arrays.fill(garbage, (byte) 0x33);
    byte[] damaged = new byte[QueueFormat.FRAME_HEADER_SIZE];
    damaged[0] = (byte) 0xA5;
    damaged[1] = 0x51;
    RecordCodec.putInt(damaged, 2, garbage.length + ack.length); // the CRC stays 0: wrong
    byte[] tail = new byte[7];
    Arrays.fill(tail, (byte) 0x77);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {RecordCodec.segmentHeader(0),
        RecordCodec.message(0, 1, false, bytes("t"), bytes("m0")), damaged, garbage, ack, tail}) {
      file.write(part, 0, part.length);
    }
    write(new File(dir, QueueFormat.segmentName(0)), file.toByteArray());
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.size());
      onlyNoteAbout(q, "truncated");
    }
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.size());
      for (Recovery.Note n : q.recoveryNotes()) assertFalse(n.what.contains("truncated"), n.what);
    }
  }

  @Test void aMessageBeyondTheNextSegmentsNameIsOutOfPlace() throws IOException {
    queueFive();
    // Only a foreign file can do this: segment 3 claims the numbers from 3 up.
    File foreign = new File(dir, QueueFormat.segmentName(3));
    write(foreign, RecordCodec.segmentHeader(3));
    try (FileQueue q = fx.open()) {
      List<String> what = new ArrayList<>();
      for (Recovery.Note n : q.recoveryNotes()) what.add(n.what);
      assertEquals(List.of("message 3 out of place (after 2) skipped",
          "message 4 out of place (after 2) skipped"), what);
      assertEquals(range(0, 3), drain(q));
    }
  }

  @Test void aMissingMiddleSegmentLosesOnlyItsMessages() throws IOException {
    fx.segmentBytes = 120;
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 12);
    }
    String[] names = fx.segments();
    assertTrue(names.length >= 3, Arrays.toString(names));
    long gapFrom = QueueFormat.segmentBase(names[1]);
    long gapTo = QueueFormat.segmentBase(names[2]);
    assertTrue(new File(dir, names[1]).delete());
    try (FileQueue q = fx.open()) {
      // Indistinguishable from a segment deleted because all its messages were acknowledged.
      assertEquals(List.of(), q.recoveryNotes());
      List<String> expected = range(0, 12);
      expected.subList((int) gapFrom, (int) gapTo).clear();
      assertEquals(expected, drain(q));
      assertEquals(12, q.append("t", bytes("x"), 1, false));
    }
  }

  @Test void aLostAcknowledgementBringsTheMessageBack() throws IOException {
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 3);
      q.next();
      q.acknowledged(0);
      q.append("t", bytes("m3"), 1, false);
    }
    File seg = fx.segment(0);
    byte[] content = read(seg);
    int ack = recordOffsets(content).get(3);
    assertEquals(QueueFormat.ACK, content[ack + QueueFormat.FRAME_HEADER_SIZE]);
    content[ack + QueueFormat.FRAME_HEADER_SIZE + 8] ^= 1;
    write(seg, content);
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 4), drain(q), "at least once: the message is sent again");
    }
  }

  @Test void aSegmentFromANewerFormatIsRefusedByName() throws IOException {
    queueFive();
    File seg = fx.segment(0);
    byte[] content = read(seg);
    assertEquals(QueueFormat.FORMAT_VERSION, content[4]);
    content[4] = 4;
    write(seg, content);
    QueueStorageException e = assertThrows(QueueStorageException.class, fx::open);
    assertTrue(e.getMessage().contains(seg.getName()) && e.getMessage().contains("format 4"),
        e.getMessage());
    // The directory lock was released: fixing the file lets the queue open.
    content[4] = (byte) QueueFormat.FORMAT_VERSION;
    write(seg, content);
    try (FileQueue q = fx.open()) {
      assertEquals(5, q.size());
    }
  }

  @Test void otherFilesInTheDirectoryAreIgnored() throws IOException {
    queueFive();
    write(new File(dir, "notes.txt"), bytes("hello"));
    write(new File(dir, "123.seg"), bytes("not a segment name"));
    try (FileQueue q = fx.open()) {
      assertEquals(range(0, 5), drain(q));
      assertEquals(List.of(), q.recoveryNotes());
    }
  }
}
