package dev.wren.mqtt.internal.codec;

import java.util.Arrays;

/**
 * PUBLISH: an application message in either direction. Immutable and thread-safe provided nobody
 * writes to the payload array, which is shared, not copied: this is the hot path, and the public
 * API copies at its boundary instead.
 */
public final class Publish extends Packet {
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retain;
  private final boolean dup;
  private final int packetId;
  private final Mqtt5Properties properties;

  /**
   * @param payload kept by reference; the caller must not modify it afterwards
   * @param packetId 0 when {@code qos} is 0, otherwise 1..65535
   * @throws IllegalArgumentException if qos, packetId or the dup flag break those rules
   */
  public Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup,
      int packetId) {
    this(topic, payload, qos, retain, dup, packetId, Mqtt5Properties.EMPTY);
  }

  /**
   * With MQTT 5.0 properties. The topic may be "" when they carry a Topic Alias: the client
   * resolves aliases, the codec only checks that one of the two is there.
   */
  public Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup,
      int packetId, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    if (topic == null) throw new NullPointerException("topic == null");
    if (payload == null) throw new NullPointerException("payload == null");
    PacketType.checkQos("PUBLISH", qos);
    if (qos == 0) {
      if (packetId != 0) {
        throw new IllegalArgumentException(
            "PUBLISH packet identifier must be 0 at QoS 0: " + packetId);
      }
      if (dup) {
        // [MQTT-3.3.1-2]: DUP must be 0 for QoS 0 messages.
        throw new IllegalArgumentException("PUBLISH DUP must be false at QoS 0: " + dup);
      }
    } else {
      PacketType.checkPacketId("PUBLISH", packetId);
    }
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.dup = dup;
    this.packetId = packetId;
    this.properties = properties;
  }

  @Override public int type() {
    return PacketType.PUBLISH;
  }

  public String topic() {
    return topic;
  }

  /** The payload itself, not a copy. Do not modify it. */
  public byte[] payload() {
    return payload;
  }

  public int qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  public boolean dup() {
    return dup;
  }

  /** 0 at QoS 0. */
  public int packetId() {
    return packetId;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  /** A copy with the DUP flag set as given, for retransmission. Shares the payload. */
  public Publish withDup(boolean dup) {
    return dup == this.dup ? this
        : new Publish(topic, payload, qos, retain, dup, packetId, properties);
  }

  /** A copy with another packet identifier. Shares the payload. */
  public Publish withPacketId(int id) {
    return id == packetId ? this : new Publish(topic, payload, qos, retain, dup, id, properties);
  }

  /** A copy with other properties (an alias resolved, say). Shares the payload. */
  public Publish withProperties(Mqtt5Properties p) {
    return p.equals(properties) ? this : new Publish(topic, payload, qos, retain, dup, packetId, p);
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Publish)) return false;
    Publish that = (Publish) other;
    return topic.equals(that.topic) && qos == that.qos && retain == that.retain
        && dup == that.dup && packetId == that.packetId && Arrays.equals(payload, that.payload)
        && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    int result = topic.hashCode();
    result = 31 * result + Arrays.hashCode(payload);
    result = 31 * result + qos;
    result = 31 * result + (retain ? 1 : 0);
    result = 31 * result + (dup ? 1 : 0);
    result = 31 * result + properties.hashCode();
    return 31 * result + packetId;
  }

  /** Shows the payload's length, never its content: it may be private. */
  @Override public String toString() {
    return "Publish{topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup
        + ", packetId=" + packetId + ", payload=" + payload.length + " bytes"
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
