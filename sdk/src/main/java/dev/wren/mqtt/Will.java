package dev.wren.mqtt;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The Last Will: a message the broker publishes for this client when the connection ends without
 * a DISCONNECT (a crash, a dropped link, a missed keep-alive). Immutable.
 */
public final class Will {
  private final String topic;
  private final byte[] payload;
  private final Qos qos;
  private final boolean retain;

  private Will(Builder builder) {
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
    return builder;
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
        && qos == that.qos && retain == that.retain;
  }

  @Override public int hashCode() {
    return topic.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override public String toString() {
    return "Will{topic=" + topic + ", qos=" + qos.value() + ", retain=" + retain
        + ", payload=" + payload.length + " bytes}";
  }

  /** Builds {@link Will}s. The topic is checked against the MQTT topic-name rules by the options. */
  public static final class Builder {
    private String topic;
    private byte[] payload = new byte[0];
    private Qos qos = Qos.AT_MOST_ONCE;
    private boolean retain;

    private Builder() {
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
      return new Will(this);
    }
  }
}
