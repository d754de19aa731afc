package dev.wren.mqtt.internal.codec;

/**
 * AUTH: an MQTT 5.0 extended authentication step, in either direction: reason code Success,
 * Continue authentication or Re-authenticate, and properties (Authentication Method and Data,
 * Reason String, User Property). Immutable and thread-safe. There is no 3.1.1 AUTH.
 */
public final class Auth extends Packet {
  private final int reasonCode;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if AUTH may not carry {@code reasonCode} */
  public Auth(int reasonCode, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    if (!ReasonCode.validFor(PacketType.AUTH, reasonCode)) {
      throw new IllegalArgumentException(
          "AUTH reason code must be 0x00, 0x18 or 0x19: " + Bytes.hex(reasonCode));
    }
    this.reasonCode = reasonCode;
    this.properties = properties;
  }

  @Override public int type() {
    return PacketType.AUTH;
  }

  public int reasonCode() {
    return reasonCode;
  }

  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Auth)) return false;
    Auth that = (Auth) other;
    return reasonCode == that.reasonCode && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return reasonCode * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return "Auth{reasonCode=" + ReasonCode.describe(PacketType.AUTH, reasonCode)
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
