package dev.wren.mqtt.internal.codec;

import java.util.List;

/**
 * {@link Packet} values to MQTT 5.0 bytes, the way {@link Mqtt311Encoder} does 3.1.1: the size
 * first (checking every length and property on the way), then the bytes into an array of exactly
 * that size. Reason codes and properties are left out where the spec lets them be: an
 * acknowledgement with code 0 and none is the 3.1.1 length 2, DISCONNECT and AUTH length 0. Pure
 * functions: no I/O, no state, thread-safe.
 */
public final class Mqtt5Encoder {
  /** CONNECT's protocol name (2 + 4), level, flags, keep alive (2); properties follow. */
  private static final int CONNECT_FIXED_PART = 10;

  private Mqtt5Encoder() {}

  /**
   * The whole packet, fixed header included, in an array of exactly its size.
   *
   * @throws IllegalArgumentException naming what cannot be encoded: a property the packet may not
   *     carry, a string breaking the MQTT rules, a PUBLISH with neither topic nor Topic Alias, an
   *     UNSUBACK without reason codes, or a remaining length over 268435455
   */
  public static byte[] encode(Packet packet) {
    int remaining = remainingLength(packet);
    byte[] out = new byte[1 + Mqtt311Encoder.remainingLengthSize(remaining) + remaining];
    int pos = writeHeader(packet, remaining, out, 0);
    pos = writeBody(packet, out, pos);
    if (pos != out.length) {
      throw new AssertionError("encoded " + pos + " bytes into " + out.length + ": " + packet);
    }
    return out;
  }

  /** Writes the packet at {@code dst[offset]}; returns the offset after it (as Mqtt311Encoder). */
  public static int encode(Packet packet, byte[] dst, int offset) {
    int remaining = remainingLength(packet);
    int size = 1 + Mqtt311Encoder.remainingLengthSize(remaining) + remaining;
    if (offset < 0 || size > dst.length - offset) {
      throw new IllegalArgumentException("a " + PacketType.name(packet.type()) + " of " + size
          + " bytes does not fit at offset " + offset + " of " + dst.length + " bytes");
    }
    int pos = writeBody(packet, dst, writeHeader(packet, remaining, dst, offset));
    if (pos != offset + size) {
      throw new AssertionError("encoded " + (pos - offset) + " bytes for " + size + ": " + packet);
    }
    return pos;
  }

  /**
   * PUBACK, PUBREC, PUBREL or PUBCOMP with reason code 0 and no properties: 4 bytes, the same as
   * 3.1.1's. UNSUBACK is refused: under 5.0 it carries a reason code per filter.
   */
  public static int encodeIdOnly(int type, int packetId, byte[] dst, int offset) {
    if (type == PacketType.UNSUBACK) {
      throw new IllegalArgumentException("UNSUBACK under MQTT 5.0 carries reason codes: type 11");
    }
    return Mqtt311Encoder.encodeIdOnly(type, packetId, dst, offset);
  }

  /** The size {@link #encode} would produce, with the same checks. */
  public static int encodedSize(Packet packet) {
    int remaining = remainingLength(packet);
    return 1 + Mqtt311Encoder.remainingLengthSize(remaining) + remaining;
  }

  private static int writeHeader(Packet packet, int remaining, byte[] out, int pos) {
    int type = packet.type();
    int first = type << 4 | PacketType.requiredFlags(type);
    if (type == PacketType.PUBLISH) {
      Publish publish = (Publish) packet;
      first |= (publish.dup() ? PacketType.PUBLISH_FLAG_DUP : 0)
          | publish.qos() << PacketType.PUBLISH_QOS_SHIFT
          | (publish.retain() ? PacketType.PUBLISH_FLAG_RETAIN : 0);
    }
    out[pos] = (byte) first;
    return Mqtt311Encoder.writeRemainingLength(remaining, out, pos + 1);
  }

  /** Checks every length, and every property against its packet, before anything is written. */
  private static int remainingLength(Packet packet) {
    String name = PacketType.name(packet.type());
    long length;
    switch (packet.type()) {
      case PacketType.CONNECT: length = connectLength((Connect) packet); break;
      case PacketType.CONNACK: length = 2 + props(packet.type(), ((ConnAck) packet).properties());
        break;
      case PacketType.PUBLISH: {
        Publish publish = (Publish) packet;
        if (publish.topic().isEmpty() && !publish.properties().has(Property.TOPIC_ALIAS)) {
          throw new IllegalArgumentException(
              "PUBLISH topic name may be empty only with a Topic Alias (0x23): \"\"");
        }
        length = 2L + MqttStrings.fieldLength("PUBLISH topic name", publish.topic())
            + (publish.qos() > 0 ? 2 : 0) + props(packet.type(), publish.properties())
            + publish.payload().length;
        break;
      }
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP: {
        IdOnlyPacket ack = (IdOnlyPacket) packet;
        if (ack.properties().isEmpty()) {
          length = ack.reasonCode() == 0 ? 2 : 3;
        } else {
          length = 3 + props(packet.type(), ack.properties());
        }
        break;
      }
      case PacketType.UNSUBACK: {
        UnsubAck ack = (UnsubAck) packet;
        if (ack.reasonCodes().isEmpty()) {
          throw new IllegalArgumentException("UNSUBACK under MQTT 5.0 must carry a reason code"
              + " per filter: reasonCodes []");
        }
        length = 2 + props(packet.type(), ack.properties()) + ack.reasonCodes().size();
        break;
      }
      case PacketType.SUBSCRIBE: {
        Subscribe subscribe = (Subscribe) packet;
        if (subscribe.properties().subscriptionIdentifiers().size() > 1) {
          throw new IllegalArgumentException("SUBSCRIBE may carry one Subscription Identifier"
              + " (0x0B): " + subscribe.properties().subscriptionIdentifiers());
        }
        length = 2 + props(packet.type(), subscribe.properties());
        for (Subscribe.Entry entry : subscribe.entries()) {
          length += 3L + MqttStrings.fieldLength("SUBSCRIBE topic filter", entry.filter());
        }
        break;
      }
      case PacketType.SUBACK: {
        SubAck subAck = (SubAck) packet;
        length = 2 + props(packet.type(), subAck.properties()) + subAck.returnCodes().size();
        break;
      }
      case PacketType.UNSUBSCRIBE: {
        Unsubscribe unsubscribe = (Unsubscribe) packet;
        length = 2 + props(packet.type(), unsubscribe.properties());
        for (String filter : unsubscribe.filters()) {
          length += 2L + MqttStrings.fieldLength("UNSUBSCRIBE topic filter", filter);
        }
        break;
      }
      case PacketType.PINGREQ:
      case PacketType.PINGRESP:
        length = 0;
        break;
      case PacketType.DISCONNECT: {
        Disconnect d = (Disconnect) packet;
        length = d.properties().isEmpty() ? (d.reasonCode() == 0 ? 0 : 1)
            : 1 + props(packet.type(), d.properties());
        break;
      }
      case PacketType.AUTH: {
        Auth auth = (Auth) packet;
        // The spec omits AUTH's code only together with its properties: with a code, a length.
        length = auth.reasonCode() == 0 && auth.properties().isEmpty() ? 0
            : 1 + props(packet.type(), auth.properties());
        break;
      }
      default: throw new IllegalArgumentException("unknown packet type: " + packet.type());
    }
    if (length > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException(
          name + " remaining length must be at most 268435455: " + length);
    }
    return (int) length;
  }

  private static long connectLength(Connect connect) {
    if (connect.protocolLevel() != PacketType.PROTOCOL_LEVEL_5) {
      throw new IllegalArgumentException("CONNECT protocol level must be 5 for the MQTT 5.0"
          + " encoder: " + connect.protocolLevel());
    }
    long length = CONNECT_FIXED_PART + props(PacketType.CONNECT, connect.properties())
        + 2 + MqttStrings.fieldLength("CONNECT client identifier", connect.clientId());
    Connect.Will will = connect.will();
    if (will != null) {
      length += willProps(will.properties());
      length += 2 + MqttStrings.fieldLength("CONNECT will topic", will.topic());
      length += 2 + will.payloadBytes().length;
    }
    if (connect.username() != null) {
      length += 2 + MqttStrings.fieldLength("CONNECT user name", connect.username());
    }
    if (connect.passwordBytes() != null) length += 2 + connect.passwordBytes().length;
    return length;
  }

  /** The Property Length and the properties, each checked to be allowed in {@code type}. */
  private static long props(int type, Mqtt5Properties properties) {
    if (properties.isEmpty()) return 1; // the common case: no list to build
    for (Property p : properties.present()) {
      if (!p.allowedIn(type)) {
        throw new IllegalArgumentException(PacketType.name(type) + " may not carry property "
            + p.label() + ": " + properties);
      }
    }
    return withLength(PacketType.name(type), properties);
  }

  private static long willProps(Mqtt5Properties properties) {
    if (properties.isEmpty()) return 1;
    for (Property p : properties.present()) {
      if (!p.allowedInWill()) {
        throw new IllegalArgumentException("CONNECT will properties may not carry property "
            + p.label() + ": " + properties);
      }
    }
    return withLength("CONNECT will", properties);
  }

  private static long withLength(String what, Mqtt5Properties properties) {
    long length = properties.encodedLength();
    if (length > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException(
          what + " property length must be at most 268435455: " + length);
    }
    return Mqtt311Encoder.remainingLengthSize((int) length) + length;
  }

  private static int writeProps(Mqtt5Properties properties, byte[] out, int pos) {
    if (properties.isEmpty()) {
      out[pos] = 0;
      return pos + 1;
    }
    pos = Mqtt311Encoder.writeRemainingLength((int) properties.encodedLength(), out, pos);
    return properties.write(out, pos);
  }

  private static int writeBody(Packet packet, byte[] out, int pos) {
    switch (packet.type()) {
      case PacketType.CONNECT: return writeConnect((Connect) packet, out, pos);
      case PacketType.CONNACK: {
        ConnAck connAck = (ConnAck) packet;
        out[pos] = (byte) (connAck.sessionPresent() ? 1 : 0);
        out[pos + 1] = (byte) connAck.returnCode();
        return writeProps(connAck.properties(), out, pos + 2);
      }
      case PacketType.PUBLISH: {
        Publish publish = (Publish) packet;
        pos = MqttStrings.encode(publish.topic(), out, pos);
        if (publish.qos() > 0) pos = Mqtt311Encoder.writeShort(publish.packetId(), out, pos);
        pos = writeProps(publish.properties(), out, pos);
        return Mqtt311Encoder.writeRaw(publish.payload(), out, pos);
      }
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP: {
        IdOnlyPacket ack = (IdOnlyPacket) packet;
        pos = Mqtt311Encoder.writeShort(ack.packetId(), out, pos);
        if (ack.reasonCode() == 0 && ack.properties().isEmpty()) return pos;
        out[pos++] = (byte) ack.reasonCode();
        return ack.properties().isEmpty() ? pos : writeProps(ack.properties(), out, pos);
      }
      case PacketType.UNSUBACK: {
        UnsubAck ack = (UnsubAck) packet;
        pos = writeProps(ack.properties(), out, Mqtt311Encoder.writeShort(ack.packetId(), out, pos));
        return writeCodes(ack.reasonCodes(), out, pos);
      }
      case PacketType.SUBSCRIBE: {
        Subscribe subscribe = (Subscribe) packet;
        pos = writeProps(subscribe.properties(), out, Mqtt311Encoder.writeShort(subscribe.packetId(), out, pos));
        for (Subscribe.Entry entry : subscribe.entries()) {
          pos = MqttStrings.encode(entry.filter(), out, pos);
          out[pos++] = (byte) entry.options();
        }
        return pos;
      }
      case PacketType.SUBACK: {
        SubAck subAck = (SubAck) packet;
        pos = writeProps(subAck.properties(), out, Mqtt311Encoder.writeShort(subAck.packetId(), out, pos));
        return writeCodes(subAck.returnCodes(), out, pos);
      }
      case PacketType.UNSUBSCRIBE: {
        Unsubscribe unsubscribe = (Unsubscribe) packet;
        pos = writeProps(unsubscribe.properties(), out,
            Mqtt311Encoder.writeShort(unsubscribe.packetId(), out, pos));
        for (String filter : unsubscribe.filters()) pos = MqttStrings.encode(filter, out, pos);
        return pos;
      }
      case PacketType.DISCONNECT: {
        Disconnect d = (Disconnect) packet;
        if (d.reasonCode() == 0 && d.properties().isEmpty()) return pos;
        out[pos++] = (byte) d.reasonCode();
        return d.properties().isEmpty() ? pos : writeProps(d.properties(), out, pos);
      }
      case PacketType.AUTH: {
        Auth auth = (Auth) packet;
        if (auth.reasonCode() == 0 && auth.properties().isEmpty()) return pos;
        out[pos++] = (byte) auth.reasonCode();
        return writeProps(auth.properties(), out, pos);
      }
      default: return pos; // PINGREQ, PINGRESP: no body.
    }
  }

  private static int writeConnect(Connect connect, byte[] out, int pos) {
    pos = MqttStrings.encode(PacketType.PROTOCOL_NAME, out, pos);
    out[pos++] = (byte) PacketType.PROTOCOL_LEVEL_5;
    Connect.Will will = connect.will();
    int flags = connect.cleanStart() ? PacketType.CONNECT_FLAG_CLEAN_SESSION : 0;
    if (will != null) {
      flags |= PacketType.CONNECT_FLAG_WILL | will.qos() << PacketType.CONNECT_WILL_QOS_SHIFT;
      if (will.retain()) flags |= PacketType.CONNECT_FLAG_WILL_RETAIN;
    }
    if (connect.username() != null) flags |= PacketType.CONNECT_FLAG_USERNAME;
    if (connect.passwordBytes() != null) flags |= PacketType.CONNECT_FLAG_PASSWORD;
    out[pos++] = (byte) flags;
    pos = Mqtt311Encoder.writeShort(connect.keepAliveSeconds(), out, pos);
    pos = writeProps(connect.properties(), out, pos);
    pos = MqttStrings.encode(connect.clientId(), out, pos);
    if (will != null) {
      pos = writeProps(will.properties(), out, pos);
      pos = MqttStrings.encode(will.topic(), out, pos);
      pos = Mqtt311Encoder.writeBinary(will.payloadBytes(), out, pos);
    }
    if (connect.username() != null) pos = MqttStrings.encode(connect.username(), out, pos);
    if (connect.passwordBytes() != null) pos = Mqtt311Encoder.writeBinary(connect.passwordBytes(), out, pos);
    return pos;
  }

  private static int writeCodes(List<Integer> codes, byte[] out, int pos) {
    for (int i = 0, n = codes.size(); i < n; i++) out[pos++] = (byte) (int) codes.get(i);
    return pos;
  }
}
