package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * UNSUBACK: Acknowledges an UNSUBSCRIBE; under 5.0 with one reason code per filter, in order, and
 * properties. Immutable and thread-safe.
 */
public final class UnsubAck extends IdOnlyPacket {
  private final List<Integer> reasonCodes;

  /** @throws IllegalArgumentException if {@code packetId} is not 1..65535 */
  public UnsubAck(int packetId) {
    super(PacketType.UNSUBACK, packetId);
    this.reasonCodes = Collections.emptyList();
  }

  /**
   * A 5.0 UNSUBACK.
   *
   * @throws IllegalArgumentException if the id is not 1..65535, or {@code reasonCodes} is empty or
   *     holds a code UNSUBACK may not carry
   */
  public UnsubAck(int packetId, List<Integer> reasonCodes, Mqtt5Properties properties) {
    super(PacketType.UNSUBACK, packetId, ReasonCode.SUCCESS, properties);
    this.reasonCodes = SubAck.checkedCodes(PacketType.UNSUBACK, reasonCodes);
  }

  /** One per filter under 5.0, in order; empty under 3.1.1. Unmodifiable. */
  public List<Integer> reasonCodes() {
    return reasonCodes;
  }

  @Override public boolean equals(Object other) {
    return super.equals(other) && reasonCodes.equals(((UnsubAck) other).reasonCodes);
  }

  @Override public int hashCode() {
    return super.hashCode() * 31 + reasonCodes.hashCode();
  }

  @Override public String toString() {
    String s = super.toString();
    if (reasonCodes.isEmpty()) return s;
    return s.substring(0, s.length() - 1) + ", reasonCodes=" + hexList(reasonCodes) + "}";
  }

  static String hexList(List<Integer> codes) {
    List<String> out = new ArrayList<>(codes.size());
    for (int code : codes) out.add(Bytes.hex(code));
    return out.toString();
  }
}
