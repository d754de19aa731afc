package dev.wren.mqtt;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Last Will: a message the broker publishes for this client when the connection ends without
 * a DISCONNECT (a crash, a dropped link, a missed keep-alive). Under MQTT 5 it may also wait a
 * while (Will Delay Interval), expire, and carry the properties a {@link Message} carries; a 3.1.1
 * client refuses those in {@link MqttOptions.Builder#build()}. Immutable.
 */
public final class Will {
  private final String topic;
  private final byte[] payload;
  private final Qos qos;
  private final boolean retain;
  private final long delaySeconds;
  private final long expirySeconds;
  private final PublishProperties properties;

  private Will(Builder builder) {
    this.delaySeconds = builder.delaySeconds;
    this.expirySeconds = builder.expirySeconds;
    this.properties = builder.properties;
    this.topic = builder.topic;
    this.payload = builder.payload;
    this.qos = builder.qos;
    this.retain = builder.retain;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.topic = topic;
    builder.payload = payload;
    builder.qos = qos;
    builder.retain = retain;
    builder.delaySeconds = delaySeconds;
    builder.expirySeconds = expirySeconds;
    builder.properties = properties;
    return builder;
  }

  /** MQTT 5 Will Delay Interval in seconds, or 0: how long the broker waits before publishing. */
  public long delaySeconds() {
    return delaySeconds;
  }

  /** MQTT 5 Message Expiry Interval of the will message in seconds, or -1 when it never expires. */
  public long expirySeconds() {
    return expirySeconds;
  }

  /** MQTT 5 user properties of the will message, in order. */
  public List<UserProperty> userProperties() {
    return properties.userProperties;
  }

  /** MQTT 5 Content Type of the will message, or null. */
  public String contentType() {
    return properties.contentType;
  }

  /** MQTT 5 Response Topic of the will message, or null. */
  public String responseTopic() {
    return properties.responseTopic;
  }

  /** MQTT 5 Correlation Data of the will message (a copy), or null. */
  public byte[] correlationData() {
    return properties.correlationData == null ? null : properties.correlationData.clone();
  }

  /** Whether the will payload is marked UTF-8 (MQTT 5 Payload Format Indicator). */
  public boolean payloadFormatUtf8() {
    return properties.payloadUtf8;
  }

  /** Refuses, naming it, an MQTT 5 setting on a will for a client of {@code version}. */
  void checkVersion(ProtocolVersion version) {
    if (version != ProtocolVersion.MQTT_3_1_1) return;
    String set = delaySeconds > 0 ? "delay(" + delaySeconds + " s)"
        : expirySeconds >= 0 ? "expiry(" + expirySeconds + " s)" : properties.firstSet();
    if (set != null) {
      throw new IllegalStateException("Will." + set + " is an MQTT 5 setting, but the client"
          + " speaks MQTT 3.1.1: set protocolVersion(ProtocolVersion.MQTT_5_0), or remove it");
    }
  }

  public String topic() {
    return topic;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  public Qos qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Will)) return false;
    Will that = (Will) other;
    return topic.equals(that.topic) && Arrays.equals(payload, that.payload)
        && qos == that.qos && retain == that.retain && delaySeconds == that.delaySeconds
        && expirySeconds == that.expirySeconds && properties.equals(that.properties);
  }

  @Override public int hashCode() {
    return topic.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override public String toString() {
    return "Will{topic=" + topic + ", qos=" + qos.value() + ", retain=" + retain
        + (delaySeconds > 0 ? ", delay=" + delaySeconds + "s" : "")
        + (expirySeconds >= 0 ? ", expiry=" + expirySeconds + "s" : "") + properties
        + ", payload=" + payload.length + " bytes}";
  }

  /** Builds {@link Will}s. The topic is checked against the MQTT topic-name rules by the options. */
  public static final class Builder {
    private String topic;
    private byte[] payload = new byte[0];
    private Qos qos = Qos.AT_MOST_ONCE;
    private boolean retain;
    private long delaySeconds;
    private long expirySeconds = -1;
    private PublishProperties properties = PublishProperties.NONE;

    private Builder() {
    }

    /** MQTT 5: the broker publishes the will this long after the connection ends (0: at once). */
    public Builder delay(long duration, TimeUnit unit) {
      this.delaySeconds = seconds("delay", duration, unit);
      return this;
    }

    /** MQTT 5: the will message's Message Expiry Interval. */
    public Builder expiry(long duration, TimeUnit unit) {
      this.expirySeconds = seconds("expiry", duration, unit);
      return this;
    }

    /** MQTT 5: adds a user property to the will message. */
    public Builder userProperty(String name, String value) {
      this.properties = properties.withUserProperty(UserProperty.of(name, value));
      return this;
    }

    /** MQTT 5: the will message's Content Type, or null. */
    public Builder contentType(String contentType) {
      this.properties = properties.withContentType(contentType);
      return this;
    }

    /** MQTT 5: the will message's Response Topic, or null. */
    public Builder responseTopic(String topic) {
      this.properties = properties.withResponseTopic(topic);
      return this;
    }

    /** MQTT 5: the will message's Correlation Data (copied), or null. */
    public Builder correlationData(byte[] data) {
      this.properties = properties.withCorrelationData(data);
      return this;
    }

    /** MQTT 5: marks the will payload as UTF-8 text; {@link #build()} checks that it is. */
    public Builder payloadFormatUtf8(boolean utf8) {
      this.properties = properties.withPayloadUtf8(utf8);
      return this;
    }

    private static long seconds(String what, long duration, TimeUnit unit) {
      if (unit == null) throw new NullPointerException("unit == null");
      long s = unit.toSeconds(duration);
      if (duration < 0 || s > 4_294_967_295L) {
        throw new IllegalArgumentException("will " + what + " must be 0..4294967295 seconds: "
            + duration + " " + unit);
      }
      return s;
    }

    public Builder topic(String topic) {
      if (topic == null) throw new NullPointerException("topic == null");
      this.topic = topic;
      return this;
    }

    public Builder payload(byte[] payload) {
      if (payload == null) throw new NullPointerException("payload == null");
      if (payload.length > 65535) {
        throw new IllegalArgumentException(
            "will payload is " + payload.length + " bytes; MQTT allows at most 65535");
      }
      this.payload = payload.clone();
      return this;
    }

    public Builder payload(String payload) {
      if (payload == null) throw new NullPointerException("payload == null");
      return payload(payload.getBytes(Charset.forName("UTF-8")));
    }

    public Builder qos(Qos qos) {
      if (qos == null) throw new NullPointerException("qos == null");
      this.qos = qos;
      return this;
    }

    public Builder retain(boolean retain) {
      this.retain = retain;
      return this;
    }

    public Will build() {
      if (topic == null) throw new IllegalStateException("will topic not set");
      properties.checkPayload(payload);
      return new Will(this);
    }
  }
}
