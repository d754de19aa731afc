package dev.wren.mqtt.internal.codec;

/**
 * CONNACK: the server's answer to CONNECT. Return code 0 accepts the connection; 1 to 5 are the
 * refusal reasons 3.1.1 defines; under 5.0 the same byte is a {@link ReasonCode} and properties
 * follow. Immutable and thread-safe.
 */
public final class ConnAck extends Packet {
  public static final int ACCEPTED = 0;
  public static final int REFUSED_PROTOCOL_VERSION = 1;
  public static final int REFUSED_IDENTIFIER_REJECTED = 2;
  public static final int REFUSED_SERVER_UNAVAILABLE = 3;
  public static final int REFUSED_BAD_USERNAME_OR_PASSWORD = 4;
  public static final int REFUSED_NOT_AUTHORIZED = 5;

  private final boolean sessionPresent;
  private final int returnCode;
  private final Mqtt5Properties properties;

  /** @throws IllegalArgumentException if {@code returnCode} does not fit in a byte */
  public ConnAck(boolean sessionPresent, int returnCode) {
    this(sessionPresent, returnCode, Mqtt5Properties.EMPTY);
  }

  /** A 5.0 CONNACK: {@code reasonCode} is the byte {@link #returnCode()} returns. */
  public ConnAck(boolean sessionPresent, int returnCode, Mqtt5Properties properties) {
    if (properties == null) throw new NullPointerException("properties == null");
    this.properties = properties;
    if (returnCode < 0 || returnCode > 255) {
      throw new IllegalArgumentException("CONNACK return code must be 0..255: " + returnCode);
    }
    this.sessionPresent = sessionPresent;
    this.returnCode = returnCode;
  }

  @Override public int type() {
    return PacketType.CONNACK;
  }

  public boolean sessionPresent() {
    return sessionPresent;
  }

  public int returnCode() {
    return returnCode;
  }

  /** 5.0's name for {@link #returnCode()}. */
  public int reasonCode() {
    return returnCode;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof ConnAck)) return false;
    ConnAck that = (ConnAck) other;
    return sessionPresent == that.sessionPresent && returnCode == that.returnCode
        && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return (returnCode * 2 + (sessionPresent ? 1 : 0)) * 31 + properties.hashCode();
  }

  @Override public String toString() {
    return "ConnAck{sessionPresent=" + sessionPresent + ", returnCode=" + returnCode
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
  }
}
