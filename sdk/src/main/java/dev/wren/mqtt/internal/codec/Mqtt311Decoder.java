package dev.wren.mqtt.internal.codec;

import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_CLEAN_SESSION;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_PASSWORD;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_RESERVED;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_USERNAME;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_WILL;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_WILL_RETAIN;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_WILL_QOS_SHIFT;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to {@link Packet} values for MQTT 3.1.1, checking every rule the spec makes for a
 * receiver. Pure functions: no I/O, no state, thread-safe. Decoded values never share the input
 * buffer, so the caller may reuse it. CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ and DISCONNECT are
 * decoded too, for tests that play the broker.
 */
public final class Mqtt311Decoder {
  private Mqtt311Decoder() {}

  /**
   * Decodes a whole packet, fixed header included, which must fill {@code wholePacket} exactly.
   *
   * @throws MalformedPacketException if the packet is malformed, truncated, followed by trailing
   *     bytes, or larger than {@code maxPacketSize}
   */
  public static Packet decode(byte[] wholePacket, int maxPacketSize)
      throws MalformedPacketException {
    FixedHeader header = FixedHeader.parse(wholePacket, 0, wholePacket.length, maxPacketSize);
    if (header == null) {
      throw new MalformedPacketException(
          "fixed header truncated: " + wholePacket.length + " bytes are not a whole header");
    }
    int body = wholePacket.length - header.headerLength();
    if (body != header.remainingLength()) {
      throw new MalformedPacketException(PacketType.name(header.type()) + " remaining length is "
          + header.remainingLength() + " but " + body + " bytes follow the fixed header"
          + (body < header.remainingLength() ? " (truncated)" : " (trailing bytes)"));
    }
    return decode(header.typeAndFlags(), wholePacket, header.headerLength(), body);
  }

  /**
   * Decodes one packet body: the {@code length} remaining-length bytes at {@code offset}.
   *
   * @param typeAndFlags the fixed header's first byte
   * @throws MalformedPacketException naming the packet, the rule and the offending value
   */
  public static Packet decode(int typeAndFlags, byte[] body, int offset, int length)
      throws MalformedPacketException {
    return decode(typeAndFlags, body, offset, length, null);
  }

  /**
   * As {@link #decode(int, byte[], int, int)}, with the topic name of an earlier PUBLISH: a
   * PUBLISH whose topic bytes spell it (in ASCII) gets that very String instead of an equal new
   * one. A stream of messages on one topic then decodes its name once.
   *
   * @param recentTopic a topic name, or null
   */
  public static Packet decode(int typeAndFlags, byte[] body, int offset, int length,
      String recentTopic) throws MalformedPacketException {
    if (typeAndFlags < 0 || typeAndFlags > 255) {
      throw new IllegalArgumentException("typeAndFlags must be 0..255: " + typeAndFlags);
    }
    if (offset < 0 || length < 0 || length > body.length - offset) {
      throw new IllegalArgumentException("offset " + offset + " and length " + length
          + " must lie within the body array of " + body.length + " bytes");
    }
    int type = typeAndFlags >> 4;
    int flags = typeAndFlags & 0x0F;
    // The same rules FixedHeader.parse applies, for callers that framed the packet themselves.
    FixedHeader.checkFirstByte(typeAndFlags);
    FixedHeader.checkRemainingLength(type, length);
    // Packets that are only a header need no reader: a stream of PINGRESPs allocates nothing.
    switch (type) {
      case PacketType.PINGREQ: return PingReq.INSTANCE;
      case PacketType.PINGRESP: return PingResp.INSTANCE;
      case PacketType.DISCONNECT: return Disconnect.INSTANCE;
      default: break;
    }
    // The acknowledgements come as often as messages: read without a BodyReader.
    switch (type) {
      case PacketType.PUBACK: return new PubAck(idOnly(type, body, offset));
      case PacketType.PUBREC: return new PubRec(idOnly(type, body, offset));
      case PacketType.PUBREL: return new PubRel(idOnly(type, body, offset));
      case PacketType.PUBCOMP: return new PubComp(idOnly(type, body, offset));
      case PacketType.UNSUBACK: return new UnsubAck(idOnly(type, body, offset));
      default: break;
    }
    BodyReader in = new BodyReader(type, body, offset, length);
    switch (type) {
      case PacketType.CONNECT: return connect(in);
      case PacketType.CONNACK: return connAck(in);
      case PacketType.PUBLISH: return publish(flags, in, recentTopic);
      case PacketType.SUBSCRIBE: return subscribe(in);
      case PacketType.SUBACK: return subAck(in);
      case PacketType.UNSUBSCRIBE: return unsubscribe(in);
      default: throw new AssertionError("unreachable packet type " + type);
    }
  }

  /** The identifier of a packet that is only one; its length (2) was checked before. */
  private static int idOnly(int type, byte[] body, int offset) throws MalformedPacketException {
    return BodyReader.checkedPacketId(PacketType.name(type),
        (body[offset] & 0xFF) << 8 | (body[offset + 1] & 0xFF));
  }

  private static ConnAck connAck(BodyReader in) throws MalformedPacketException {
    int ackFlags = in.readByte("acknowledge flags");
    if ((ackFlags & 0xFE) != 0) {
      throw new MalformedPacketException(
          "CONNACK acknowledge flags bits 7-1 are reserved and must be 0: " + Bytes.hex(ackFlags));
    }
    int returnCode = in.readByte("return code");
    return new ConnAck((ackFlags & 1) != 0, returnCode);
  }

  private static Publish publish(int flags, BodyReader in, String recentTopic)
      throws MalformedPacketException {
    // QoS 3 and DUP at QoS 0 were refused with the first byte (FixedHeader.checkFirstByte).
    int qos = (flags >> PacketType.PUBLISH_QOS_SHIFT) & 3;
    boolean dup = (flags & PacketType.PUBLISH_FLAG_DUP) != 0;
    String topic = in.readString("topic name", recentTopic);
    validateName("PUBLISH topic name", topic);
    int packetId = qos > 0 ? in.readPacketId() : 0;
    byte[] payload = in.readBytes("payload", in.remaining());
    return new Publish(topic, payload, qos, (flags & PacketType.PUBLISH_FLAG_RETAIN) != 0, dup,
        packetId);
  }

  private static Subscribe subscribe(BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    if (!in.hasRemaining()) {
      throw new MalformedPacketException(
          "SUBSCRIBE must contain at least one topic filter: remaining length 2");
    }
    List<Subscribe.Entry> entries = new ArrayList<>();
    while (in.hasRemaining()) {
      String filter = in.readString("topic filter");
      validateFilter("SUBSCRIBE", filter);
      int options = in.readByte("requested QoS");
      if ((options & 0xFC) != 0) {
        throw new MalformedPacketException("SUBSCRIBE requested QoS byte bits 7-2 are reserved"
            + " and must be 0: " + Bytes.hex(options));
      }
      if (options == 3) {
        throw new MalformedPacketException("SUBSCRIBE requested QoS must be 0, 1 or 2: 3");
      }
      entries.add(new Subscribe.Entry(filter, options));
    }
    return new Subscribe(packetId, entries);
  }

  private static SubAck subAck(BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    if (!in.hasRemaining()) {
      throw new MalformedPacketException(
          "SUBACK must contain at least one return code: remaining length 2");
    }
    List<Integer> codes = new ArrayList<>(in.remaining());
    while (in.hasRemaining()) {
      int code = in.readByte("return code");
      if (!SubAck.isValidReturnCode(code)) {
        throw new MalformedPacketException(
            "SUBACK return code must be 0x00, 0x01, 0x02 or 0x80: " + Bytes.hex(code));
      }
      codes.add(code);
    }
    return new SubAck(packetId, codes);
  }

  private static Unsubscribe unsubscribe(BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    if (!in.hasRemaining()) {
      throw new MalformedPacketException(
          "UNSUBSCRIBE must contain at least one topic filter: remaining length 2");
    }
    List<String> filters = new ArrayList<>();
    while (in.hasRemaining()) {
      String filter = in.readString("topic filter");
      validateFilter("UNSUBSCRIBE", filter);
      filters.add(filter);
    }
    return new Unsubscribe(packetId, filters);
  }

  /**
   * The start of a CONNECT both versions share: protocol name, {@code level} (4 or 5) and the
   * connect flags, checked; returns the flags.
   */
  static int connectFlags(BodyReader in, int level) throws MalformedPacketException {
    String protocolName = in.readString("protocol name");
    if (!PacketType.PROTOCOL_NAME.equals(protocolName)) {
      throw new MalformedPacketException(
          "CONNECT protocol name must be \"MQTT\": \"" + protocolName + "\"");
    }
    int got = in.readByte("protocol level");
    if (got != level) {
      throw new MalformedPacketException("CONNECT protocol level must be " + level + ": " + got);
    }
    int flags = in.readByte("connect flags");
    if ((flags & CONNECT_FLAG_RESERVED) != 0) {
      throw new MalformedPacketException(
          "CONNECT connect flags bit 0 is reserved and must be 0: " + Bytes.hex(flags));
    }
    boolean hasWill = (flags & CONNECT_FLAG_WILL) != 0;
    int willQos = (flags >> CONNECT_WILL_QOS_SHIFT) & 3;
    boolean willRetain = (flags & CONNECT_FLAG_WILL_RETAIN) != 0;
    if (willQos == 3) throw new MalformedPacketException("CONNECT will QoS must be 0, 1 or 2: 3");
    if (!hasWill && (willQos != 0 || willRetain)) {
      throw new MalformedPacketException("CONNECT will QoS and will retain must be 0 without the"
          + " will flag: connect flags " + Bytes.hex(flags));
    }
    return flags;
  }

  private static Connect connect(BodyReader in) throws MalformedPacketException {
    int flags = connectFlags(in, PacketType.PROTOCOL_LEVEL);
    boolean hasWill = (flags & CONNECT_FLAG_WILL) != 0;
    int willQos = (flags >> CONNECT_WILL_QOS_SHIFT) & 3;
    boolean willRetain = (flags & CONNECT_FLAG_WILL_RETAIN) != 0;
    boolean hasUsername = (flags & CONNECT_FLAG_USERNAME) != 0;
    boolean hasPassword = (flags & CONNECT_FLAG_PASSWORD) != 0;
    if (hasPassword && !hasUsername) {
      throw new MalformedPacketException("CONNECT password flag requires the username flag:"
          + " connect flags " + Bytes.hex(flags));
    }
    int keepAlive = in.readUnsignedShort("keep alive");
    String clientId = in.readString("client identifier");
    Connect.Will will = null;
    if (hasWill) {
      String willTopic = in.readString("will topic");
      validateName("CONNECT will topic", willTopic);
      will = new Connect.Will(willTopic, in.readBinary("will message"), willQos, willRetain);
    }
    String username = hasUsername ? in.readString("user name") : null;
    byte[] password = hasPassword ? in.readBinary("password") : null;
    if (in.hasRemaining()) {
      throw new MalformedPacketException(
          "CONNECT has " + in.remaining() + " trailing bytes after the payload");
    }
    return new Connect(clientId, (flags & CONNECT_FLAG_CLEAN_SESSION) != 0, keepAlive, username,
        password, will);
  }

  static void validateName(String what, String topic) throws MalformedPacketException {
    try {
      Topics.validateName(topic);
    } catch (InvalidTopicException e) {
      throw new InvalidTopicException(what + ": " + e.getMessage(), e);
    }
  }

  static void validateFilter(String packet, String filter)
      throws MalformedPacketException {
    try {
      Topics.validateFilter(filter);
    } catch (InvalidTopicException e) {
      throw new InvalidTopicException(packet + " " + e.getMessage(), e);
    }
  }
}
