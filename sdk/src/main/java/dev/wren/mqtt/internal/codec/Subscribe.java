package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SUBSCRIBE: one or more topic filters, each with the maximum QoS the client wants for it.
 * Immutable and thread-safe.
 */
public final class Subscribe extends Packet {
  private final int packetId;
  private final List<Entry> entries;

  /** @throws IllegalArgumentException if the id is not 1..65535 or {@code entries} is empty */
  public Subscribe(int packetId, List<Entry> entries) {
    this.packetId = PacketType.checkPacketId("SUBSCRIBE", packetId);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("SUBSCRIBE must carry at least one topic filter: []");
    }
    List<Entry> copy = new ArrayList<>(entries);
    for (Entry entry : copy) {
      if (entry == null) throw new NullPointerException("entries contains null");
    }
    this.entries = Collections.unmodifiableList(copy);
  }

  @Override public int type() {
    return PacketType.SUBSCRIBE;
  }

  public int packetId() {
    return packetId;
  }

  /** Unmodifiable. */
  public List<Entry> entries() {
    return entries;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Subscribe)) return false;
    Subscribe that = (Subscribe) other;
    return packetId == that.packetId && entries.equals(that.entries);
  }

  @Override public int hashCode() {
    return 31 * packetId + entries.hashCode();
  }

  @Override public String toString() {
    return "Subscribe{packetId=" + packetId + ", entries=" + entries + "}";
  }

  /** One topic filter and its requested QoS. Immutable and thread-safe. */
  public static final class Entry {
    private final String filter;
    private final int qos;

    /** @throws IllegalArgumentException if {@code qos} is not 0, 1 or 2 */
    public Entry(String filter, int qos) {
      if (filter == null) throw new NullPointerException("filter == null");
      this.filter = filter;
      this.qos = PacketType.checkQos("SUBSCRIBE requested", qos);
    }

    public String filter() {
      return filter;
    }

    public int qos() {
      return qos;
    }

    @Override public boolean equals(Object other) {
      if (!(other instanceof Entry)) return false;
      Entry that = (Entry) other;
      return filter.equals(that.filter) && qos == that.qos;
    }

    @Override public int hashCode() {
      return 31 * filter.hashCode() + qos;
    }

    @Override public String toString() {
      return filter + "@" + qos;
    }
  }
}
