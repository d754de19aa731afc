package dev.wren.mqtt.it;

import dev.wren.mqtt.ProtocolVersion;

/**
 * {@link ChaosMosquittoTest} with the publisher and mosquitto_sub speaking MQTT 5.0: broker
 * restarts, kill -9 of the broker and cut links lose nothing, and QoS 2 duplicates nothing, on
 * 5.0 too (a persistent session there is Clean Start 0 with a Session Expiry that never ends).
 */
class Chaos5MosquittoTest extends ChaosMosquittoTest {
  @Override ProtocolVersion version() {
    return ProtocolVersion.MQTT_5_0;
  }
}
