package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The record layout byte by byte, as docs/offline-queue.md documents it. */
class RecordCodecTest {
  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) s.append(String.format("%02x", b));
    return s.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test void messageRecordBytes() {
    byte[] frame = RecordCodec.message(0x0102, 2, true, utf8("a/b"), utf8("hi"));
    assertEquals("a551" + "00000011" + "08861a28"
        + "01" + "0000000000000102" + "06" + "0003" + "612f62" + "6869", hex(frame));
    assertEquals(QueueFormat.messageRecordSize(3, 2), frame.length);
    int length = RecordCodec.bodyLength(frame, 0);
    assertEquals(17, length);
    Record r = RecordCodec.decode(frame, 0, length);
    assertEquals(QueueFormat.MESSAGE, r.type);
    assertEquals(0x0102, r.seq);
    assertEquals(2, r.qos);
    assertTrue(r.retain);
    assertEquals("a/b", r.topic);
    assertArrayEquals(utf8("hi"), r.payload);
  }

  @Test void aFormat1MessageRecordDecodesWithoutADeadline() {
    byte[] frame = RecordCodec.message(0x0102, 2, true, utf8("a/b"), utf8("hi"));
    assertEquals(QueuedMessage.NO_DEADLINE,
        RecordCodec.decode(frame, 0, RecordCodec.bodyLength(frame, 0)).deadline);
  }

  @Test void messageRecordWithADeadlineBytes() {
    long deadline = 1_764_700_000_000L; // 2025-12-02T18:26:40Z
    byte[] frame = RecordCodec.message(0x0102, 1, false, deadline, utf8("a/b"), utf8("hi"));
    int length = RecordCodec.bodyLength(frame, 0);
    assertEquals(25, length);
    assertEquals("01" + "0000000000000102" + "09" + "0000019ae0510f00" + "0003" + "612f62"
        + "6869", hex(frame).substring(20));
    assertEquals(QueueFormat.messageRecordSize(3, 2, deadline), frame.length);
    Record r = RecordCodec.decode(frame, 0, length);
    assertEquals(deadline, r.deadline);
    assertEquals("a/b", r.topic);
    assertArrayEquals(utf8("hi"), r.payload);
    assertEquals(deadline, r.toMessage(false).deadline());
  }

  @Test void aDeadlineFlagWithoutRoomForTheDeadlineIsDamage() {
    // Flags say "deadline" but the body holds only seq, flags and a topic length.
    byte[] frame = RecordCodec.message(5, 1, false, new byte[0], new byte[0]);
    frame[QueueFormat.FRAME_HEADER_SIZE + 9] |= QueueFormat.FLAG_DEADLINE;
    byte[] resealed = reseal(frame);
    assertNull(RecordCodec.decode(resealed, 0, RecordCodec.bodyLength(resealed, 0)));
  }

  @Test void theNoDeadlineValueStoredAsADeadlineIsDamage() {
    byte[] frame = RecordCodec.message(5, 1, false, QueuedMessage.NO_DEADLINE - 1, utf8("t"),
        new byte[0]);
    RecordCodec.putLong(frame, QueueFormat.FRAME_HEADER_SIZE + 10, QueuedMessage.NO_DEADLINE);
    byte[] resealed = reseal(frame);
    assertNull(RecordCodec.decode(resealed, 0, RecordCodec.bodyLength(resealed, 0)));
  }

  /** The frame with its CRC computed again over the changed bytes. */
  private static byte[] reseal(byte[] frame) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(frame, 2, 4);
    crc.update(frame, QueueFormat.FRAME_HEADER_SIZE, frame.length - QueueFormat.FRAME_HEADER_SIZE);
    RecordCodec.putInt(frame, 6, (int) crc.getValue());
    return frame;
  }

  @Test void stepRecordBytes() {
    byte[] ack = RecordCodec.step(QueueFormat.ACK, 7);
    assertEquals(QueueFormat.SEQ_RECORD_SIZE, ack.length);
    assertEquals("a551" + "00000009", hex(ack).substring(0, 12));
    assertEquals("02" + "0000000000000007", hex(ack).substring(20));
    Record r = RecordCodec.decode(ack, 0, RecordCodec.bodyLength(ack, 0));
    assertEquals(QueueFormat.ACK, r.type);
    assertEquals(7, r.seq);
  }

  @Test void checkpointRoundTrips() {
    byte[] frame = RecordCodec.checkpoint(new long[] {3, 9, 12, 13}, new long[] {20, 25});
    Record r = RecordCodec.decode(frame, 0, RecordCodec.bodyLength(frame, 0));
    assertArrayEquals(new long[] {3, 9, 12, 13}, r.doneRanges);
    assertArrayEquals(new long[] {20, 25}, r.pubrels);
    assertEquals(25, r.maxSeq());
  }

  @Test void segmentHeaderBytesAndNames() {
    assertEquals("57524e51" + "03000000" + "000000000000002a",
        hex(RecordCodec.segmentHeader(42)));
    assertEquals("00000000000000000042.seg", QueueFormat.segmentName(42));
    assertEquals(42, QueueFormat.segmentBase("00000000000000000042.seg"));
    assertEquals(-1, QueueFormat.segmentBase("0000000000000000004x.seg"));
    assertEquals(-1, QueueFormat.segmentBase("42.seg"));
    assertEquals(-1, QueueFormat.segmentBase("99999999999999999999.seg"), "beyond a long");
  }

  @Test void anyFlippedBitIsCaught() {
    byte[] frame = RecordCodec.message(5, 1, false, utf8("t"), utf8("payload"));
    for (int i = 0; i < frame.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] copy = frame.clone();
        copy[i] ^= (byte) (1 << bit);
        int length = RecordCodec.bodyLength(copy, 0);
        if (length < 0 || length + QueueFormat.FRAME_HEADER_SIZE > copy.length) continue;
        assertNull(RecordCodec.decode(copy, 0, length), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test void fieldsThatCannotBeRightAreRefusedEvenWithAGoodCrc() {
    // QoS 0 is not queued; decoding says no rather than inventing a message.
    byte[] frame = RecordCodec.message(5, 0, false, utf8("t"), utf8("x"));
    assertNull(RecordCodec.decode(frame, 0, RecordCodec.bodyLength(frame, 0)));
    byte[] unknown = RecordCodec.step(9, 1);
    assertNull(RecordCodec.decode(unknown, 0, RecordCodec.bodyLength(unknown, 0)));
    byte[] zeros = new byte[QueueFormat.FRAME_HEADER_SIZE];
    assertEquals(-1, RecordCodec.bodyLength(zeros, 0));
  }

  @Test void utf8LengthMatchesTheEncoderWithoutEncoding() {
    String[] topics = {"", "a/b", "caf\u00e9", "\u20ac/\u4e2d", "\ud83d\ude00/x", "lone\ud83d",
        "\ude00lone", "\ud83d\ud83d\ude00", "\u007f\u0080\u07ff\u0800\uffff"};
    for (String t : topics) {
      assertEquals(utf8(t).length, RecordCodec.utf8Length(t), t);
      assertEquals(utf8(t).length, RecordCodec.checkedTopicLength(t, new byte[0], 1), t);
    }
  }
}
