package dev.wren.mqtt;

import dev.wren.mqtt.internal.client.MessageAccess;

/** {@link MessageAccess} for the client: no copies beyond the one a message owns. Stateless. */
final class ClientMessages implements MessageAccess {
  @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
      boolean duplicate) {
    return new Message(topic, payload, qos, retain, duplicate, 0);
  }

  @Override public byte[] payload(Message message) {
    return message.payloadArray();
  }
}
