package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SUBACK: the server's answer to SUBSCRIBE, one return code per requested filter, in order: the
 * granted QoS (0, 1 or 2) or {@link #FAILURE}. Immutable and thread-safe.
 */
public final class SubAck extends Packet {
  /** Return code for a filter the server refused. */
  public static final int FAILURE = 0x80;

  private final int packetId;
  private final List<Integer> returnCodes;

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

  @Override public boolean equals(Object other) {
    if (!(other instanceof SubAck)) return false;
    SubAck that = (SubAck) other;
    return packetId == that.packetId && returnCodes.equals(that.returnCodes);
  }

  @Override public int hashCode() {
    return 31 * packetId + returnCodes.hashCode();
  }

  @Override public String toString() {
    return "SubAck{packetId=" + packetId + ", returnCodes=" + returnCodes + "}";
  }
}
