package dev.wren.mqtt;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application message: topic, payload, QoS and retain flag, and under MQTT 5 its properties
 * (user properties, content type, response topic, correlation data, payload format; expiry
 * travels on the wire too). Publishing a message with MQTT 5 properties from a 3.1.1 client fails
 * at {@code publish}, naming the property. Immutable and thread-safe; the
 * payload is copied in and out. {@link #toString()} leaves the payload's content out (payloads
 * are logged only at TRACE).
 */
public final class Message {
  private static final Charset UTF_8 = Charset.forName("UTF-8");
  /** The payload of a message built without one; a zero-length array cannot be changed. */
  private static final byte[] EMPTY = new byte[0];

  private final String topic;
  private final byte[] payload;
  private final Qos qos;
  private final boolean retain;
  private final boolean duplicate;
  private final long expiresAfterMillis;
  private final PublishProperties properties;
  private final List<Integer> subscriptionIdentifiers;

  private Message(Builder builder) {
    this(builder.topic, builder.payload, builder.qos, builder.retain, builder.duplicate,
        builder.expiresAfterMillis, builder.properties, Collections.<Integer>emptyList());
  }

  Message(String topic, byte[] payload, Qos qos, boolean retain, boolean duplicate,
      long expiresAfterMillis) {
    this(topic, payload, qos, retain, duplicate, expiresAfterMillis, PublishProperties.NONE,
        Collections.<Integer>emptyList());
  }

  /**
   * Adopts {@code payload}: only for an array nobody else holds (a copy made for this message, or
   * one the decoder made for it), which is what keeps the message immutable without a second copy.
   */
  Message(String topic, byte[] payload, Qos qos, boolean retain, boolean duplicate,
      long expiresAfterMillis, PublishProperties properties, List<Integer> subscriptionIdentifiers) {
    this.properties = properties;
    this.subscriptionIdentifiers = subscriptionIdentifiers;
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.duplicate = duplicate;
    this.expiresAfterMillis = expiresAfterMillis;
  }

  /** The payload itself, for the client to read (never to write or hand out). */
  byte[] payloadArray() {
    return payload;
  }

  /** A builder with QoS 0, no retain and an empty payload; the topic must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Shorthand for a message with a UTF-8 payload. */
  public static Message of(String topic, String payload, Qos qos, boolean retain) {
    return builder().topic(topic).payload(payload).qos(qos).retain(retain).build();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.topic = topic;
    builder.payload = payload;
    builder.qos = qos;
    builder.retain = retain;
    builder.duplicate = duplicate;
    builder.expiresAfterMillis = expiresAfterMillis;
    builder.properties = properties;
    return builder;
  }

  public String topic() {
    return topic;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadSize() {
    return payload.length;
  }

  /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String payloadAsString() {
    return new String(payload, UTF_8);
  }

  public Qos qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  /**
   * True on an inbound message the broker flagged as a possible re-delivery (DUP). Always false on
   * messages built by the application.
   */
  public boolean duplicate() {
    return duplicate;
  }

  /**
   * The lifetime set with {@link Builder#expiresAfter}, in milliseconds; 0 when the message does
   * not expire. On an inbound MQTT 5 message, the Message Expiry Interval the broker sent (the
   * time it had left) in milliseconds.
   */
  public long expiresAfterMillis() {
    return expiresAfterMillis;
  }

  /** MQTT 5 user properties, in order; empty when none (always under 3.1.1). */
  public List<UserProperty> userProperties() {
    return properties.userProperties;
  }

  /** MQTT 5 Content Type (a MIME type by convention), or null. */
  public String contentType() {
    return properties.contentType;
  }

  /** MQTT 5 Response Topic: where a responder should publish its answer, or null. */
  public String responseTopic() {
    return properties.responseTopic;
  }

  /** MQTT 5 Correlation Data, copied, or null: matches a response to its request. */
  public byte[] correlationData() {
    return properties.correlationData == null ? null : properties.correlationData.clone();
  }

  /** Whether the MQTT 5 Payload Format Indicator says the payload is UTF-8 text. */
  public boolean payloadFormatUtf8() {
    return properties.payloadUtf8;
  }

  /**
   * On an inbound MQTT 5 message, the Subscription Identifiers of the subscriptions it matched;
   * empty otherwise.
   */
  public List<Integer> subscriptionIdentifiers() {
    return subscriptionIdentifiers;
  }

  /** The MQTT 5 properties, for the client. */
  PublishProperties properties() {
    return properties;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Message)) return false;
    Message that = (Message) other;
    return topic.equals(that.topic)
        && Arrays.equals(payload, that.payload)
        && qos == that.qos
        && retain == that.retain
        && duplicate == that.duplicate
        && expiresAfterMillis == that.expiresAfterMillis
        && properties.equals(that.properties)
        && subscriptionIdentifiers.equals(that.subscriptionIdentifiers);
  }

  @Override public int hashCode() {
    return (topic.hashCode() * 31 + Arrays.hashCode(payload)) * 31 + qos.hashCode() * 2
        + (retain ? 1 : 0);
  }

  @Override public String toString() {
    return "Message{topic=" + topic + ", qos=" + qos.value() + ", retain=" + retain
        + (duplicate ? ", dup" : "")
        + (expiresAfterMillis > 0 ? ", expiresAfter=" + expiresAfterMillis + "ms" : "")
        + properties
        + (subscriptionIdentifiers.isEmpty() ? "" : ", subscriptionIds=" + subscriptionIdentifiers)
        + ", payload=" + payload.length + " bytes}";
  }

  /** Builds {@link Message}s; arguments are checked as they are set. */
  public static final class Builder {
    private String topic;
    private byte[] payload = EMPTY;
    private Qos qos = Qos.AT_MOST_ONCE;
    private boolean retain;
    private boolean duplicate;
    private long expiresAfterMillis;
    private PublishProperties properties = PublishProperties.NONE;

    private Builder() {
    }

    /**
     * The topic name. It is checked against the MQTT rules (not empty, no wildcards, valid UTF-8
     * of at most 65535 bytes) when the message is published.
     */
    public Builder topic(String topic) {
      if (topic == null) throw new NullPointerException("topic == null");
      this.topic = topic;
      return this;
    }

    /** The payload; copied. */
    public Builder payload(byte[] payload) {
      if (payload == null) throw new NullPointerException("payload == null");
      this.payload = payload.clone();
      return this;
    }

    /** The payload as UTF-8 bytes. */
    public Builder payload(String payload) {
      if (payload == null) throw new NullPointerException("payload == null");
      this.payload = payload.getBytes(UTF_8);
      return this;
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

    /** Marks an inbound message as a re-delivery; the client sets this, applications need not. */
    public Builder duplicate(boolean duplicate) {
      this.duplicate = duplicate;
      return this;
    }

    /**
     * How long a QoS 1/2 message may wait in the outbound queue before it is first sent. The
     * deadline (the wall clock at {@code publish} plus this) is stored with the message, also in
     * a file queue, so it holds across restarts. A message still queued at its deadline is removed
     * unsent, its {@link Delivery} fails with {@link MessageExpiredException}, and
     * {@link ClientListener#messageDropped} and {@link ClientStatistics#expired()} say so. Once
     * sent it is kept until acknowledged, as MQTT 3.1.1 requires. QoS 0 messages are not queued
     * and ignore it. Sub-millisecond lifetimes round up to 1 ms.
     *
     * @throws IllegalArgumentException if {@code lifetime} is not positive
     */
    public Builder expiresAfter(long lifetime, TimeUnit unit) {
      if (unit == null) throw new NullPointerException("unit == null");
      if (lifetime <= 0) {
        throw new IllegalArgumentException("expiresAfter(" + lifetime + ", " + unit + "): the"
            + " lifetime must be positive; leave it unset for a message that does not expire");
      }
      long millis = unit.toMillis(lifetime);
      this.expiresAfterMillis = millis == 0 ? 1 : millis;
      return this;
    }

    /** The message does not expire (the default). */
    public Builder noExpiry() {
      this.expiresAfterMillis = 0;
      return this;
    }

    /** MQTT 5: adds a user property (names may repeat; order is kept). */
    public Builder userProperty(String name, String value) {
      this.properties = properties.withUserProperty(UserProperty.of(name, value));
      return this;
    }

    /** MQTT 5: removes every user property set so far. */
    public Builder clearUserProperties() {
      this.properties = properties.withoutUserProperties();
      return this;
    }

    /** MQTT 5: the Content Type, or null for none. */
    public Builder contentType(String contentType) {
      this.properties = properties.withContentType(contentType);
      return this;
    }

    /** MQTT 5: the Response Topic (a topic name, no wildcards), or null for none. */
    public Builder responseTopic(String topic) {
      this.properties = properties.withResponseTopic(topic);
      return this;
    }

    /** MQTT 5: the Correlation Data (at most 65535 bytes, copied), or null for none. */
    public Builder correlationData(byte[] data) {
      this.properties = properties.withCorrelationData(data);
      return this;
    }

    /**
     * MQTT 5: marks the payload as UTF-8 text (Payload Format Indicator 1). {@link #build()} then
     * checks that it is.
     */
    public Builder payloadFormatUtf8(boolean utf8) {
      this.properties = properties.withPayloadUtf8(utf8);
      return this;
    }

    /** @throws IllegalArgumentException if the payload is marked UTF-8 and is not */
    public Message build() {
      if (topic == null) throw new IllegalStateException("topic not set");
      properties.checkPayload(payload);
      return new Message(this);
    }
  }
}
