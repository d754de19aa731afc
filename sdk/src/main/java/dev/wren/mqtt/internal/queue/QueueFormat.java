package dev.wren.mqtt.internal.queue;

import java.util.Locale;

/**
 * The file queue's on-disk layout in one place; {@code docs/offline-queue.md} has the same tables.
 * All integers are big-endian.
 *
 * <pre>
 * Segment file NNNNNNNNNNNNNNNNNNNN.seg (the first sequence number it may hold, 20 digits):
 *   0   4  magic "WRNQ"
 *   4   1  format version (3; 1 and 2 are read too: they never set the deadline (1) or the
 *           properties (1, 2) flag)
 *   5   3  reserved, zero
 *   8   8  first sequence number (the same as the name)
 *  16   .. records, back to back, then zeros to the end of the file: segments are preallocated
 *
 * Record:
 *   0   2  marker A5 51 (neither 00 nor FF, so zero-filled or erased space never reads as a record)
 *   2   4  body length N, 9..MAX_BODY
 *   6   4  CRC32 of bytes 2..5 and of the N body bytes
 *  10   1  type (first body byte)
 *  11 N-1  fields
 *
 * Fields by type:
 *   MESSAGE     seq(8) flags(1: bits 0-1 QoS, bit 2 retain, bit 3 deadline, bit 4 properties)
 *               [deadline(8)] [propertiesLength(4) properties] topicLength(2) topic(UTF-8)
 *               payload(rest); the deadline (format 2) is present when bit 3 is set: milliseconds
 *               since 1970-01-01 UTC after which the message is not sent; the properties (format
 *               3) when bit 4 is set: the message's MQTT 5 PUBLISH properties as the client
 *               encoded them, opaque to the queue, 1..MAX_PROPERTIES bytes
 *   ACK         seq(8)   the broker acknowledged it (PUBACK, PUBCOMP): the message is done
 *   PUBREL      seq(8)   PUBREL was sent for this QoS 2 message
 *   DROP        seq(8)   the overflow policy dropped the message: done, never sent
 *   CHECKPOINT  rangeCount(4) {firstSeq(8) endSeq(8), exclusive}*  pubrelCount(4) seq(8)*
 *               done ranges and PUBREL steps of older messages, written before a segment that may
 *               hold their ACK or PUBREL records is deleted out of order
 * </pre>
 */
final class QueueFormat {
  static final int SEGMENT_MAGIC = 0x57524E51; // "WRNQ"
  static final int FORMAT_VERSION = 3;
  static final int SEGMENT_HEADER_SIZE = 16;
  static final String SEGMENT_SUFFIX = ".seg";
  static final int SEGMENT_NAME_DIGITS = 20;
  static final String LOCK_FILE = "queue.lock";

  static final int MARKER = 0xA551;
  static final int FRAME_HEADER_SIZE = 10;
  /** Type byte plus an 8-byte sequence number: the smallest record body. */
  static final int MIN_BODY = 9;
  /** A MESSAGE body for the largest MQTT payload, with room for the fields: anything larger is damage. */
  static final int MAX_BODY = 268_435_455 + 64 * 1024 + 16;

  static final int MESSAGE = 1;
  static final int ACK = 2;
  static final int PUBREL = 3;
  static final int DROP = 4;
  static final int CHECKPOINT = 5;

  static final int FLAG_QOS_MASK = 0x03;
  static final int FLAG_RETAIN = 0x04;
  /** Format 2: an 8-byte deadline follows the flags. */
  static final int FLAG_DEADLINE = 0x08;
  static final int DEADLINE_BYTES = 8;
  /** Format 3: a 4-byte length and the message's MQTT 5 properties follow (the deadline). */
  static final int FLAG_PROPERTIES = 0x10;
  static final int PROPERTIES_LENGTH_BYTES = 4;
  /**
   * The largest property block a message may carry: far above what a reading's metadata takes,
   * and small enough that a damaged length is noticed as such.
   */
  static final int MAX_PROPERTIES = 256 * 1024;

  /** Frame header, type, seq, flags and topic length: what a message adds to its topic and payload. */
  static final int MESSAGE_OVERHEAD = FRAME_HEADER_SIZE + 1 + 8 + 1 + 2;
  /** An ACK, PUBREL or DROP record. */
  static final int SEQ_RECORD_SIZE = FRAME_HEADER_SIZE + 1 + 8;

  /**
   * The segment rolls over once it holds this many bytes (and at least one message), or once the
   * next record would not fit in it; segments are preallocated to this size.
   */
  static final long SEGMENT_BYTES = 4L * 1024 * 1024;
  /**
   * When the last message is acknowledged and the segment being written holds this much, it is
   * replaced by an empty one so an idle queue keeps little on disk without a new file per message.
   * Only where segments are not preallocated (NEVER): a preallocated one takes its size anyway.
   */
  static final long EMPTY_ROLL_BYTES = 64L * 1024;

  private QueueFormat() {
  }

  static int messageRecordSize(int topicBytes, int payloadBytes) {
    return MESSAGE_OVERHEAD + topicBytes + payloadBytes;
  }

  /** The record size of a message, with its deadline field when it has one. */
  static int messageRecordSize(int topicBytes, int payloadBytes, long deadline) {
    return messageRecordSize(topicBytes, payloadBytes)
        + (deadline == QueuedMessage.NO_DEADLINE ? 0 : DEADLINE_BYTES);
  }

  /** The record size of a message with its deadline and properties fields when it has them. */
  static int messageRecordSize(int topicBytes, int payloadBytes, long deadline,
      byte[] properties) {
    return messageRecordSize(topicBytes, payloadBytes, deadline)
        + (properties == null ? 0 : PROPERTIES_LENGTH_BYTES + properties.length);
  }

  static String segmentName(long firstSeq) {
    return String.format(Locale.ROOT, "%020d", firstSeq) + SEGMENT_SUFFIX;
  }

  /** The first sequence number in a segment file name, or -1 if the name is not a segment's. */
  static long segmentBase(String name) {
    if (name.length() != SEGMENT_NAME_DIGITS + SEGMENT_SUFFIX.length()
        || !name.endsWith(SEGMENT_SUFFIX)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < SEGMENT_NAME_DIGITS; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') return -1;
      if (value > (Long.MAX_VALUE - (c - '0')) / 10) return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static String typeName(int type) {
    switch (type) {
      case MESSAGE: return "MESSAGE";
      case ACK: return "ACK";
      case PUBREL: return "PUBREL";
      case DROP: return "DROP";
      case CHECKPOINT: return "CHECKPOINT";
      default: return "type " + type;
    }
  }
}
