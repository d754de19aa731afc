package dev.wren.mqtt.internal.codec;

/**
 * DISCONNECT: clean end of a connection. Under 3.1.1 it is sent by the client, carries no data and
 * suppresses the will; under 5.0 either side sends it, with a reason code and properties.
 * Immutable and thread-safe.
 */
public final class Disconnect extends Packet {
  /** Reason code 0 (Normal disconnection) and no properties: the only 3.1.1 DISCONNECT. */
  public static final Disconnect INSTANCE = new Disconnect(0, Mqtt5Properties.EMPTY);

  private final int reasonCode;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if DISCONNECT may not carry {@code reasonCode} */
  public Disconnect(int reasonCode, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    if (!ReasonCode.validFor(PacketType.DISCONNECT, reasonCode)) {
      throw new IllegalArgumentException(
          "DISCONNECT reason code not valid for the packet: " + Bytes.hex(reasonCode));
    }
    this.reasonCode = reasonCode;
    this.properties = properties;
  }

  @Override public int type() {
    return PacketType.DISCONNECT;
  }

  public int reasonCode() {
    return reasonCode;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Disconnect)) return false;
    Disconnect that = (Disconnect) other;
    return reasonCode == that.reasonCode && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return reasonCode * 31 + properties.hashCode();
  }

  @Override public String toString() {
    if (reasonCode == 0 && properties.isEmpty()) return "Disconnect";
    return "Disconnect{reasonCode=" + ReasonCode.describe(PacketType.DISCONNECT, reasonCode)
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
