package dev.wren.mqtt.internal.codec;

/**
 * A parsed fixed header: the type-and-flags byte and the remaining length (see the layout in
 * {@link PacketType}). Immutable and thread-safe.
 */
public final class FixedHeader {
  /** What {@link #parsePacked} returns while the header is not whole. */
  public static final long INCOMPLETE = -1;

  private final int typeAndFlags;
  private final int remainingLength;
  private final int headerLength;

  FixedHeader(int typeAndFlags, int remainingLength, int headerLength) {
    this.typeAndFlags = typeAndFlags;
    this.remainingLength = remainingLength;
    this.headerLength = headerLength;
  }

  /**
   * Parses the fixed header at {@code buf[offset]}, of which {@code available} bytes have arrived.
   * Returns null when more bytes are needed to know the whole header; a streaming reader calls
   * again once they arrive. Whatever the first byte and the length alone can break is refused as
   * soon as they are known, so a malformed packet is not waited for: a reserved type or reserved
   * flags from the first byte; then a length other than the one the spec fixes for the type
   * (CONNACK 2, PINGRESP 0, ...) and the size limit, before anything is allocated for the body.
   *
   * @param maxPacketSize the largest whole packet (header included) to accept
   * @throws MalformedPacketException for reserved packet type 0 or 15, wrong flags, or a remaining
   *     length the type does not allow
   * @throws MalformedRemainingLengthException if the remaining length runs past 4 bytes
   * @throws PacketTooLargeException if the packet is larger than {@code maxPacketSize}
   */
  public static FixedHeader parse(byte[] buf, int offset, int available, int maxPacketSize)
      throws MalformedPacketException {
    long packed = parsePacked(buf, offset, available, maxPacketSize);
    if (packed == INCOMPLETE) return null;
    return new FixedHeader(packedTypeAndFlags(packed), packedRemainingLength(packed),
        packedHeaderLength(packed));
  }

  /**
   * {@link #parse} without an object, for a reader that reads a packet after another: the header
   * packed into a long (read it back with {@link #packedTypeAndFlags}, {@link #packedHeaderLength}
   * and {@link #packedRemainingLength}), or {@link #INCOMPLETE}. The same checks, the same
   * exceptions.
   */
  public static long parsePacked(byte[] buf, int offset, int available, int maxPacketSize)
      throws MalformedPacketException {
    return parsePacked(buf, offset, available, maxPacketSize, PacketType.PROTOCOL_LEVEL);
  }

  /** {@link #parsePacked} by the rules of protocol level 4 (3.1.1) or 5 (5.0). */
  static long parsePacked(byte[] buf, int offset, int available, int maxPacketSize, int level)
      throws MalformedPacketException {
    if (available < 1) return INCOMPLETE;
    int typeAndFlags = buf[offset] & 0xFF;
    checkFirstByte(typeAndFlags, level);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      if (available < 2 + i) return INCOMPLETE;
      int b = buf[offset + 1 + i] & 0xFF;
      value |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        int headerLength = 2 + i;
        // Before the size limit: "must be 2" is the fault, raising the limit would not help.
        checkRemainingLength(typeAndFlags >> 4, value, level);
        int size = headerLength + value; // At most 5 + 268,435,455: no overflow.
        if (size > maxPacketSize) throw new PacketTooLargeException(size, maxPacketSize);
        return (long) typeAndFlags << 40 | (long) headerLength << 32 | value;
      }
    }
    throw new MalformedRemainingLengthException(
        "remaining length must be at most 4 bytes, but the 4th has the continuation bit set: "
            + Bytes.hex(buf, offset + 1, 4));
  }

  /** The first byte of a header from {@link #parsePacked}. */
  public static int packedTypeAndFlags(long packed) {
    return (int) (packed >>> 40) & 0xFF;
  }

  /** The header's own length, 2..5, of a header from {@link #parsePacked}. */
  public static int packedHeaderLength(long packed) {
    return (int) (packed >>> 32) & 0xFF;
  }

  /** The remaining length of a header from {@link #parsePacked}. */
  public static int packedRemainingLength(long packed) {
    return (int) packed;
  }

  /** The rules of the first byte: a known type with the flags the spec fixes for it. */
  static void checkFirstByte(int typeAndFlags) throws MalformedPacketException {
    checkFirstByte(typeAndFlags, PacketType.PROTOCOL_LEVEL);
  }

  /** As {@link #checkFirstByte(int)}; 5.0 has type 15, AUTH, with flags 0000. */
  static void checkFirstByte(int typeAndFlags, int level) throws MalformedPacketException {
    int type = typeAndFlags >> 4;
    int flags = typeAndFlags & 0x0F;
    if (type == 0 && level == PacketType.PROTOCOL_LEVEL_5) {
      throw new MalformedPacketException("packet type must be 1..15 (0 is reserved): 0");
    }
    if (type == 0 || (type == 15 && level != PacketType.PROTOCOL_LEVEL_5)) {
      throw new MalformedPacketException("packet type must be 1..14 (0 and 15 are reserved): "
          + type);
    }
    if (type != PacketType.PUBLISH) {
      if (flags != PacketType.requiredFlags(type)) {
        throw new MalformedPacketException(PacketType.name(type) + " fixed header flags must be "
            + Bytes.bits4(PacketType.requiredFlags(type)) + ": " + Bytes.bits4(flags));
      }
      return;
    }
    int qos = (flags >> PacketType.PUBLISH_QOS_SHIFT) & 3;
    if (qos == 3) throw new MalformedPacketException("PUBLISH QoS must be 0, 1 or 2: 3");
    if ((flags & PacketType.PUBLISH_FLAG_DUP) != 0 && qos == 0) {
      throw new MalformedPacketException(
          "PUBLISH DUP flag must be 0 at QoS 0: flags " + Bytes.bits4(flags));
    }
  }

  /** Packets whose remaining length the spec fixes: refused on any other, body unread. */
  static void checkRemainingLength(int type, int remainingLength)
      throws MalformedPacketException {
    checkRemainingLength(type, remainingLength, PacketType.PROTOCOL_LEVEL);
  }

  /** As {@link #checkRemainingLength(int, int)}; 5.0 fixes fewer lengths but has minimums. */
  static void checkRemainingLength(int type, int remainingLength, int level)
      throws MalformedPacketException {
    if (level == PacketType.PROTOCOL_LEVEL_5) {
      int min = PacketType.minRemainingLength5(type);
      if (remainingLength < min) {
        throw new MalformedPacketException(PacketType.name(type) + " remaining length must be at"
            + " least " + min + ": " + remainingLength);
      }
      if ((type == PacketType.PINGREQ || type == PacketType.PINGRESP) && remainingLength != 0) {
        throw new MalformedPacketException(PacketType.name(type) + " remaining length must be 0: "
            + remainingLength);
      }
      return;
    }
    int fixed = PacketType.fixedRemainingLength(type);
    if (fixed >= 0 && remainingLength != fixed) {
      throw new MalformedPacketException(PacketType.name(type) + " remaining length must be "
          + fixed + ": " + remainingLength);
    }
  }

  /** The first byte, 0..255. */
  public int typeAndFlags() {
    return typeAndFlags;
  }

  /** The upper nibble: a {@link PacketType} constant. */
  public int type() {
    return typeAndFlags >> 4;
  }

  /** The lower nibble. */
  public int flags() {
    return typeAndFlags & 0x0F;
  }

  public int remainingLength() {
    return remainingLength;
  }

  /** 1 + the number of remaining-length bytes: 2..5. */
  public int headerLength() {
    return headerLength;
  }

  /** The whole packet's size: header plus remaining length. */
  public int packetSize() {
    return headerLength + remainingLength;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof FixedHeader)) return false;
    FixedHeader that = (FixedHeader) other;
    return typeAndFlags == that.typeAndFlags && remainingLength == that.remainingLength
        && headerLength == that.headerLength;
  }

  @Override public int hashCode() {
    return (typeAndFlags * 31 + remainingLength) * 31 + headerLength;
  }

  @Override public String toString() {
    return "FixedHeader{" + PacketType.name(type()) + ", flags=" + Bytes.bits4(flags())
        + ", remainingLength=" + remainingLength + ", headerLength=" + headerLength + "}";
  }
}
