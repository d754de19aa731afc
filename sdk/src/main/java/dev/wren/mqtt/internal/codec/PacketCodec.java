package dev.wren.mqtt.internal.codec;

/**
 * The wire format of one protocol version, chosen once per connection: {@link #MQTT_3_1_1}
 * (delegating to {@link Mqtt311Encoder}, {@link Mqtt311Decoder} and {@link FixedHeader}) or
 * {@link #MQTT_5_0} ({@link Mqtt5Encoder}, {@link Mqtt5Decoder}). Both are stateless and
 * thread-safe; the packet values are shared by the two versions.
 */
public abstract class PacketCodec {
  public static final PacketCodec MQTT_3_1_1 = new V311();
  public static final PacketCodec MQTT_5_0 = new V5();

  private PacketCodec() {}

  /** 4 for 3.1.1, 5 for 5.0: the CONNECT protocol level. */
  public abstract int protocolLevel();

  /** The whole packet's size, fixed header included, with the checks {@link #encode} makes. */
  public abstract int encodedSize(Packet packet);

  /**
   * The whole packet in an array of exactly its size.
   *
   * @throws IllegalArgumentException naming the value this version cannot encode
   */
  public abstract byte[] encode(Packet packet);

  /** Writes the packet at {@code dst[offset]}; returns the offset after it. */
  public abstract int encode(Packet packet, byte[] dst, int offset);

  /**
   * Writes PUBACK, PUBREC, PUBREL or PUBCOMP with {@code packetId}, reason code 0 and no
   * properties: the same 4 bytes in both versions (5.0 leaves the code and properties out). 3.1.1 also takes
   * UNSUBACK. Returns {@code offset + 4}.
   */
  public abstract int encodeIdOnly(int type, int packetId, byte[] dst, int offset);

  /**
   * Decodes one packet body (see {@link Mqtt311Decoder#decode(int, byte[], int, int, String)}).
   *
   * @param recentTopic the topic of an earlier PUBLISH, reused when the bytes spell it; or null
   * @throws MalformedPacketException naming the packet, the rule and the offending value
   */
  public abstract Packet decode(int typeAndFlags, byte[] body, int offset, int length,
      String recentTopic) throws MalformedPacketException;

  /**
   * {@link FixedHeader#parsePacked} by this version's rules (5.0: AUTH exists, acknowledgements
   * and DISCONNECT vary in length); read the result with FixedHeader's {@code packed*} methods.
   */
  public abstract long parseHeaderPacked(byte[] buf, int offset, int available,
      int maxPacketSize) throws MalformedPacketException;

  @Override public String toString() {
    return protocolLevel() == PacketType.PROTOCOL_LEVEL ? "MQTT 3.1.1" : "MQTT 5.0";
  }

  private static final class V311 extends PacketCodec {
    @Override public int protocolLevel() {
      return PacketType.PROTOCOL_LEVEL;
    }

    @Override public int encodedSize(Packet packet) {
      return Mqtt311Encoder.encodedSize(packet);
    }

    @Override public byte[] encode(Packet packet) {
      return Mqtt311Encoder.encode(packet);
    }

    @Override public int encode(Packet packet, byte[] dst, int offset) {
      return Mqtt311Encoder.encode(packet, dst, offset);
    }

    @Override public int encodeIdOnly(int type, int packetId, byte[] dst, int offset) {
      return Mqtt311Encoder.encodeIdOnly(type, packetId, dst, offset);
    }

    @Override public Packet decode(int typeAndFlags, byte[] body, int offset, int length,
        String recentTopic) throws MalformedPacketException {
      return Mqtt311Decoder.decode(typeAndFlags, body, offset, length, recentTopic);
    }

    @Override public long parseHeaderPacked(byte[] buf, int offset, int available,
        int maxPacketSize) throws MalformedPacketException {
      return FixedHeader.parsePacked(buf, offset, available, maxPacketSize);
    }
  }

  private static final class V5 extends PacketCodec {
    @Override public int protocolLevel() {
      return PacketType.PROTOCOL_LEVEL_5;
    }

    @Override public int encodedSize(Packet packet) {
      return Mqtt5Encoder.encodedSize(packet);
    }

    @Override public byte[] encode(Packet packet) {
      return Mqtt5Encoder.encode(packet);
    }

    @Override public int encode(Packet packet, byte[] dst, int offset) {
      return Mqtt5Encoder.encode(packet, dst, offset);
    }

    @Override public int encodeIdOnly(int type, int packetId, byte[] dst, int offset) {
      return Mqtt5Encoder.encodeIdOnly(type, packetId, dst, offset);
    }

    @Override public Packet decode(int typeAndFlags, byte[] body, int offset, int length,
        String recentTopic) throws MalformedPacketException {
      return Mqtt5Decoder.decode(typeAndFlags, body, offset, length, recentTopic);
    }

    @Override public long parseHeaderPacked(byte[] buf, int offset, int available,
        int maxPacketSize) throws MalformedPacketException {
      return FixedHeader.parsePacked(buf, offset, available, maxPacketSize,
          PacketType.PROTOCOL_LEVEL_5);
    }
  }
}
