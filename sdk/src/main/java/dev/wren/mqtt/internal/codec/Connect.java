package dev.wren.mqtt.internal.codec;

import java.util.Arrays;

/**
 * CONNECT: the first packet a client sends, protocol name "MQTT", level 4. Immutable and
 * thread-safe: the password is copied in and out. {@link #toString()} never shows the password or
 * the will payload.
 */
public final class Connect extends Packet {
  private final String clientId;
  private final boolean cleanSession;
  private final int keepAliveSeconds;
  private final String username;
  private final byte[] password;
  private final Will will;

  /**
   * @param clientId may be empty (the server then assigns one if cleanSession is true)
   * @param username nullable
   * @param password nullable; MQTT 3.1.1 allows it only together with a username
   * @param will nullable
   * @throws IllegalArgumentException if keepAliveSeconds is not 0..65535, the password is longer
   *     than 65535 bytes, or a password is given without a username
   */
  public Connect(String clientId, boolean cleanSession, int keepAliveSeconds, String username,
      byte[] password, Will will) {
    if (clientId == null) throw new NullPointerException("clientId == null");
    if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
      throw new IllegalArgumentException(
          "CONNECT keep alive must be 0..65535 seconds: " + keepAliveSeconds);
    }
    if (password != null && username == null) {
      // [MQTT-3.1.2-22]: the password flag requires the username flag.
      throw new IllegalArgumentException(
          "CONNECT password requires a username: password of " + password.length + " bytes");
    }
    checkBinaryLength("CONNECT password", password);
    this.clientId = clientId;
    this.cleanSession = cleanSession;
    this.keepAliveSeconds = keepAliveSeconds;
    this.username = username;
    this.password = password != null ? password.clone() : null;
    this.will = will;
  }

  static void checkBinaryLength(String what, byte[] data) {
    if (data != null && data.length > PacketType.MAX_FIELD_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be at most 65535 bytes: " + data.length + " bytes");
    }
  }

  @Override public int type() {
    return PacketType.CONNECT;
  }

  public String clientId() {
    return clientId;
  }

  public boolean cleanSession() {
    return cleanSession;
  }

  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /** Null when absent. */
  public String username() {
    return username;
  }

  /** A copy, or null when absent. */
  public byte[] password() {
    return password != null ? password.clone() : null;
  }

  /** The password without copying, for the encoder. */
  byte[] passwordBytes() {
    return password;
  }

  /** Null when absent. */
  public Will will() {
    return will;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Connect)) return false;
    Connect that = (Connect) other;
    return clientId.equals(that.clientId) && cleanSession == that.cleanSession
        && keepAliveSeconds == that.keepAliveSeconds && equal(username, that.username)
        && Arrays.equals(password, that.password) && equal(will, that.will);
  }

  private static boolean equal(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  @Override public int hashCode() {
    int result = clientId.hashCode();
    result = 31 * result + (cleanSession ? 1 : 0);
    result = 31 * result + keepAliveSeconds;
    result = 31 * result + (username != null ? username.hashCode() : 0);
    result = 31 * result + Arrays.hashCode(password);
    return 31 * result + (will != null ? will.hashCode() : 0);
  }

  @Override public String toString() {
    return "Connect{clientId=" + clientId + ", cleanSession=" + cleanSession
        + ", keepAliveSeconds=" + keepAliveSeconds + ", username=" + username
        + ", password=" + (password != null ? "<redacted>" : "null") + ", will=" + will + "}";
  }

  /**
   * The message the server publishes for this client if the connection ends without DISCONNECT.
   * Immutable and thread-safe: the payload is copied in and out.
   */
  public static final class Will {
    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retain;

    /** @throws IllegalArgumentException if qos is not 0..2 or the payload exceeds 65535 bytes */
    public Will(String topic, byte[] payload, int qos, boolean retain) {
      if (topic == null) throw new NullPointerException("topic == null");
      if (payload == null) throw new NullPointerException("payload == null");
      checkBinaryLength("CONNECT will payload", payload);
      this.topic = topic;
      this.payload = payload.clone();
      this.qos = PacketType.checkQos("CONNECT will", qos);
      this.retain = retain;
    }

    public String topic() {
      return topic;
    }

    /** A copy. */
    public byte[] payload() {
      return payload.clone();
    }

    /** The payload without copying, for the encoder. */
    byte[] payloadBytes() {
      return payload;
    }

    public int qos() {
      return qos;
    }

    public boolean retain() {
      return retain;
    }

    @Override public boolean equals(Object other) {
      if (!(other instanceof Will)) return false;
      Will that = (Will) other;
      return topic.equals(that.topic) && Arrays.equals(payload, that.payload)
          && qos == that.qos && retain == that.retain;
    }

    @Override public int hashCode() {
      int result = topic.hashCode();
      result = 31 * result + Arrays.hashCode(payload);
      result = 31 * result + qos;
      return 31 * result + (retain ? 1 : 0);
    }

    /** Shows the payload's length, never its content. */
    @Override public String toString() {
      return "Will{topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", payload="
          + payload.length + " bytes}";
    }
  }
}
