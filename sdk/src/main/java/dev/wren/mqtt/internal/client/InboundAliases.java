package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.ReasonCode;

/**
 * MQTT 5 topic aliases the broker set on the current connection: a PUBLISH with a topic and an
 * alias sets it, one with an empty topic uses it. An alias above the maximum this client
 * announced, or one used before it was set, is a protocol error (DISCONNECT 0x94). The table is
 * made on the first alias and dropped with the connection. Used by the I/O thread only.
 */
final class InboundAliases {
  private final int maximum;
  private String[] topics;

  /** @param maximum the Topic Alias Maximum this client announced in CONNECT (0: none) */
  InboundAliases(int maximum) {
    this.maximum = maximum;
  }

  /** A new network connection: aliases never carry over [MQTT-3.3.2-7]. */
  void reset() {
    topics = null;
  }

  /** {@code publish} with its topic filled in, and the alias it set recorded. */
  Publish resolve(Publish publish, String peer) throws MqttProtocolException {
    int alias = publish.properties().intValue(Property.TOPIC_ALIAS, 0);
    if (alias == 0) return publish;
    if (alias > maximum) {
      throw new MqttProtocolException("broker at " + peer + " sent topic alias " + alias
          + ", above the Topic Alias Maximum of " + maximum + " this client announced", null,
          ReasonCode.TOPIC_ALIAS_INVALID);
    }
    if (!publish.topic().isEmpty()) {
      if (topics == null) topics = new String[maximum + 1];
      topics[alias] = publish.topic();
      return publish;
    }
    String topic = topics == null ? null : topics[alias];
    if (topic == null) {
      throw new MqttProtocolException("broker at " + peer + " used topic alias " + alias
          + " with an empty topic before setting it on this connection", null,
          ReasonCode.TOPIC_ALIAS_INVALID);
    }
    return new Publish(topic, publish.payload(), publish.qos(), publish.retain(), publish.dup(),
        publish.packetId(), publish.properties());
  }
}
