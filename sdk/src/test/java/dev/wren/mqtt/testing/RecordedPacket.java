package dev.wren.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One packet a {@link FakeBroker} received, framed by hand: the type and flags of the first byte,
 * the body after the remaining length, and when it arrived. The accessors parse the few fields
 * tests look at, without the SDK's codec.
 *
 * @param connection the 1-based number of the connection it arrived on
 */
public record RecordedPacket(int connection, int type, int flags, byte[] body,
    long receivedAtNanos) {

  /** The whole packet as it was on the wire, in hex. */
  public String hex() {
    return Wire.hex(Wire.packet(type, flags, body));
  }

  public String typeName() {
    return Wire.typeName(type);
  }

  /** QoS of a PUBLISH (flags bits 1-2). */
  public int qos() {
    return (flags >> 1) & 3;
  }

  public boolean dup() {
    return (flags & 8) != 0;
  }

  public boolean retain() {
    return (flags & 1) != 0;
  }

  /** The packet identifier of a PUBLISH with QoS > 0, or of an ack, SUBSCRIBE or UNSUBSCRIBE. */
  public int packetId() {
    int at = type == Wire.PUBLISH ? 2 + u16(0) : 0;
    if (type == Wire.PUBLISH && qos() == 0) {
      throw new IllegalStateException("a QoS 0 PUBLISH has no packet id: " + hex());
    }
    return u16(at);
  }

  /** Topic of a PUBLISH. */
  public String topic() {
    requireType(Wire.PUBLISH);
    return new String(body, 2, u16(0), StandardCharsets.UTF_8);
  }

  /** Payload of a PUBLISH. */
  public byte[] payload() {
    requireType(Wire.PUBLISH);
    int at = 2 + u16(0) + (qos() > 0 ? 2 : 0);
    return Arrays.copyOfRange(body, at, body.length);
  }

  public String payloadAsString() {
    return new String(payload(), StandardCharsets.UTF_8);
  }

  /** CONNECT: the connect flags byte (after "MQTT" and the level). */
  public int connectFlags() {
    requireType(Wire.CONNECT);
    return body[2 + u16(0) + 1] & 0xff;
  }

  /** CONNECT: the keep-alive in seconds. */
  public int keepAliveSeconds() {
    requireType(Wire.CONNECT);
    return u16(2 + u16(0) + 2);
  }

  /** CONNECT: the client identifier. */
  public String clientId() {
    requireType(Wire.CONNECT);
    int at = 2 + u16(0) + 4;
    return new String(body, at + 2, u16(at), StandardCharsets.UTF_8);
  }

  /** SUBSCRIBE or UNSUBSCRIBE: the topic filters, in order. */
  public List<String> filters() {
    if (type != Wire.SUBSCRIBE && type != Wire.UNSUBSCRIBE) requireType(Wire.SUBSCRIBE);
    List<String> out = new ArrayList<>();
    int at = 2;
    while (at < body.length) {
      int len = u16(at);
      out.add(new String(body, at + 2, len, StandardCharsets.UTF_8));
      at += 2 + len + (type == Wire.SUBSCRIBE ? 1 : 0);
    }
    return out;
  }

  /** SUBSCRIBE: the requested QoS per filter, in order. */
  public List<Integer> requestedQos() {
    requireType(Wire.SUBSCRIBE);
    List<Integer> out = new ArrayList<>();
    int at = 2;
    while (at < body.length) {
      int len = u16(at);
      out.add(body[at + 2 + len] & 0xff);
      at += 3 + len;
    }
    return out;
  }

  private int u16(int at) {
    return ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
  }

  private void requireType(int expected) {
    if (type != expected) {
      throw new IllegalStateException("not a " + Wire.typeName(expected) + ": " + this);
    }
  }

  @Override public boolean equals(Object o) {
    return o instanceof RecordedPacket p && p.connection == connection && p.type == type
        && p.flags == flags && Arrays.equals(p.body, body) && p.receivedAtNanos == receivedAtNanos;
  }

  @Override public int hashCode() {
    return Arrays.hashCode(body) * 31 + type;
  }

  @Override public String toString() {
    String h = hex();
    return typeName() + "#" + connection + " [" + (h.length() > 200 ? h.substring(0, 200) + "..." : h)
        + "]";
  }
}
