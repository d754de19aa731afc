package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.RetainHandling;
import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.UserProperty;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.StringPair;
import dev.wren.mqtt.internal.codec.Subscribe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Between the public API's values and MQTT 5 properties: the CONNECT an options object asks for,
 * the capabilities a CONNACK announces, the properties of a message going out and the message a
 * PUBLISH brings in. Pure functions; under 3.1.1 no property is made.
 */
final class Mqtt5Fields {
  /** The Session Expiry Interval value that means "never expires". */
  static final long NEVER_EXPIRES = 4_294_967_295L;

  private Mqtt5Fields() {}

  /** The CONNECT {@code options} asks for, with {@code clientId} (the assigned one on reconnect). */
  static Connect connect(MqttOptions options, String clientId) {
    Will will = options.will();
    if (options.protocolVersion() == ProtocolVersion.MQTT_3_1_1) {
      Connect.Will connectWill = will == null ? null
          : new Connect.Will(will.topic(), will.payload(), will.qos().value(), will.retain());
      return new Connect(clientId, options.cleanSession(), options.keepAliveSeconds(),
          options.username(), options.password(), connectWill);
    }
    Mqtt5Properties.Builder p = Mqtt5Properties.builder();
    long expiry = options.effectiveSessionExpirySeconds();
    if (expiry > 0) p.put(Property.SESSION_EXPIRY_INTERVAL, expiry);
    if (options.receiveMaximum() != 65535) p.put(Property.RECEIVE_MAXIMUM, options.receiveMaximum());
    if (options.maxInboundPacketSize() < MqttOptions.MQTT_MAX_PACKET_SIZE) {
      p.put(Property.MAXIMUM_PACKET_SIZE, options.maxInboundPacketSize());
    }
    if (!options.requestProblemInformation()) p.put(Property.REQUEST_PROBLEM_INFORMATION, 0);
    if (options.topicAliasMaximum() > 0) {
      p.put(Property.TOPIC_ALIAS_MAXIMUM, options.topicAliasMaximum());
    }
    for (UserProperty u : options.userProperties()) p.addUserProperty(u.name(), u.value());
    Connect.Will connectWill = null;
    if (will != null) {
      Mqtt5Properties.Builder w = Mqtt5Properties.builder();
      if (will.delaySeconds() > 0) w.put(Property.WILL_DELAY_INTERVAL, will.delaySeconds());
      if (will.expirySeconds() >= 0) w.put(Property.MESSAGE_EXPIRY_INTERVAL, will.expirySeconds());
      applicationProperties(w, will.contentType(), will.responseTopic(), will.correlationData(),
          will.payloadFormatUtf8(), will.userProperties());
      connectWill = new Connect.Will(will.topic(), will.payload(), will.qos().value(),
          will.retain(), w.build());
    }
    return new Connect(5, clientId, options.cleanSession(), options.keepAliveSeconds(),
        options.username(), options.password(), connectWill, p.build());
  }

  /** A QoS 0 PUBLISH of {@code message}, with its MQTT 5 properties and expiry under 5.0. */
  static Publish qos0(Message message, MessageAccess messages, ProtocolVersion version) {
    if (version == ProtocolVersion.MQTT_3_1_1) {
      return new Publish(message.topic(), messages.payload(message), 0, message.retain(), false, 0);
    }
    Mqtt5Properties p = messageProperties(message, messages);
    if (message.expiresAfterMillis() > 0) {
      long now = System.currentTimeMillis();
      p = withExpiry(p, now + message.expiresAfterMillis(), now);
    }
    return new Publish(message.topic(), messages.payload(message), 0, message.retain(), false, 0,
        p);
  }

  /**
   * A PUBLISH as large as {@code message}'s will be (packet identifier, properties, an expiry),
   * for checking it against the broker's Maximum Packet Size before it is queued.
   */
  static Publish sizingPublish(Message message, MessageAccess messages) {
    Mqtt5Properties p = messageProperties(message, messages);
    if (message.expiresAfterMillis() > 0) {
      p = p.toBuilder().put(Property.MESSAGE_EXPIRY_INTERVAL, NEVER_EXPIRES - 1).build();
    }
    int qos = message.qos().value();
    return new Publish(message.topic(), messages.payload(message), qos, message.retain(), false,
        qos == 0 ? 0 : 1, p);
  }

  /** The SUBSCRIBE entry of {@code s}: 3.1.1's QoS byte, or 5.0's options byte. */
  static Subscribe.Entry entry(Subscription s) {
    return new Subscribe.Entry(s.filter(), s.qos().value(), s.noLocal(), s.retainAsPublished(),
        s.retainHandling().value());
  }

  /** The first MQTT 5 option of {@code s}, named as its builder method; null when none. */
  static String firstOption(Subscription s) {
    if (s.noLocal()) return "noLocal(true)";
    if (s.retainAsPublished()) return "retainAsPublished(true)";
    if (s.retainHandling() != RetainHandling.SEND_ON_SUBSCRIBE) {
      return "retainHandling(" + s.retainHandling() + ")";
    }
    if (s.subscriptionIdentifier() != 0) {
      return "subscriptionIdentifier(" + s.subscriptionIdentifier() + ")";
    }
    return null;
  }

  /** {@code all} in runs of one subscription identifier each, in order of first appearance. */
  static List<List<Subscription>> byIdentifier(List<Subscription> all) {
    java.util.LinkedHashMap<Integer, List<Subscription>> groups = new java.util.LinkedHashMap<>();
    for (Subscription s : all) {
      List<Subscription> g = groups.get(s.subscriptionIdentifier());
      if (g == null) groups.put(s.subscriptionIdentifier(), g = new ArrayList<>());
      g.add(s);
    }
    return new ArrayList<>(groups.values());
  }

  /** The first MQTT 5 property set on {@code m}, named as its builder method; null when none. */
  static String firstProperty(Message m) {
    if (!m.userProperties().isEmpty()) {
      return "userProperty(" + m.userProperties().get(0).name() + ", ...)";
    }
    if (m.contentType() != null) return "contentType(" + m.contentType() + ")";
    if (m.responseTopic() != null) return "responseTopic(" + m.responseTopic() + ")";
    if (m.correlationData() != null) return "correlationData(...)";
    if (m.payloadFormatUtf8()) return "payloadFormatUtf8(true)";
    return null;
  }

  /** The properties of an application message (expiry excepted: it is counted down per send). */
  static Mqtt5Properties messageProperties(Message m, MessageAccess messages) {
    if (m.userProperties().isEmpty() && m.contentType() == null && m.responseTopic() == null
        && !m.payloadFormatUtf8() && messages.correlationData(m) == null) {
      return Mqtt5Properties.EMPTY;
    }
    Mqtt5Properties.Builder b = Mqtt5Properties.builder();
    applicationProperties(b, m.contentType(), m.responseTopic(), messages.correlationData(m),
        m.payloadFormatUtf8(), m.userProperties());
    return b.build();
  }

  /**
   * {@code properties} with the Message Expiry Interval a message with {@code deadlineMillis} has
   * left at {@code nowMillis}, rounded up so that a message sent in its last second still says it
   * expires (0 would be a lie the other way: the spec forbids nothing, but the broker would keep
   * it for no time at all).
   */
  static Mqtt5Properties withExpiry(Mqtt5Properties properties, long deadlineMillis,
      long nowMillis) {
    long leftMillis = Math.max(0, deadlineMillis - nowMillis);
    long seconds = Math.max(1, (leftMillis + 999) / 1000);
    return properties.toBuilder()
        .put(Property.MESSAGE_EXPIRY_INTERVAL, Math.min(seconds, NEVER_EXPIRES - 1)).build();
  }

  private static void applicationProperties(Mqtt5Properties.Builder b, String contentType,
      String responseTopic, byte[] correlationData, boolean utf8, List<UserProperty> users) {
    if (utf8) b.put(Property.PAYLOAD_FORMAT_INDICATOR, 1);
    if (contentType != null) b.put(Property.CONTENT_TYPE, contentType);
    if (responseTopic != null) b.put(Property.RESPONSE_TOPIC, responseTopic);
    if (correlationData != null) b.put(Property.CORRELATION_DATA, correlationData);
    for (UserProperty u : users) b.addUserProperty(u.name(), u.value());
  }

  /** What a CONNACK announces; every default under 3.1.1. */
  static ServerCapabilities capabilities(ProtocolVersion version, ConnAck connAck) {
    ServerCapabilities.Builder b = ServerCapabilities.builder(version);
    if (version == ProtocolVersion.MQTT_3_1_1) return b.build();
    Mqtt5Properties p = connAck.properties();
    if (p.isEmpty()) return b.build();
    b.receiveMaximum(p.intValue(Property.RECEIVE_MAXIMUM, 65535));
    b.maximumQos(Qos.of(p.intValue(Property.MAXIMUM_QOS, 2)));
    b.retainAvailable(p.intValue(Property.RETAIN_AVAILABLE, 1) == 1);
    long max = p.longValue(Property.MAXIMUM_PACKET_SIZE, -1);
    if (max > 0) b.maximumPacketSize(max);
    b.topicAliasMaximum(p.intValue(Property.TOPIC_ALIAS_MAXIMUM, 0));
    b.wildcardSubscriptionAvailable(p.intValue(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 1) == 1);
    b.subscriptionIdentifiersAvailable(
        p.intValue(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1) == 1);
    b.sharedSubscriptionAvailable(p.intValue(Property.SHARED_SUBSCRIPTION_AVAILABLE, 1) == 1);
    b.serverKeepAliveSeconds(p.intValue(Property.SERVER_KEEP_ALIVE, -1));
    b.sessionExpirySeconds(p.longValue(Property.SESSION_EXPIRY_INTERVAL, -1));
    b.assignedClientId(p.string(Property.ASSIGNED_CLIENT_IDENTIFIER));
    b.serverReference(p.string(Property.SERVER_REFERENCE));
    b.responseInformation(p.string(Property.RESPONSE_INFORMATION));
    b.reasonString(p.string(Property.REASON_STRING));
    for (StringPair u : p.userProperties()) b.addUserProperty(UserProperty.of(u.name(), u.value()));
    return b.build();
  }

  /** The user properties of {@code p} as the public type; the empty list when none. */
  static List<UserProperty> userProperties(Mqtt5Properties p) {
    List<StringPair> pairs = p.userProperties();
    if (pairs.isEmpty()) return Collections.emptyList();
    List<UserProperty> out = new ArrayList<>(pairs.size());
    for (StringPair u : pairs) out.add(UserProperty.of(u.name(), u.value()));
    return out;
  }
}
