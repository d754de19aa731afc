package dev.wren.mqtt.internal.codec;

import java.util.List;

/**
 * {@link Packet} values to MQTT 3.1.1 bytes. Each packet is written into one array of exactly its
 * size: the size is computed first, then the bytes written with index arithmetic. Pure functions:
 * no I/O, no state, thread-safe. A packet with MQTT 5.0 content (properties, a reason code other
 * than 0, AUTH, protocol level 5, subscription options beyond the QoS) is refused, never sent
 * without it.
 */
public final class Mqtt311Encoder {
  /** CONNECT's fixed variable header: protocol name (2 + 4), level, flags, keep alive (2). */
  private static final int CONNECT_VARIABLE_HEADER_LENGTH = 10;

  private Mqtt311Encoder() {}

  /**
   * The whole packet, fixed header included, in an array of exactly its size.
   *
   * @throws IllegalArgumentException naming the value that cannot be encoded: a string over 65535
   *     UTF-8 bytes or with U+0000 or an unpaired surrogate, or a remaining length over 268435455
   */
  public static byte[] encode(Packet packet) {
    int remaining = remainingLength(packet);
    byte[] out = new byte[1 + remainingLengthSize(remaining) + remaining];
    out[0] = (byte) typeAndFlags(packet);
    int pos = writeRemainingLength(remaining, out, 1);
    pos = writeBody(packet, out, pos);
    if (pos != out.length) {
      throw new AssertionError("encoded " + pos + " bytes into " + out.length + ": " + packet);
    }
    return out;
  }

  /**
   * Writes the whole packet at {@code dst[offset]}, where {@link #encodedSize} bytes must fit, and
   * returns the offset after it: for a writer that gathers packets into one buffer of its own.
   * Nothing before {@code offset} is touched; on an exception, what follows it is garbage.
   *
   * @throws IllegalArgumentException as {@link #encode} does
   */
  public static int encode(Packet packet, byte[] dst, int offset) {
    int remaining = remainingLength(packet);
    int size = 1 + remainingLengthSize(remaining) + remaining;
    if (offset < 0 || size > dst.length - offset) {
      throw new IllegalArgumentException("a " + PacketType.name(packet.type()) + " of " + size
          + " bytes does not fit at offset " + offset + " of " + dst.length + " bytes");
    }
    dst[offset] = (byte) typeAndFlags(packet);
    int pos = writeRemainingLength(remaining, dst, offset + 1);
    pos = writeBody(packet, dst, pos);
    if (pos != offset + size) {
      throw new AssertionError("encoded " + (pos - offset) + " bytes for " + size + ": " + packet);
    }
    return pos;
  }

  /**
   * Writes PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK with {@code packetId} at {@code dst[offset]}:
   * the 4 bytes {@link #encode(Packet, byte[], int)} writes for it, without a packet object (the
   * client acknowledges every QoS 1/2 message). Returns {@code offset + 4}.
   *
   * @throws IllegalArgumentException for another type, an identifier not 1..65535, or no room
   */
  public static int encodeIdOnly(int type, int packetId, byte[] dst, int offset) {
    if (type == PacketType.CONNACK || PacketType.fixedRemainingLength(type) != 2) {
      throw new IllegalArgumentException("not a packet of only an identifier: type " + type);
    }
    PacketType.checkPacketId(PacketType.name(type), packetId);
    if (offset < 0 || 4 > dst.length - offset) {
      throw new IllegalArgumentException("a " + PacketType.name(type) + " of 4 bytes does not fit"
          + " at offset " + offset + " of " + dst.length + " bytes");
    }
    dst[offset] = (byte) (type << 4 | PacketType.requiredFlags(type));
    dst[offset + 1] = 2;
    return writeShort(packetId, dst, offset + 2);
  }

  /** The size {@link #encode} would produce, with the same checks. */
  public static int encodedSize(Packet packet) {
    int remaining = remainingLength(packet);
    return 1 + remainingLengthSize(remaining) + remaining;
  }

  /**
   * Writes {@code value} as a 1 to 4 byte remaining length at {@code offset}; returns the offset
   * after it.
   */
  public static int writeRemainingLength(int value, byte[] dst, int offset) {
    checkRemainingLength(value);
    int pos = offset;
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      dst[pos++] = (byte) (value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
    return pos;
  }

  /** The number of bytes {@code value} takes as a remaining length: 1 to 4. */
  public static int remainingLengthSize(int value) {
    checkRemainingLength(value);
    if (value < 128) return 1;
    if (value < 16_384) return 2;
    if (value < 2_097_152) return 3;
    return 4;
  }

  private static void checkRemainingLength(long value) {
    if (value < 0 || value > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException(
          "remaining length must be 0..268435455: " + value);
    }
  }

  private static int typeAndFlags(Packet packet) {
    int type = packet.type();
    if (type != PacketType.PUBLISH) return type << 4 | PacketType.requiredFlags(type);
    Publish publish = (Publish) packet;
    return type << 4
        | (publish.dup() ? PacketType.PUBLISH_FLAG_DUP : 0)
        | publish.qos() << PacketType.PUBLISH_QOS_SHIFT
        | (publish.retain() ? PacketType.PUBLISH_FLAG_RETAIN : 0);
  }

  /**
   * The remaining length of a PUBLISH: topic field, packet identifier for QoS 1 and 2, payload.
   * Callers compare it with {@link PacketType#MAX_REMAINING_LENGTH} before building one.
   */
  public static long publishRemainingLength(int topicUtf8Length, int qos, int payloadLength) {
    return 2L + topicUtf8Length + (qos > 0 ? 2 : 0) + payloadLength;
  }

  /** Checks every length on the way; the writers below can then trust the sizes. */
  private static int remainingLength(Packet packet) {
    Mqtt311Only.check(packet);
    long length;
    switch (packet.type()) {
      case PacketType.CONNECT: length = connectLength((Connect) packet); break;
      case PacketType.CONNACK: length = 2; break;
      case PacketType.PUBLISH: {
        Publish publish = (Publish) packet;
        length = publishRemainingLength(
            MqttStrings.fieldLength("PUBLISH topic name", publish.topic()),
            publish.qos(), publish.payload().length);
        break;
      }
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP:
      case PacketType.UNSUBACK:
        length = 2;
        break;
      case PacketType.SUBSCRIBE: {
        length = 2;
        for (Subscribe.Entry entry : ((Subscribe) packet).entries()) {
          length += 3L + MqttStrings.fieldLength("SUBSCRIBE topic filter", entry.filter());
        }
        break;
      }
      case PacketType.SUBACK: length = 2L + ((SubAck) packet).returnCodes().size(); break;
      case PacketType.UNSUBSCRIBE: {
        length = 2;
        for (String filter : ((Unsubscribe) packet).filters()) {
          length += 2L + MqttStrings.fieldLength("UNSUBSCRIBE topic filter", filter);
        }
        break;
      }
      case PacketType.PINGREQ:
      case PacketType.PINGRESP:
      case PacketType.DISCONNECT:
        length = 0;
        break;
      default: throw new IllegalArgumentException("unknown packet type: " + packet.type());
    }
    if (length > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException(PacketType.name(packet.type())
          + " remaining length must be at most 268435455: " + length);
    }
    return (int) length;
  }

  private static long connectLength(Connect connect) {
    long length = CONNECT_VARIABLE_HEADER_LENGTH
        + 2 + MqttStrings.fieldLength("CONNECT client identifier", connect.clientId());
    Connect.Will will = connect.will();
    if (will != null) {
      length += 2 + MqttStrings.fieldLength("CONNECT will topic", will.topic());
      length += 2 + will.payloadBytes().length;
    }
    if (connect.username() != null) {
      length += 2 + MqttStrings.fieldLength("CONNECT user name", connect.username());
    }
    if (connect.passwordBytes() != null) length += 2 + connect.passwordBytes().length;
    return length;
  }

  private static int writeBody(Packet packet, byte[] out, int pos) {
    switch (packet.type()) {
      case PacketType.CONNECT: return writeConnect((Connect) packet, out, pos);
      case PacketType.CONNACK: {
        ConnAck connAck = (ConnAck) packet;
        out[pos] = (byte) (connAck.sessionPresent() ? 1 : 0);
        out[pos + 1] = (byte) connAck.returnCode();
        return pos + 2;
      }
      case PacketType.PUBLISH: {
        Publish publish = (Publish) packet;
        pos = MqttStrings.encode(publish.topic(), out, pos);
        if (publish.qos() > 0) pos = writeShort(publish.packetId(), out, pos);
        return writeRaw(publish.payload(), out, pos);
      }
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP:
      case PacketType.UNSUBACK:
        return writeShort(((IdOnlyPacket) packet).packetId(), out, pos);
      case PacketType.SUBSCRIBE: {
        Subscribe subscribe = (Subscribe) packet;
        pos = writeShort(subscribe.packetId(), out, pos);
        for (Subscribe.Entry entry : subscribe.entries()) {
          pos = MqttStrings.encode(entry.filter(), out, pos);
          out[pos++] = (byte) entry.qos();
        }
        return pos;
      }
      case PacketType.SUBACK: {
        SubAck subAck = (SubAck) packet;
        pos = writeShort(subAck.packetId(), out, pos);
        List<Integer> codes = subAck.returnCodes();
        for (int i = 0, n = codes.size(); i < n; i++) out[pos++] = (byte) (int) codes.get(i);
        return pos;
      }
      case PacketType.UNSUBSCRIBE: {
        Unsubscribe unsubscribe = (Unsubscribe) packet;
        pos = writeShort(unsubscribe.packetId(), out, pos);
        for (String filter : unsubscribe.filters()) pos = MqttStrings.encode(filter, out, pos);
        return pos;
      }
      default: return pos; // PINGREQ, PINGRESP, DISCONNECT: no body.
    }
  }

  private static int writeConnect(Connect connect, byte[] out, int pos) {
    pos = MqttStrings.encode(PacketType.PROTOCOL_NAME, out, pos);
    out[pos++] = (byte) PacketType.PROTOCOL_LEVEL;
    Connect.Will will = connect.will();
    int flags = connect.cleanSession() ? PacketType.CONNECT_FLAG_CLEAN_SESSION : 0;
    if (will != null) {
      flags |= PacketType.CONNECT_FLAG_WILL | will.qos() << PacketType.CONNECT_WILL_QOS_SHIFT;
      if (will.retain()) flags |= PacketType.CONNECT_FLAG_WILL_RETAIN;
    }
    if (connect.username() != null) flags |= PacketType.CONNECT_FLAG_USERNAME;
    if (connect.passwordBytes() != null) flags |= PacketType.CONNECT_FLAG_PASSWORD;
    out[pos++] = (byte) flags;
    pos = writeShort(connect.keepAliveSeconds(), out, pos);
    pos = MqttStrings.encode(connect.clientId(), out, pos);
    if (will != null) {
      pos = MqttStrings.encode(will.topic(), out, pos);
      pos = writeBinary(will.payloadBytes(), out, pos);
    }
    if (connect.username() != null) pos = MqttStrings.encode(connect.username(), out, pos);
    if (connect.passwordBytes() != null) pos = writeBinary(connect.passwordBytes(), out, pos);
    return pos;
  }

  static int writeShort(int value, byte[] out, int pos) {
    out[pos] = (byte) (value >> 8);
    out[pos + 1] = (byte) value;
    return pos + 2;
  }

  static int writeBinary(byte[] data, byte[] out, int pos) {
    return writeRaw(data, out, writeShort(data.length, out, pos));
  }

  static int writeRaw(byte[] data, byte[] out, int pos) {
    System.arraycopy(data, 0, out, pos, data.length);
    return pos + data.length;
  }
}
