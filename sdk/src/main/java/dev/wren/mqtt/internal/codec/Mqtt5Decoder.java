package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to {@link Packet} values for MQTT 5.0, checking every rule the spec makes for a receiver,
 * as {@link Mqtt311Decoder} does for 3.1.1. Pure functions: no I/O, no state, thread-safe; decoded
 * values never share the input buffer. The packets a client sends (CONNECT, SUBSCRIBE,
 * UNSUBSCRIBE) are decoded in {@link Mqtt5ClientPackets}, for tests that play the broker. Topic
 * Aliases are left to the caller: a PUBLISH may have topic "" when it carries one.
 */
public final class Mqtt5Decoder {
  private Mqtt5Decoder() {}

  /**
   * Decodes a whole packet, fixed header included, which must fill {@code wholePacket} exactly.
   *
   * @throws MalformedPacketException if the packet is malformed, truncated, followed by trailing
   *     bytes, or larger than {@code maxPacketSize}
   */
  public static Packet decode(byte[] wholePacket, int maxPacketSize)
      throws MalformedPacketException {
    long header = FixedHeader.parsePacked(wholePacket, 0, wholePacket.length, maxPacketSize,
        PacketType.PROTOCOL_LEVEL_5);
    if (header == FixedHeader.INCOMPLETE) {
      throw new MalformedPacketException(
          "fixed header truncated: " + wholePacket.length + " bytes are not a whole header");
    }
    int typeAndFlags = FixedHeader.packedTypeAndFlags(header);
    int headerLength = FixedHeader.packedHeaderLength(header);
    int remaining = FixedHeader.packedRemainingLength(header);
    int body = wholePacket.length - headerLength;
    if (body != remaining) {
      throw new MalformedPacketException(PacketType.name(typeAndFlags >> 4) + " remaining length"
          + " is " + remaining + " but " + body + " bytes follow the fixed header"
          + (body < remaining ? " (truncated)" : " (trailing bytes)"));
    }
    return decode(typeAndFlags, wholePacket, headerLength, body, null);
  }

  /**
   * Decodes one packet body: the {@code length} remaining-length bytes at {@code offset}.
   *
   * @param typeAndFlags the fixed header's first byte
   * @param recentTopic the topic of an earlier PUBLISH, reused when the bytes spell it; or null
   * @throws MalformedPacketException naming the packet, the rule and the offending value
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
    FixedHeader.checkFirstByte(typeAndFlags, PacketType.PROTOCOL_LEVEL_5);
    FixedHeader.checkRemainingLength(type, length, PacketType.PROTOCOL_LEVEL_5);
    switch (type) {
      case PacketType.PINGREQ: return PingReq.INSTANCE;
      case PacketType.PINGRESP: return PingResp.INSTANCE;
      case PacketType.DISCONNECT: if (length == 0) return Disconnect.INSTANCE; break;
      default: break;
    }
    BodyReader in = new BodyReader(type, body, offset, length);
    switch (type) {
      case PacketType.CONNECT: return Mqtt5ClientPackets.connect(in);
      case PacketType.CONNACK: return connAck(in);
      case PacketType.PUBLISH: return publish(typeAndFlags & 0x0F, in, recentTopic);
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP:
        return publishAck(type, in);
      case PacketType.SUBSCRIBE: return Mqtt5ClientPackets.subscribe(in);
      case PacketType.SUBACK:
      case PacketType.UNSUBACK:
        return subscribeAck(type, in);
      case PacketType.UNSUBSCRIBE: return Mqtt5ClientPackets.unsubscribe(in);
      case PacketType.DISCONNECT:
      case PacketType.AUTH:
        return disconnectOrAuth(type, in);
      default: throw new AssertionError("unreachable packet type " + type);
    }
  }

  /** A reason code, which must be one the spec lists for the packet (table 2.4). */
  static int readReasonCode(BodyReader in, int type) throws MalformedPacketException {
    int code = in.readByte("reason code");
    if (!ReasonCode.validFor(type, code)) {
      throw new MalformedPacketException(in.packet() + " reason code is not valid for "
          + in.packet() + ": " + ReasonCode.describe(type, code));
    }
    return code;
  }

  private static ConnAck connAck(BodyReader in) throws MalformedPacketException {
    int ackFlags = in.readByte("acknowledge flags");
    if ((ackFlags & 0xFE) != 0) {
      throw new MalformedPacketException(
          "CONNACK acknowledge flags bits 7-1 are reserved and must be 0: " + Bytes.hex(ackFlags));
    }
    int code = readReasonCode(in, PacketType.CONNACK);
    if (code != 0 && (ackFlags & 1) != 0) {
      // [MQTT-3.2.2-6]: a refusal never has a session.
      throw new MalformedPacketException("CONNACK session present must be 0 with a failure"
          + " reason code: " + ReasonCode.describe(PacketType.CONNACK, code));
    }
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, PacketType.CONNACK);
    in.requireEnd("the properties");
    return new ConnAck((ackFlags & 1) != 0, code, properties);
  }

  private static Publish publish(int flags, BodyReader in, String recentTopic)
      throws MalformedPacketException {
    // QoS 3 and DUP at QoS 0 were refused with the first byte (FixedHeader.checkFirstByte).
    int qos = (flags >> PacketType.PUBLISH_QOS_SHIFT) & 3;
    String topic = in.readString("topic name", recentTopic);
    if (!topic.isEmpty()) Mqtt311Decoder.validateName("PUBLISH topic name", topic);
    int packetId = qos > 0 ? in.readPacketId() : 0;
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, PacketType.PUBLISH);
    if (topic.isEmpty() && !properties.has(Property.TOPIC_ALIAS)) {
      throw new MalformedPacketException("PUBLISH topic name may be empty only with a "
          + Property.TOPIC_ALIAS.label() + " property: topic \"\" and no alias");
    }
    byte[] payload = in.readBytes("payload", in.remaining());
    return new Publish(topic, payload, qos, (flags & PacketType.PUBLISH_FLAG_RETAIN) != 0,
        (flags & PacketType.PUBLISH_FLAG_DUP) != 0, packetId, properties);
  }

  /** Remaining length 2: code 0, no properties; 3: a code, no properties; more: both. */
  private static IdOnlyPacket publishAck(int type, BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    if (!in.hasRemaining()) return IdOnlyPacket.of(type, packetId);
    int code = readReasonCode(in, type);
    Mqtt5Properties properties =
        in.hasRemaining() ? Mqtt5PropertyReader.read(in, type) : Mqtt5Properties.EMPTY;
    in.requireEnd("the properties");
    return IdOnlyPacket.of(type, packetId, code, properties);
  }

  private static Packet subscribeAck(int type, BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, type);
    if (!in.hasRemaining()) {
      throw new MalformedPacketException(in.packet() + " must contain at least one reason code:"
          + " none after the properties");
    }
    List<Integer> codes = new ArrayList<>(in.remaining());
    while (in.hasRemaining()) codes.add(readReasonCode(in, type));
    return type == PacketType.SUBACK ? new SubAck(packetId, codes, properties)
        : new UnsubAck(packetId, codes, properties);
  }

  /** Remaining length 0: code 0, no properties (handled by the caller for DISCONNECT); 1: a code. */
  private static Packet disconnectOrAuth(int type, BodyReader in) throws MalformedPacketException {
    int code = in.hasRemaining() ? readReasonCode(in, type) : ReasonCode.SUCCESS;
    Mqtt5Properties properties =
        in.hasRemaining() ? Mqtt5PropertyReader.read(in, type) : Mqtt5Properties.EMPTY;
    in.requireEnd("the properties");
    return type == PacketType.AUTH ? new Auth(code, properties) : new Disconnect(code, properties);
  }
}
