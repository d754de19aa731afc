package dev.wren.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written MQTT 3.1.1 framing for the test fixtures: packet type numbers, hex helpers and
 * builders for the packets a broker sends. Deliberately independent of the SDK's codec
 * ({@code dev.wren.mqtt.internal.codec}), so the fixtures check the codec rather than repeat it.
 */
public final class Wire {
  public static final int CONNECT = 1;
  public static final int CONNACK = 2;
  public static final int PUBLISH = 3;
  public static final int PUBACK = 4;
  public static final int PUBREC = 5;
  public static final int PUBREL = 6;
  public static final int PUBCOMP = 7;
  public static final int SUBSCRIBE = 8;
  public static final int SUBACK = 9;
  public static final int UNSUBSCRIBE = 10;
  public static final int UNSUBACK = 11;
  public static final int PINGREQ = 12;
  public static final int PINGRESP = 13;
  public static final int DISCONNECT = 14;

  private static final String[] NAMES = {
      "RESERVED0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
      "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
      "RESERVED15"};

  private Wire() {
  }

  /** "PUBLISH(3)" for 3. */
  public static String typeName(int type) {
    return (type >= 0 && type < 16 ? NAMES[type] : "?") + "(" + type + ")";
  }

  /** Parses hex, ignoring spaces, colons and underscores: "20 02 00 00". */
  public static byte[] hex(String hex) {
    String h = hex.replaceAll("[\\s:_]", "");
    if (h.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits: " + hex);
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** Lower-case hex with a space between bytes. */
  public static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  /** The 1 to 4 byte variable-length encoding of a remaining length (0..268,435,455). */
  public static byte[] remainingLength(int length) {
    if (length < 0 || length > 268_435_455) {
      throw new IllegalArgumentException("remaining length out of range: " + length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4);
    do {
      int digit = length % 128;
      length /= 128;
      if (length > 0) digit |= 0x80;
      out.write(digit);
    } while (length > 0);
    return out.toByteArray();
  }

  /** First byte, remaining length, body. */
  public static byte[] packet(int type, int flags, byte[] body) {
    return concat(new byte[] {(byte) ((type << 4) | (flags & 0x0f))}, remainingLength(body.length),
        body);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.write(p, 0, p.length);
    return out.toByteArray();
  }

  public static byte[] connAck(boolean sessionPresent, int returnCode) {
    return packet(CONNACK, 0, new byte[] {(byte) (sessionPresent ? 1 : 0), (byte) returnCode});
  }

  public static byte[] pubAck(int packetId) {
    return packet(PUBACK, 0, u16(packetId));
  }

  public static byte[] pubRec(int packetId) {
    return packet(PUBREC, 0, u16(packetId));
  }

  /** PUBREL has the reserved flags 0b0010. */
  public static byte[] pubRel(int packetId) {
    return packet(PUBREL, 2, u16(packetId));
  }

  public static byte[] pubComp(int packetId) {
    return packet(PUBCOMP, 0, u16(packetId));
  }

  /** SUBACK with one return code per filter (0, 1, 2 granted QoS; 0x80 failure). */
  public static byte[] subAck(int packetId, int... returnCodes) {
    byte[] body = new byte[2 + returnCodes.length];
    System.arraycopy(u16(packetId), 0, body, 0, 2);
    for (int i = 0; i < returnCodes.length; i++) body[2 + i] = (byte) returnCodes[i];
    return packet(SUBACK, 0, body);
  }

  public static byte[] unsubAck(int packetId) {
    return packet(UNSUBACK, 0, u16(packetId));
  }

  public static byte[] pingResp() {
    return packet(PINGRESP, 0, new byte[0]);
  }

  /** A PUBLISH; {@code packetId} is written only for QoS 1 and 2. */
  public static byte[] publish(String topic, byte[] payload, int qos, int packetId, boolean dup,
      boolean retain) {
    int flags = (dup ? 8 : 0) | (qos << 1) | (retain ? 1 : 0);
    byte[] id = qos > 0 ? u16(packetId) : new byte[0];
    return packet(PUBLISH, flags, concat(string(topic), id, payload));
  }

  public static byte[] publish(String topic, String payload, int qos, int packetId) {
    return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, packetId, false, false);
  }

  /** A minimal MQTT 3.1.1 CONNECT (no will, no credentials), for raw-socket tests of fixtures. */
  public static byte[] connect(String clientId, int keepAliveSeconds, boolean cleanSession) {
    return packet(CONNECT, 0, concat(string("MQTT"), new byte[] {4, (byte) (cleanSession ? 2 : 0)},
        u16(keepAliveSeconds), string(clientId)));
  }

  /** A SUBSCRIBE of one filter. */
  public static byte[] subscribe(int packetId, String filter, int qos) {
    return packet(SUBSCRIBE, 2, concat(u16(packetId), string(filter), new byte[] {(byte) qos}));
  }

  /** An MQTT UTF-8 string: two length bytes, then the bytes. */
  public static byte[] string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return concat(u16(b.length), b);
  }

  public static byte[] u16(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }
}
