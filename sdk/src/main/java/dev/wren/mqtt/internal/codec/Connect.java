package dev.wren.mqtt.internal.codec;

import java.util.Arrays;

/**
 * CONNECT: the first packet a client sends, protocol name "MQTT", level 4 (3.1.1) or 5 (5.0).
 * Immutable and thread-safe: the password is copied in and out. {@link #toString()} never shows
 * the password or the will payload.
 */
public final class Connect extends Packet {
  private final int protocolLevel;
  private final String clientId;
  private final boolean cleanSession;
  private final int keepAliveSeconds;
  private final String username;
  private final byte[] password;
  private final Will will;
  private final Mqtt5Properties properties;

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
    this(PacketType.PROTOCOL_LEVEL, clientId, cleanSession, keepAliveSeconds, username, password,
        will, Mqtt5Properties.EMPTY);
  }

  /**
   * A CONNECT of either version. At level 5 a password without a username is allowed; the
   * properties (and the will's) are 5.0 only, which the 3.1.1 encoder enforces.
   *
   * @param protocolLevel 4 (3.1.1) or 5 (5.0)
   * @param cleanStart 3.1.1's "clean session"
   * @throws IllegalArgumentException as the 3.1.1 constructor, or for another protocol level
   */
  public Connect(int protocolLevel, String clientId, boolean cleanStart, int keepAliveSeconds,
      String username, byte[] password, Will will, Mqtt5Properties properties) {
    if (protocolLevel != PacketType.PROTOCOL_LEVEL
        && protocolLevel != PacketType.PROTOCOL_LEVEL_5) {
      throw new IllegalArgumentException("CONNECT protocol level must be 4 or 5: " + protocolLevel);
    }
    if (properties == null) throw new NullPointerException("properties == null");
    if (clientId == null) throw new NullPointerException("clientId == null");
    if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
      throw new IllegalArgumentException(
          "CONNECT keep alive must be 0..65535 seconds: " + keepAliveSeconds);
    }
    if (password != null && username == null && protocolLevel == PacketType.PROTOCOL_LEVEL) {
      // [MQTT-3.1.2-22]: the password flag requires the username flag.
      throw new IllegalArgumentException(
          "CONNECT password requires a username: password of " + password.length + " bytes");
    }
    checkBinaryLength("CONNECT password", password);
    this.protocolLevel = protocolLevel;
    this.clientId = clientId;
    this.cleanSession = cleanStart;
    this.keepAliveSeconds = keepAliveSeconds;
    this.username = username;
    this.password = password != null ? password.clone() : null;
    this.will = will;
    this.properties = properties;
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

  /** 4 for MQTT 3.1.1, 5 for 5.0. */
  public int protocolLevel() {
    return protocolLevel;
  }

  /** EMPTY under 3.1.1. */
  public Mqtt5Properties properties() {
    return properties;
  }

  public String clientId() {
    return clientId;
  }

  public boolean cleanSession() {
    return cleanSession;
  }

  /** 5.0's name for {@link #cleanSession()}: the same flag bit. */
  public boolean cleanStart() {
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
    return protocolLevel == that.protocolLevel && properties.equals(that.properties)
        && clientId.equals(that.clientId) && cleanSession == that.cleanSession
        && keepAliveSeconds == that.keepAliveSeconds && equal(username, that.username)
        && Arrays.equals(password, that.password) && equal(will, that.will);
  }

  private static boolean equal(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  @Override public int hashCode() {
    int result = clientId.hashCode() * 31 + protocolLevel;
    result = 31 * result + properties.hashCode();
    result = 31 * result + (cleanSession ? 1 : 0);
    result = 31 * result + keepAliveSeconds;
    result = 31 * result + (username != null ? username.hashCode() : 0);
    result = 31 * result + Arrays.hashCode(password);
    return 31 * result + (will != null ? will.hashCode() : 0);
  }

  @Override public String toString() {
    // The 3.1.1 form unchanged: only 5.0 shows its level.
    return "Connect{" + (protocolLevel == PacketType.PROTOCOL_LEVEL_5 ? "level=5, " : "")
        + "clientId=" + clientId + ", cleanSession=" + cleanSession
        + ", keepAliveSeconds=" + keepAliveSeconds + ", username=" + username
        + ", password=" + (password != null ? "<redacted>" : "null") + ", will=" + will
        + (properties.isEmpty() ? "" : ", " + properties) + "}";
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
    private final Mqtt5Properties properties;

    /** @throws IllegalArgumentException if qos is not 0..2 or the payload exceeds 65535 bytes */
    public Will(String topic, byte[] payload, int qos, boolean retain) {
      this(topic, payload, qos, retain, Mqtt5Properties.EMPTY);
    }

    /** With MQTT 5.0 Will Properties (the encoder checks each is allowed in a will). */
    public Will(String topic, byte[] payload, int qos, boolean retain,
        Mqtt5Properties properties) {
      if (properties == null) throw new NullPointerException("properties == null");
      this.properties = properties;
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

    /** EMPTY under 3.1.1. */
    public Mqtt5Properties properties() {
      return properties;
    }

    @Override public boolean equals(Object other) {
      if (!(other instanceof Will)) return false;
      Will that = (Will) other;
      return topic.equals(that.topic) && Arrays.equals(payload, that.payload)
          && qos == that.qos && retain == that.retain && properties.equals(that.properties);
    }

    @Override public int hashCode() {
      int result = topic.hashCode();
      result = 31 * result + Arrays.hashCode(payload);
      result = 31 * result + qos;
      result = 31 * result + properties.hashCode();
      return 31 * result + (retain ? 1 : 0);
    }

    /** Shows the payload's length, never its content. */
    @Override public String toString() {
      return "Will{topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", payload="
          + payload.length + " bytes" + (properties.isEmpty() ? "" : ", " + properties) + "}";
    }
  }
}
