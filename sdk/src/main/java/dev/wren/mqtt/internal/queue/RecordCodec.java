package dev.wren.mqtt.internal.queue;

import java.nio.charset.Charset;
import java.util.zip.CRC32;

/**
 * Encodes and decodes queue records and segment headers ({@link QueueFormat}) as pure functions over
 * byte arrays: no files, no state. Thread-safe.
 */
final class RecordCodec {
  static final Charset UTF_8 = Charset.forName("UTF-8");

  private RecordCodec() {
  }

  /** Checks the arguments of an append and returns the topic as UTF-8. */
  static byte[] checkedTopic(String topic, byte[] payload, int qos) {
    checkedTopicLength(topic, payload, qos);
    return topic.getBytes(UTF_8);
  }

  /**
   * Checks the arguments of an append and returns the topic's length in UTF-8, without encoding
   * it: a memory queue needs the length only, to size the record.
   */
  static int checkedTopicLength(String topic, byte[] payload, int qos) {
    if (topic == null) throw new NullPointerException("topic == null");
    if (payload == null) throw new NullPointerException("payload == null");
    if (qos != 1 && qos != 2) {
      throw new IllegalArgumentException("the queue holds QoS 1 and 2 messages only: QoS " + qos);
    }
    int length = utf8Length(topic);
    if (length > 65535) {
      throw new IllegalArgumentException("topic is " + length + " bytes of UTF-8; MQTT allows"
          + " at most 65535");
    }
    return length;
  }

  /**
   * The length of {@code s} as {@code s.getBytes(UTF_8)} encodes it: a surrogate pair takes 4
   * bytes, a lone surrogate 1 (the encoder writes '?' for it).
   */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0, end = s.length(); i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < end
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }

  /**
   * Checks an append's property block and returns it, or null for none (an empty one is none).
   *
   * @throws IllegalArgumentException if it is larger than {@link QueueFormat#MAX_PROPERTIES}
   */
  static byte[] checkedProperties(byte[] properties) {
    if (properties == null || properties.length == 0) return null;
    if (properties.length > QueueFormat.MAX_PROPERTIES) {
      throw new IllegalArgumentException("the message's MQTT 5 properties take "
          + properties.length + " bytes; the queue keeps at most " + QueueFormat.MAX_PROPERTIES
          + " per message: send fewer or smaller user properties");
    }
    return properties;
  }

  /** Checks an append's lifetime: {@link OutboundQueue#NO_EXPIRY} or 0 and more milliseconds. */
  static void checkLifetime(long lifetimeMillis) {
    if (lifetimeMillis < 0 && lifetimeMillis != OutboundQueue.NO_EXPIRY) {
      throw new IllegalArgumentException("lifetime " + lifetimeMillis + " ms: give 0 or more, or"
          + " NO_EXPIRY (" + OutboundQueue.NO_EXPIRY + ") for a message that does not expire");
    }
  }

  static byte[] segmentHeader(long firstSeq) {
    byte[] b = new byte[QueueFormat.SEGMENT_HEADER_SIZE];
    putInt(b, 0, QueueFormat.SEGMENT_MAGIC);
    b[4] = (byte) QueueFormat.FORMAT_VERSION;
    putLong(b, 8, firstSeq);
    return b;
  }

  static boolean hasSegmentMagic(byte[] header) {
    return getInt(header, 0) == QueueFormat.SEGMENT_MAGIC;
  }

  static int segmentVersion(byte[] header) {
    return header[4] & 0xff;
  }

  static long segmentFirstSeq(byte[] header) {
    return getLong(header, 8);
  }

  /** A MESSAGE record without a deadline; {@code topic} is UTF-8 of at most 65535 bytes. */
  static byte[] message(long seq, int qos, boolean retain, byte[] topic, byte[] payload) {
    return message(seq, qos, retain, QueuedMessage.NO_DEADLINE, topic, payload);
  }

  /**
   * A MESSAGE record; {@code deadline} is milliseconds since the epoch, or
   * {@link QueuedMessage#NO_DEADLINE} for none (then the record is the same as in format 1).
   */
  static byte[] message(long seq, int qos, boolean retain, long deadline, byte[] topic,
      byte[] payload) {
    return message(seq, qos, retain, deadline, null, topic, payload);
  }

  /**
   * A MESSAGE record with the message's MQTT 5 property block, or null for none (then the record
   * is the same as in format 2).
   */
  static byte[] message(long seq, int qos, boolean retain, long deadline, byte[] properties,
      byte[] topic, byte[] payload) {
    boolean hasDeadline = deadline != QueuedMessage.NO_DEADLINE;
    int deadlineBytes = hasDeadline ? QueueFormat.DEADLINE_BYTES : 0;
    int propertiesBytes = properties == null ? 0
        : QueueFormat.PROPERTIES_LENGTH_BYTES + properties.length;
    int bodyLength = 1 + 8 + 1 + deadlineBytes + propertiesBytes + 2 + topic.length
        + payload.length;
    byte[] b = frame(QueueFormat.MESSAGE, bodyLength);
    int at = QueueFormat.FRAME_HEADER_SIZE + 1;
    putLong(b, at, seq);
    b[at + 8] = (byte) (qos | (retain ? QueueFormat.FLAG_RETAIN : 0)
        | (hasDeadline ? QueueFormat.FLAG_DEADLINE : 0)
        | (properties != null ? QueueFormat.FLAG_PROPERTIES : 0));
    at += 9;
    if (hasDeadline) {
      putLong(b, at, deadline);
      at += QueueFormat.DEADLINE_BYTES;
    }
    if (properties != null) {
      putInt(b, at, properties.length);
      System.arraycopy(properties, 0, b, at + QueueFormat.PROPERTIES_LENGTH_BYTES,
          properties.length);
      at += QueueFormat.PROPERTIES_LENGTH_BYTES + properties.length;
    }
    b[at] = (byte) (topic.length >>> 8);
    b[at + 1] = (byte) topic.length;
    System.arraycopy(topic, 0, b, at + 2, topic.length);
    System.arraycopy(payload, 0, b, at + 2 + topic.length, payload.length);
    return seal(b);
  }

  /** An ACK, PUBREL or DROP record. */
  static byte[] step(int type, long seq) {
    byte[] b = frame(type, 1 + 8);
    putLong(b, QueueFormat.FRAME_HEADER_SIZE + 1, seq);
    return seal(b);
  }

  /** A CHECKPOINT record: {@code doneRanges} as pairs {first, end exclusive}. */
  static byte[] checkpoint(long[] doneRanges, long[] pubrels) {
    byte[] b = frame(QueueFormat.CHECKPOINT, 1 + 4 + doneRanges.length * 8 + 4 + pubrels.length * 8);
    int at = QueueFormat.FRAME_HEADER_SIZE + 1;
    putInt(b, at, doneRanges.length / 2);
    at += 4;
    for (long v : doneRanges) {
      putLong(b, at, v);
      at += 8;
    }
    putInt(b, at, pubrels.length);
    at += 4;
    for (long v : pubrels) {
      putLong(b, at, v);
      at += 8;
    }
    return seal(b);
  }

  /**
   * The body length of the frame whose header starts at {@code off}, or -1 unless the marker is
   * there and the length is within the format's bounds. Needs {@link QueueFormat#FRAME_HEADER_SIZE}
   * bytes.
   */
  static int bodyLength(byte[] b, int off) {
    if (((b[off] & 0xff) << 8 | (b[off + 1] & 0xff)) != QueueFormat.MARKER) return -1;
    int length = getInt(b, off + 2);
    if (length < QueueFormat.MIN_BODY || length > QueueFormat.MAX_BODY) return -1;
    return length;
  }

  /** The record in the whole frame at {@code off}, or null if its CRC or its fields are wrong. */
  static Record decode(byte[] b, int off, int bodyLength) {
    CRC32 crc = new CRC32();
    crc.update(b, off + 2, 4);
    crc.update(b, off + QueueFormat.FRAME_HEADER_SIZE, bodyLength);
    if ((int) crc.getValue() != getInt(b, off + 6)) return null;
    return decodeBody(b, off + QueueFormat.FRAME_HEADER_SIZE, bodyLength);
  }

  private static Record decodeBody(byte[] b, int at, int length) {
    int type = b[at];
    int end = at + length;
    at++;
    switch (type) {
      case QueueFormat.ACK:
      case QueueFormat.PUBREL:
      case QueueFormat.DROP:
        return length == 9 ? Record.step(type, getLong(b, at)) : null;
      case QueueFormat.MESSAGE: {
        if (length < 1 + 8 + 1 + 2) return null;
        long seq = getLong(b, at);
        int flags = b[at + 8] & 0xff;
        int qos = flags & QueueFormat.FLAG_QOS_MASK;
        if ((flags & ~(QueueFormat.FLAG_QOS_MASK | QueueFormat.FLAG_RETAIN
            | QueueFormat.FLAG_DEADLINE | QueueFormat.FLAG_PROPERTIES)) != 0
            || (qos != 1 && qos != 2)) {
          return null;
        }
        at += 9;
        long deadline = QueuedMessage.NO_DEADLINE;
        if ((flags & QueueFormat.FLAG_DEADLINE) != 0) {
          if (at + QueueFormat.DEADLINE_BYTES + 2 > end) return null;
          deadline = getLong(b, at);
          if (deadline == QueuedMessage.NO_DEADLINE) return null;
          at += QueueFormat.DEADLINE_BYTES;
        }
        byte[] properties = null;
        if ((flags & QueueFormat.FLAG_PROPERTIES) != 0) {
          if (at + QueueFormat.PROPERTIES_LENGTH_BYTES > end) return null;
          int n = getInt(b, at);
          at += QueueFormat.PROPERTIES_LENGTH_BYTES;
          // A length beyond the record or the limit is damage, as a bad CRC is.
          if (n < 1 || n > QueueFormat.MAX_PROPERTIES || at + n + 2 > end) return null;
          properties = new byte[n];
          System.arraycopy(b, at, properties, 0, n);
          at += n;
        }
        if (at + 2 > end) return null;
        int topicLength = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        int topicAt = at + 2;
        if (topicAt + topicLength > end) return null;
        String topic = new String(b, topicAt, topicLength, UTF_8);
        byte[] payload = new byte[end - topicAt - topicLength];
        System.arraycopy(b, topicAt + topicLength, payload, 0, payload.length);
        return Record.message(seq, qos, (flags & QueueFormat.FLAG_RETAIN) != 0, deadline,
            properties, topic, payload);
      }
      case QueueFormat.CHECKPOINT: {
        if (length < 1 + 4 + 4) return null;
        long ranges = getInt(b, at) & 0xffffffffL;
        if (ranges > (end - at - 8) / 16) return null;
        long[] done = new long[(int) ranges * 2];
        at += 4;
        for (int i = 0; i < done.length; i++, at += 8) done[i] = getLong(b, at);
        long count = getInt(b, at) & 0xffffffffL;
        at += 4;
        if (count * 8 != end - at) return null;
        long[] pubrels = new long[(int) count];
        for (int i = 0; i < pubrels.length; i++, at += 8) pubrels[i] = getLong(b, at);
        return Record.checkpoint(done, pubrels);
      }
      default:
        return null;
    }
  }

  private static byte[] frame(int type, int bodyLength) {
    byte[] b = new byte[QueueFormat.FRAME_HEADER_SIZE + bodyLength];
    b[0] = (byte) (QueueFormat.MARKER >>> 8);
    b[1] = (byte) QueueFormat.MARKER;
    putInt(b, 2, bodyLength);
    b[QueueFormat.FRAME_HEADER_SIZE] = (byte) type;
    return b;
  }

  private static byte[] seal(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 2, 4);
    crc.update(b, QueueFormat.FRAME_HEADER_SIZE, b.length - QueueFormat.FRAME_HEADER_SIZE);
    putInt(b, 6, (int) crc.getValue());
    return b;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  static long getLong(byte[] b, int at) {
    return (long) getInt(b, at) << 32 | (getInt(b, at + 4) & 0xffffffffL);
  }
}
