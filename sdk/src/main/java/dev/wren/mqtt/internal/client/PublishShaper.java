package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.PacketCodec;
import dev.wren.mqtt.internal.codec.PropertyBlock;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import org.tinylog.Logger;

/**
 * Makes the PUBLISH for a queued message on one connection, and says when the broker announced
 * that it would refuse it. Under 3.1.1 it carries topic, payload and flags only; under 5.0 also
 * the properties stored with the message and the Message Expiry Interval it has left, and the
 * CONNACK's Maximum QoS, Retain Available and Maximum Packet Size are checked before sending.
 * Immutable; one per connection.
 */
final class PublishShaper {
  static final PublishShaper MQTT_3_1_1 = new PublishShaper(null);

  /** The broker's limits, or null under 3.1.1. */
  private final ServerCapabilities server;

  private PublishShaper(ServerCapabilities server) {
    this.server = server;
  }

  /** For an MQTT 5 connection to a broker that announced {@code server}. */
  static PublishShaper mqtt5(ServerCapabilities server) {
    return new PublishShaper(server);
  }

  /**
   * @throws MalformedPacketException when the properties stored with the message are damaged
   */
  Publish publish(QueuedMessage message, boolean dup, int id) throws MalformedPacketException {
    if (server == null) {
      if (message.properties() != null) {
        // Queued by a 5.0 client, sent by a 3.1.1 one: said once per message, never silently.
        Logger.warn("message {} was queued with MQTT 5 properties; this client speaks 3.1.1,"
            + " so they are not sent", message);
      }
      return new Publish(message.topic(), message.payload(), message.qos(), message.retain(), dup,
          id);
    }
    Mqtt5Properties p = message.properties() == null ? Mqtt5Properties.EMPTY
        : PropertyBlock.decode(message.properties());
    if (message.deadline() != QueuedMessage.NO_DEADLINE) {
      p = Mqtt5Fields.withExpiry(p, message.deadline(), System.currentTimeMillis());
    }
    return new Publish(message.topic(), message.payload(), message.qos(), message.retain(), dup,
        id, p);
  }

  /** Why the broker would refuse {@code publish}, or null when it would not. */
  Deliveries.Answered refusal(Publish publish) {
    return refusal(server, publish.qos(), publish.retain(), publish);
  }

  /**
   * Why the broker of {@code server} would refuse a PUBLISH at {@code qos} (and {@code retain},
   * and {@code publish}'s size when given), with the reason code it would answer; null when it
   * would not, or when nothing was announced.
   */
  static Deliveries.Answered refusal(ServerCapabilities server, int qos, boolean retain,
      Publish publish) {
    if (server == null) return null;
    if (qos > server.maximumQos().value()) {
      return Deliveries.Answered.beforeSending(ReasonCode.QOS_NOT_SUPPORTED, "QoS " + qos
          + " is above the Maximum QoS " + server.maximumQos().value() + " the broker announced"
          + " in CONNACK; publish at QoS " + server.maximumQos().value() + " or lower");
    }
    if (retain && !server.retainAvailable()) {
      return Deliveries.Answered.beforeSending(ReasonCode.RETAIN_NOT_SUPPORTED, "the broker"
          + " announced in CONNACK that it keeps no retained messages (Retain Available 0);"
          + " publish with retain false");
    }
    if (publish != null) {
      long size = PacketCodec.MQTT_5_0.encodedSize(publish);
      if (size > server.maximumPacketSize()) {
        return Deliveries.Answered.beforeSending(ReasonCode.PACKET_TOO_LARGE, "the PUBLISH is "
            + size + " bytes, above the Maximum Packet Size " + server.maximumPacketSize()
            + " the broker announced in CONNACK; send a smaller payload");
      }
    }
    return null;
  }
}
