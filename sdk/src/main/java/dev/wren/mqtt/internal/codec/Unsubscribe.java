package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** UNSUBSCRIBE: removes one or more topic filters. Immutable and thread-safe. */
public final class Unsubscribe extends Packet {
  private final int packetId;
  private final List<String> filters;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if the id is not 1..65535 or {@code filters} is empty */
  public Unsubscribe(int packetId, List<String> filters) {
    this(packetId, filters, Mqtt5Properties.EMPTY);
  }

  /** With MQTT 5.0 properties (User Property only). */
  public Unsubscribe(int packetId, List<String> filters, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    this.properties = properties;
    this.packetId = PacketType.checkPacketId("UNSUBSCRIBE", packetId);
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("UNSUBSCRIBE must carry at least one topic filter: []");
    }
    List<String> copy = new ArrayList<>(filters);
    for (String filter : copy) {
      if (filter == null) throw new NullPointerException("filters contains null");
    }
    this.filters = Collections.unmodifiableList(copy);
  }

  @Override public int type() {
    return PacketType.UNSUBSCRIBE;
  }

  public int packetId() {
    return packetId;
  }

  /** Unmodifiable. */
  public List<String> filters() {
    return filters;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Unsubscribe)) return false;
    Unsubscribe that = (Unsubscribe) other;
    return packetId == that.packetId && filters.equals(that.filters)
        && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return (31 * packetId + filters.hashCode()) * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return "Unsubscribe{packetId=" + packetId + ", filters=" + filters
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
