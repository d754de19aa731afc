package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.UserProperty;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  /**
   * An inbound MQTT 5 message that adopts {@code payload}, {@code correlationData} and
   * {@code userProperties}, made by the decoder for it alone.
   *
   * @param expiryMillis the Message Expiry Interval in milliseconds, 0 when absent
   */
  Message inbound(String topic, byte[] payload, Qos qos, boolean retain, boolean duplicate,
      long expiryMillis, String contentType, String responseTopic, byte[] correlationData,
      boolean payloadUtf8, List<UserProperty> userProperties, List<Integer> subscriptionIds);

  /** The correlation data of {@code message} itself, or null: to read, never to write. */
  byte[] correlationData(Message message);

  /** The payload array of {@code message} itself: to read, never to write or hand out. */
  byte[] payload(Message message);

  /** Through the public API, copying: for clients made without the public package (tests). */
  MessageAccess COPYING = new MessageAccess() {
    @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
        boolean duplicate) {
      return Message.builder().topic(topic).payload(payload).qos(qos).retain(retain)
          .duplicate(duplicate).build();
    }

    @Override public Message inbound(String topic, byte[] payload, Qos qos, boolean retain,
        boolean duplicate, long expiryMillis, String contentType, String responseTopic,
        byte[] correlationData, boolean payloadUtf8, List<UserProperty> userProperties,
        List<Integer> subscriptionIds) {
      Message.Builder b = Message.builder().topic(topic).payload(payload).qos(qos).retain(retain)
          .duplicate(duplicate).contentType(contentType).responseTopic(responseTopic)
          .correlationData(correlationData).payloadFormatUtf8(payloadUtf8);
      if (expiryMillis > 0) b.expiresAfter(expiryMillis, TimeUnit.MILLISECONDS);
      for (UserProperty p : userProperties) b.userProperty(p.name(), p.value());
      // Subscription identifiers have no builder method: only the client sets them.
      return b.build();
    }

    @Override public byte[] correlationData(Message message) {
      return message.correlationData();
    }

    @Override public byte[] payload(Message message) {
      return message.payload();
    }
  };
}
