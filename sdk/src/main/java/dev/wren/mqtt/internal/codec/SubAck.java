package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SUBACK: the server's answer to SUBSCRIBE, one return code per requested filter, in order: the
 * granted QoS (0, 1 or 2) or {@link #FAILURE}; under 5.0 any SUBACK {@link ReasonCode}, and
 * properties. Immutable and thread-safe.
 */
public final class SubAck extends Packet {
  /** Return code for a filter the server refused. */
  public static final int FAILURE = 0x80;

  private final int packetId;
  private final List<Integer> returnCodes;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if the id is not 1..65535, or a code is not 0, 1, 2, 0x80 */
  public SubAck(int packetId, List<Integer> returnCodes) {
    this.packetId = PacketType.checkPacketId("SUBACK", packetId);
    if (returnCodes.isEmpty()) {
      throw new IllegalArgumentException("SUBACK must carry at least one return code: []");
    }
    List<Integer> copy = new ArrayList<>(returnCodes);
    for (Integer code : copy) {
      if (code == null) throw new NullPointerException("returnCodes contains null");
      if (!isValidReturnCode(code)) {
        throw new IllegalArgumentException(
            "SUBACK return code must be 0x00, 0x01, 0x02 or 0x80: " + Bytes.hex(code));
      }
    }
    this.returnCodes = Collections.unmodifiableList(copy);
    this.properties = Mqtt5Properties.EMPTY;
  }

  /**
   * A 5.0 SUBACK. {@link #returnCodes()} returns the reason codes.
   *
   * @throws IllegalArgumentException if the id is not 1..65535, or the list is empty or holds a
   *     code SUBACK may not carry
   */
  public SubAck(int packetId, List<Integer> reasonCodes, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    this.packetId = PacketType.checkPacketId("SUBACK", packetId);
    this.returnCodes = checkedCodes(PacketType.SUBACK, reasonCodes);
    this.properties = properties;
  }

  /** An unmodifiable copy of a non-empty list of codes each valid for {@code type}. */
  static List<Integer> checkedCodes(int type, List<Integer> codes) {
    String packet = PacketType.name(type);
    if (codes.isEmpty()) {
      throw new IllegalArgumentException(packet + " must carry at least one reason code: []");
    }
    List<Integer> copy = new ArrayList<>(codes);
    for (Integer code : copy) {
      if (code == null) throw new NullPointerException("reasonCodes contains null");
      if (!ReasonCode.validFor(type, code)) {
        throw new IllegalArgumentException(packet + " reason code not valid for the packet: "
            + Bytes.hex(code));
      }
    }
    return Collections.unmodifiableList(copy);
  }
  static boolean isValidReturnCode(int code) {
    return (code >= 0 && code <= 2) || code == FAILURE;
  }

  @Override public int type() {
    return PacketType.SUBACK;
  }

  public int packetId() {
    return packetId;
  }

  /** Unmodifiable. */
  public List<Integer> returnCodes() {
    return returnCodes;
  }

  /** 5.0's name for {@link #returnCodes()}. */
  public List<Integer> reasonCodes() {
    return returnCodes;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof SubAck)) return false;
    SubAck that = (SubAck) other;
    return packetId == that.packetId && returnCodes.equals(that.returnCodes)
        && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return (31 * packetId + returnCodes.hashCode()) * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return "SubAck{packetId=" + packetId + ", returnCodes=" + returnCodes
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
