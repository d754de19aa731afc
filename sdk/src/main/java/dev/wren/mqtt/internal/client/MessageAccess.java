package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;

/**
 * What the client needs of {@link Message} beyond its public API, so that a payload is copied
 * once per message instead of at every layer: the public package hands an implementation to
 * {@link ClientCore}. Implementations are stateless and thread-safe.
 */
public interface MessageAccess {
  /** An inbound message that adopts {@code payload}, an array nobody else holds or writes. */
  Message inbound(String topic, byte[] payload, Qos qos, boolean retain, boolean duplicate);

  /** The payload array of {@code message} itself: to read, never to write or hand out. */
  byte[] payload(Message message);

  /** Through the public API, copying: for clients made without the public package (tests). */
  MessageAccess COPYING = new MessageAccess() {
    @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
        boolean duplicate) {
      return Message.builder().topic(topic).payload(payload).qos(qos).retain(retain)
          .duplicate(duplicate).build();
    }

    @Override public byte[] payload(Message message) {
      return message.payload();
    }
  };
}
