package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.InvalidTopicException;
import dev.wren.mqtt.internal.codec.MalformedStringException;
import dev.wren.mqtt.internal.codec.MqttStrings;
import dev.wren.mqtt.internal.codec.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The MQTT 5 properties an application message carries, shared by {@link Message} and
 * {@link Will}: content type, response topic, correlation data, payload format indicator and user
 * properties (expiry is kept by each, as it also works under 3.1.1). Immutable; every "with" is
 * a copy. {@link #NONE} costs a 3.1.1 message nothing.
 */
final class PublishProperties {
  static final PublishProperties NONE = new PublishProperties(null, null, null, false,
      Collections.<UserProperty>emptyList());

  final String contentType;
  final String responseTopic;
  /** Never handed out: copied in and out. */
  final byte[] correlationData;
  final boolean payloadUtf8;
  final List<UserProperty> userProperties;

  private PublishProperties(String contentType, String responseTopic, byte[] correlationData,
      boolean payloadUtf8, List<UserProperty> userProperties) {
    this.contentType = contentType;
    this.responseTopic = responseTopic;
    this.correlationData = correlationData;
    this.payloadUtf8 = payloadUtf8;
    this.userProperties = userProperties;
  }

  /** Adopts its arguments: for values the codec made for this message alone. */
  static PublishProperties adopt(String contentType, String responseTopic,
      byte[] correlationData, boolean payloadUtf8, List<UserProperty> userProperties) {
    if (contentType == null && responseTopic == null && correlationData == null && !payloadUtf8
        && userProperties.isEmpty()) {
      return NONE;
    }
    return new PublishProperties(contentType, responseTopic, correlationData, payloadUtf8,
        Collections.unmodifiableList(userProperties));
  }

  boolean isEmpty() {
    return this == NONE || (contentType == null && responseTopic == null
        && correlationData == null && !payloadUtf8 && userProperties.isEmpty());
  }

  /** The first property set, for an error that refuses it under 3.1.1; null when none is. */
  String firstSet() {
    if (!userProperties.isEmpty()) return "userProperty(" + userProperties.get(0).name() + ", ...)";
    if (contentType != null) return "contentType(" + contentType + ")";
    if (responseTopic != null) return "responseTopic(" + responseTopic + ")";
    if (correlationData != null) return "correlationData(" + correlationData.length + " bytes)";
    if (payloadUtf8) return "payloadFormatUtf8(true)";
    return null;
  }

  PublishProperties withContentType(String contentType) {
    if (contentType != null) checkString("contentType", contentType);
    return new PublishProperties(contentType, responseTopic, correlationData, payloadUtf8,
        userProperties);
  }

  PublishProperties withResponseTopic(String responseTopic) {
    if (responseTopic != null) {
      try {
        Topics.validateName(responseTopic);
      } catch (InvalidTopicException | MalformedStringException e) {
        throw new IllegalArgumentException("responseTopic: " + e.getMessage(), e);
      }
    }
    return new PublishProperties(contentType, responseTopic, correlationData, payloadUtf8,
        userProperties);
  }

  PublishProperties withCorrelationData(byte[] data) {
    if (data != null && data.length > 65535) {
      throw new IllegalArgumentException("correlationData is " + data.length
          + " bytes; MQTT 5 allows at most 65535");
    }
    return new PublishProperties(contentType, responseTopic, data == null ? null : data.clone(),
        payloadUtf8, userProperties);
  }

  PublishProperties withPayloadUtf8(boolean utf8) {
    return new PublishProperties(contentType, responseTopic, correlationData, utf8,
        userProperties);
  }

  PublishProperties withUserProperty(UserProperty property) {
    if (property == null) throw new NullPointerException("property == null");
    List<UserProperty> list = new ArrayList<>(userProperties.size() + 1);
    list.addAll(userProperties);
    list.add(property);
    return new PublishProperties(contentType, responseTopic, correlationData, payloadUtf8,
        Collections.unmodifiableList(list));
  }

  PublishProperties withoutUserProperties() {
    return new PublishProperties(contentType, responseTopic, correlationData, payloadUtf8,
        Collections.<UserProperty>emptyList());
  }

  /**
   * With the payload format indicator set, the payload must be UTF-8 [MQTT-3.3.2-4 asks the
   * receiver to check it]: the sender checks first, so the broker never has to refuse it.
   */
  void checkPayload(byte[] payload) {
    if (!payloadUtf8) return;
    try {
      MqttStrings.decode(payload, 0, payload.length);
    } catch (MalformedStringException e) {
      throw new IllegalArgumentException("payloadFormatUtf8(true) but the payload of "
          + payload.length + " bytes is not valid UTF-8: " + e.getMessage(), e);
    }
  }

  private static void checkString(String name, String value) {
    try {
      MqttStrings.check(value);
    } catch (MalformedStringException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof PublishProperties)) return false;
    PublishProperties that = (PublishProperties) other;
    return eq(contentType, that.contentType) && eq(responseTopic, that.responseTopic)
        && Arrays.equals(correlationData, that.correlationData) && payloadUtf8 == that.payloadUtf8
        && userProperties.equals(that.userProperties);
  }

  @Override public int hashCode() {
    int h = contentType == null ? 0 : contentType.hashCode();
    h = 31 * h + (responseTopic == null ? 0 : responseTopic.hashCode());
    h = 31 * h + Arrays.hashCode(correlationData);
    h = 31 * h + (payloadUtf8 ? 1 : 0);
    return 31 * h + userProperties.hashCode();
  }

  /** Names what is set; correlation data by its length only. */
  @Override public String toString() {
    if (isEmpty()) return "";
    return (contentType != null ? ", contentType=" + contentType : "")
        + (responseTopic != null ? ", responseTopic=" + responseTopic : "")
        + (correlationData != null ? ", correlationData=" + correlationData.length + " bytes" : "")
        + (payloadUtf8 ? ", payloadFormat=UTF-8" : "")
        + (userProperties.isEmpty() ? "" : ", userProperties=" + userProperties);
  }

  private static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }
}
