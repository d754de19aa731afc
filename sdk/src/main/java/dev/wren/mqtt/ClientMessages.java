package dev.wren.mqtt;

import dev.wren.mqtt.internal.client.MessageAccess;
import java.util.Collections;
import java.util.List;

/** {@link MessageAccess} for the client: no copies beyond the one a message owns. Stateless. */
final class ClientMessages implements MessageAccess {
  @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
      boolean duplicate) {
    return new Message(topic, payload, qos, retain, duplicate, 0);
  }

  @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
      boolean duplicate, long expiryMillis, String contentType, String responseTopic,
      byte[] correlationData, boolean payloadUtf8, List<UserProperty> userProperties,
      List<Integer> subscriptionIds) {
    return new Message(topic, payload, qos, retain, duplicate, expiryMillis,
        PublishProperties.adopt(contentType, responseTopic, correlationData, payloadUtf8,
            userProperties),
        subscriptionIds.isEmpty() ? Collections.<Integer>emptyList()
            : Collections.unmodifiableList(subscriptionIds));
  }

  @Override public byte[] correlationData(Message message) {
    return message.properties().correlationData;
  }

  @Override public byte[] payload(Message message) {
    return message.payloadArray();
  }
}
