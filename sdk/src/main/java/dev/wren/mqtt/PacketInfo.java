package dev.wren.mqtt;

import java.util.Collections;
import java.util.List;

/**
 * What a {@link PacketListener} learns about one packet: its type and the header fields that
 * debugging needs. Never the password, the Will's payload or a message's payload (only its
 * length). Immutable and thread-safe.
 */
public final class PacketInfo {
  private final String type;
  private final int packetId;
  private final int qos;
  private final boolean retain;
  private final boolean dup;
  private final String topic;
  private final int payloadLength;
  private final List<String> filters;
  private final List<Integer> codes;

  private PacketInfo(Builder b) {
    this.type = b.type;
    this.packetId = b.packetId;
    this.qos = b.qos;
    this.retain = b.retain;
    this.dup = b.dup;
    this.topic = b.topic;
    this.payloadLength = b.payloadLength;
    this.filters = b.filters;
    this.codes = b.codes;
  }

  /** A builder for a packet of {@code type}, such as {@code "PUBACK"}; every field 0 or empty. */
  public static Builder builder(String type) {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("a packet type name is needed, such as PUBLISH");
    }
    return new Builder(type);
  }

  /** The packet type as the MQTT specification names it: {@code CONNECT}, {@code PUBLISH}, ... */
  public String type() {
    return type;
  }

  /** The packet identifier, or 0 for a packet without one (QoS 0 PUBLISH, CONNECT, PINGREQ ...). */
  public int packetId() {
    return packetId;
  }

  /** PUBLISH: its QoS, 0 to 2; 0 for other packets. */
  public int qos() {
    return qos;
  }

  /** PUBLISH: the retain flag. */
  public boolean retain() {
    return retain;
  }

  /** PUBLISH: the DUP flag (a re-send). */
  public boolean dup() {
    return dup;
  }

  /** PUBLISH: the topic; null for other packets. */
  public String topic() {
    return topic;
  }

  /** PUBLISH: the payload's length in bytes; 0 for other packets. */
  public int payloadLength() {
    return payloadLength;
  }

  /** SUBSCRIBE and UNSUBSCRIBE: the topic filters, in order; empty for other packets. */
  public List<String> filters() {
    return filters;
  }

  /**
   * SUBSCRIBE: the QoS asked for each filter; SUBACK: the return code for each (0x80 refused);
   * CONNACK: its return code (0 accepted); empty for other packets.
   */
  public List<Integer> codes() {
    return codes;
  }

  @Override public String toString() {
    StringBuilder s = new StringBuilder(type);
    if (packetId != 0) s.append(" id=").append(packetId);
    if (topic != null) {
      s.append(" qos=").append(qos).append(retain ? " retain" : "").append(dup ? " dup" : "")
          .append(" topic=").append(topic).append(" payload=").append(payloadLength)
          .append(" bytes");
    }
    if (!filters.isEmpty()) s.append(" filters=").append(filters);
    if (!codes.isEmpty()) s.append(" codes=").append(codes);
    return s.toString();
  }

  /** Builds a {@link PacketInfo}; the SDK makes them, tests of listeners may too. */
  public static final class Builder {
    private final String type;
    private int packetId;
    private int qos;
    private boolean retain;
    private boolean dup;
    private String topic;
    private int payloadLength;
    private List<String> filters = Collections.emptyList();
    private List<Integer> codes = Collections.emptyList();

    private Builder(String type) {
      this.type = type;
    }

    public Builder packetId(int packetId) {
      if (packetId < 0 || packetId > 65_535) {
        throw new IllegalArgumentException("packet identifier must be 0..65535: " + packetId);
      }
      this.packetId = packetId;
      return this;
    }

    /** The fields of a PUBLISH. */
    public Builder publish(String topic, int qos, boolean retain, boolean dup, int payloadLength) {
      if (qos < 0 || qos > 2) throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
      if (payloadLength < 0) {
        throw new IllegalArgumentException("payload length must be >= 0: " + payloadLength);
      }
      this.topic = topic;
      this.qos = qos;
      this.retain = retain;
      this.dup = dup;
      this.payloadLength = payloadLength;
      return this;
    }

    public Builder filters(List<String> filters) {
      this.filters = Collections.unmodifiableList(new java.util.ArrayList<>(filters));
      return this;
    }

    public Builder codes(List<Integer> codes) {
      this.codes = Collections.unmodifiableList(new java.util.ArrayList<>(codes));
      return this;
    }

    public PacketInfo build() {
      return new PacketInfo(this);
    }
  }
}
