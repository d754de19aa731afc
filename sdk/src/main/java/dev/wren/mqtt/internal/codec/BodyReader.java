package dev.wren.mqtt.internal.codec;

/**
 * A cursor over one packet body, used by {@link Mqtt311Decoder} and {@link Mqtt5Decoder} for the
 * duration of a single decode call and never shared. Every read checks the bounds and names the packet and field in
 * its error, so a truncated packet is reported as such instead of as an index exception.
 */
final class BodyReader {
  private final String packet;
  private final byte[] buf;
  private final int end;
  private int pos;

  BodyReader(int type, byte[] buf, int offset, int length) {
    this(PacketType.name(type), buf, offset, offset + length);
  }

  private BodyReader(String packet, byte[] buf, int pos, int end) {
    this.packet = packet;
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /**
   * A reader of the next {@code length} bytes, which this one steps over: a 5.0 property list, so
   * that a property running past its Property Length reads as truncated.
   */
  BodyReader slice(String field, int length) throws MalformedPacketException {
    if (length > end - pos) {
      throw new MalformedPacketException(packet + " " + field + " " + length
          + " exceeds the " + (end - pos) + " bytes left in the packet");
    }
    BodyReader slice = new BodyReader(packet, buf, pos, pos + length);
    pos += length;
    return slice;
  }

  /** A 5.0 variable byte integer: 1 to 4 bytes, so at most 268435455; minimal form not required. */
  int readVariableByteInt(String field) throws MalformedPacketException {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int b = readByte(field);
      value |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) return value;
    }
    throw new MalformedPacketException(packet + " " + field + " must be at most 4 bytes, but the"
        + " 4th has the continuation bit set: " + Bytes.hex(buf, pos - 4, 4));
  }

  /** A 5.0 four byte integer, unsigned. */
  long readFourByteInt(String field) throws MalformedPacketException {
    require(field, 4);
    long value = (long) (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16
        | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF);
    pos += 4;
    return value;
  }

  /** Throws unless the body has been read to its end. */
  void requireEnd(String after) throws MalformedPacketException {
    if (pos < end) {
      throw new MalformedPacketException(packet + " has " + (end - pos) + " trailing bytes after "
          + after + ": " + Bytes.hex(buf, pos, Math.min(end - pos, 8))
          + (end - pos > 8 ? " ..." : ""));
    }
  }

  String packet() {
    return packet;
  }

  int remaining() {
    return end - pos;
  }

  boolean hasRemaining() {
    return pos < end;
  }

  int readByte(String field) throws MalformedPacketException {
    require(field, 1);
    return buf[pos++] & 0xFF;
  }

  int readUnsignedShort(String field) throws MalformedPacketException {
    require(field, 2);
    int value = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  /** A packet identifier, which must not be 0 [MQTT-2.3.1-1]. */
  int readPacketId() throws MalformedPacketException {
    return checkedPacketId(packet, readUnsignedShort("packet identifier"));
  }

  /** {@code id}, which must not be 0 [MQTT-2.3.1-1]; {@code packet} names the packet's type. */
  static int checkedPacketId(String packet, int id) throws MalformedPacketException {
    if (id == 0) {
      throw new MalformedPacketException(packet + " packet identifier must be 1..65535: 0");
    }
    return id;
  }

  String readString(String field) throws MalformedPacketException {
    return readString(field, null);
  }

  /** A string, or {@code recent} itself when the bytes spell it. */
  String readString(String field, String recent) throws MalformedPacketException {
    int length = readLength(field);
    require(field, length);
    if (recent != null && MqttStrings.spellsAscii(buf, pos, length, recent)) {
      pos += length;
      return recent;
    }
    String value;
    try {
      value = MqttStrings.decode(buf, pos, length);
    } catch (MalformedStringException e) {
      throw new MalformedStringException(packet + " " + field + ": " + e.getMessage(), e);
    }
    pos += length;
    return value;
  }

  byte[] readBinary(String field) throws MalformedPacketException {
    int length = readLength(field);
    return readBytes(field, length);
  }

  /** A copy: the caller's buffer may be reused for the next packet. */
  byte[] readBytes(String field, int length) throws MalformedPacketException {
    require(field, length);
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  /** The 2-byte length before a string or binary field; its name is made only for an error. */
  private int readLength(String field) throws MalformedPacketException {
    if (end - pos < 2) throw truncated(field + " length", 2);
    return readUnsignedShort(field);
  }

  private void require(String field, int count) throws MalformedPacketException {
    if (end - pos < count) throw truncated(field, count);
  }

  private MalformedPacketException truncated(String field, int count) {
    return new MalformedPacketException(packet + " " + field + " truncated: needs " + count
        + " bytes but " + (end - pos) + " remain");
  }
}
