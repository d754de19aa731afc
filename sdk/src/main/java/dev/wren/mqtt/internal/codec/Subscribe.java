package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SUBSCRIBE: one or more topic filters, each with the maximum QoS the client wants for it and,
 * under 5.0, the other subscription options, plus properties. Immutable and thread-safe.
 */
public final class Subscribe extends Packet {
  private final int packetId;
  private final List<Entry> entries;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if the id is not 1..65535 or {@code entries} is empty */
  public Subscribe(int packetId, List<Entry> entries) {
    this(packetId, entries, Mqtt5Properties.EMPTY);
  }

  /** With MQTT 5.0 properties (Subscription Identifier, User Property). */
  public Subscribe(int packetId, List<Entry> entries, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    this.packetId = PacketType.checkPacketId("SUBSCRIBE", packetId);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("SUBSCRIBE must carry at least one topic filter: []");
    }
    List<Entry> copy = new ArrayList<>(entries);
    for (Entry entry : copy) {
      if (entry == null) throw new NullPointerException("entries contains null");
    }
    this.entries = Collections.unmodifiableList(copy);
    this.properties = properties;
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

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Subscribe)) return false;
    Subscribe that = (Subscribe) other;
    return packetId == that.packetId && entries.equals(that.entries)
        && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return (31 * packetId + entries.hashCode()) * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return "Subscribe{packetId=" + packetId + ", entries=" + entries
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }

  /**
   * One topic filter and its subscription options byte: bits 0-1 the maximum QoS; under 5.0 bit 2
   * No Local, bit 3 Retain As Published, bits 4-5 Retain Handling (0 send retained messages at
   * subscribe, 1 only if the subscription is new, 2 never); bits 6-7 reserved. 3.1.1 has only the
   * QoS, so there the byte is 0..2. Immutable and thread-safe.
   */
  public static final class Entry {
    static final int NO_LOCAL = 0x04;
    static final int RETAIN_AS_PUBLISHED = 0x08;
    static final int RETAIN_HANDLING_SHIFT = 4;
    static final int RESERVED = 0xC0;

    private final String filter;
    private final int options;

    /**
     * @param options the options byte; a 3.1.1 entry's QoS 0..2 is that byte
     * @throws IllegalArgumentException if the QoS is 3, Retain Handling 3, or a reserved bit set
     */
    public Entry(String filter, int options) {
      if (filter == null) throw new NullPointerException("filter == null");
      if (options < 0 || options > 0xFF || (options & RESERVED) != 0) {
        throw new IllegalArgumentException("SUBSCRIBE options bits 7-6 are reserved and must be"
            + " 0: " + Bytes.hex(options));
      }
      PacketType.checkQos("SUBSCRIBE requested", options & 3);
      if ((options >> RETAIN_HANDLING_SHIFT & 3) == 3) {
        throw new IllegalArgumentException(
            "SUBSCRIBE Retain Handling must be 0, 1 or 2: 3 in options " + Bytes.hex(options));
      }
      this.filter = filter;
      this.options = options;
    }

    /** A 5.0 entry from its parts. */
    public Entry(String filter, int qos, boolean noLocal, boolean retainAsPublished,
        int retainHandling) {
      this(filter, checkedOptions(qos, noLocal, retainAsPublished, retainHandling));
    }

    private static int checkedOptions(int qos, boolean noLocal, boolean retainAsPublished,
        int retainHandling) {
      PacketType.checkQos("SUBSCRIBE requested", qos);
      if (retainHandling < 0 || retainHandling > 2) {
        throw new IllegalArgumentException(
            "SUBSCRIBE Retain Handling must be 0, 1 or 2: " + retainHandling);
      }
      return qos | (noLocal ? NO_LOCAL : 0) | (retainAsPublished ? RETAIN_AS_PUBLISHED : 0)
          | retainHandling << RETAIN_HANDLING_SHIFT;
    }

    public String filter() {
      return filter;
    }

    public int qos() {
      return options & 3;
    }

    public boolean noLocal() {
      return (options & NO_LOCAL) != 0;
    }

    public boolean retainAsPublished() {
      return (options & RETAIN_AS_PUBLISHED) != 0;
    }

    /** 0, 1 or 2. */
    public int retainHandling() {
      return options >> RETAIN_HANDLING_SHIFT & 3;
    }

    /** The whole options byte. */
    public int options() {
      return options;
    }

    @Override public boolean equals(Object other) {
      if (!(other instanceof Entry)) return false;
      Entry that = (Entry) other;
      return filter.equals(that.filter) && options == that.options;
    }

    @Override public int hashCode() {
      return 31 * filter.hashCode() + options;
    }

    @Override public String toString() {
      if (options == qos()) return filter + "@" + options;
      return filter + "@" + qos() + (noLocal() ? ",noLocal" : "")
          + (retainAsPublished() ? ",retainAsPublished" : "") + ",retainHandling="
          + retainHandling();
    }
  }
}
