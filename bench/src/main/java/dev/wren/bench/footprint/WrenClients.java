package dev.wren.bench.footprint;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Wren as the footprint children use it. Names only the JDK and Wren, so a child whose class path
 * holds Wren's jars alone can load it. Stateless.
 */
final class WrenClients {
  private WrenClients() {}

  /** A client connected with the given keep-alive, left connected. */
  static MqttClient connect(String uri, String clientId, int keepAliveSeconds) throws Exception {
    return connect(uri, clientId, keepAliveSeconds, null);
  }

  /** The same with its I/O thread from {@code threads} (null: Wren's default daemon thread). */
  static MqttClient connect(String uri, String clientId, int keepAliveSeconds, ThreadFactory threads)
      throws Exception {
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(uri).clientId(clientId)
        .keepAliveSeconds(keepAliveSeconds).threadFactory(threads).build());
    client.connect();
    return client;
  }

  /** Connects, publishes one QoS 1 message and returns once the broker acknowledged it. */
  static void publishOneQos1(String uri, String clientId, byte[] payload) throws Exception {
    MqttClient client = connect(uri, clientId, 60);
    client.publish("wren/bench/cold", payload, Qos.AT_LEAST_ONCE, false)
        .await(30, TimeUnit.SECONDS);
  }
}
