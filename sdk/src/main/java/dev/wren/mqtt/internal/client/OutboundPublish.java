package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.internal.codec.Publish;

/**
 * A QoS 1 or 2 message on its way: the user's message, its delivery, and the wire state the
 * session adds (packet identifier, which acknowledgement it waits for). Guarded by the
 * {@link OutboundWindow}'s lock.
 */
final class OutboundPublish {
  enum Stage { AWAITING_PUBACK, AWAITING_PUBREC, AWAITING_PUBCOMP }

  final Message message;
  final DeliveryImpl delivery;
  int packetId;
  Stage stage;

  OutboundPublish(Message message, DeliveryImpl delivery) {
    this.message = message;
    this.delivery = delivery;
  }

  void assign(int packetId) {
    this.packetId = packetId;
    this.stage = message.qos().value() == 1 ? Stage.AWAITING_PUBACK : Stage.AWAITING_PUBREC;
  }

  Publish packet() {
    return new Publish(message.topic(), message.payload(), message.qos().value(),
        message.retain(), false, packetId);
  }
}
