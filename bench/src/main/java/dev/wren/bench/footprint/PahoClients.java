package dev.wren.bench.footprint;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Paho (the blocking {@code MqttClient} over {@code MemoryPersistence}) as the footprint
 * children use it. Names only the JDK and Paho. Stateless.
 */
final class PahoClients {
  private PahoClients() {}

  static MqttClient connect(String uri, String clientId, int keepAliveSeconds) throws Exception {
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setKeepAliveInterval(keepAliveSeconds);
    options.setCleanSession(true);
    client.connect(options);
    return client;
  }

  /** Connects, publishes one QoS 1 message; the blocking publish returns on PUBACK. */
  static void publishOneQos1(String uri, String clientId, byte[] payload) throws Exception {
    MqttClient client = connect(uri, clientId, 60);
    client.publish("wren/bench/cold", payload, 1, false);
  }
}
