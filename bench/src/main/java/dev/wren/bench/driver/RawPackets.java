package dev.wren.bench.driver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT 3.1.1 packets the raw ceiling client sends, encoded once up front. Byte layout (spec
 * section 2.2): a type-and-flags byte, the remaining length in 1 to 4 bytes of 7 bits each (high
 * bit: more follows), then the variable header and payload. Stateless.
 */
final class RawPackets {
  static final int CONNECT = 0x10;
  static final int CONNACK = 0x20;
  static final int PUBLISH = 0x30;
  static final int PUBACK = 0x40;
  static final int PUBREC = 0x50;
  static final int PUBREL = 0x62;   // PUBREL carries the fixed flags 0010
  static final int PUBCOMP = 0x70;
  static final int SUBSCRIBE = 0x82; // SUBSCRIBE carries the fixed flags 0010
  static final int SUBACK = 0x90;
  static final int PINGRESP = 0xD0;
  static final byte[] DISCONNECT = {(byte) 0xE0, 0};

  private RawPackets() {}

  /** CONNECT, protocol level 4, clean session, keep-alive 0 (the raw client sends no pings). */
  static byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
    body.write(4);     // protocol level 3.1.1
    body.write(0x02);  // clean session
    body.write(0);     // keep-alive MSB
    body.write(0);     // keep-alive LSB
    writeString(body, id);
    return packet(CONNECT, body.toByteArray());
  }

  static byte[] subscribe(int packetId, String topicFilter, int qos) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >>> 8);
    body.write(packetId & 0xFF);
    writeString(body, topicFilter.getBytes(StandardCharsets.UTF_8));
    body.write(qos);
    return packet(SUBSCRIBE, body.toByteArray());
  }

  /**
   * Everything of a PUBLISH up to its packet identifier: type and QoS, the remaining length for
   * this payload size, and the topic. The packet identifier (QoS 1/2) and the payload follow.
   */
  static byte[] publishPrefix(String topic, int qos, int payloadLength) {
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    int remaining = 2 + name.length + (qos > 0 ? 2 : 0) + payloadLength;
    ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    prefix.write(PUBLISH | qos << 1);
    writeRemainingLength(prefix, remaining);
    writeString(prefix, name);
    return prefix.toByteArray();
  }

  /** PUBACK, PUBREC, PUBREL or PUBCOMP: the type byte, length 2, the packet identifier. */
  static void ack(int type, int packetId, byte[] dst) {
    dst[0] = (byte) type;
    dst[1] = 2;
    dst[2] = (byte) (packetId >>> 8);
    dst[3] = (byte) packetId;
  }

  private static byte[] packet(int typeAndFlags, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(typeAndFlags);
    writeRemainingLength(out, body.length);
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, byte[] utf8) {
    out.write(utf8.length >>> 8);
    out.write(utf8.length & 0xFF);
    out.write(utf8, 0, utf8.length);
  }

  static void writeRemainingLength(ByteArrayOutputStream out, int value) {
    if (value < 0 || value > 268_435_455) throw new IllegalArgumentException("remaining length: " + value);
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      out.write(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }
}
