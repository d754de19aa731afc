package dev.wren.bench.footprint;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.net.URI;

/**
 * The HiveMQ MQTT client (MQTT 3, blocking API) as the footprint children use it. Names only the
 * JDK and HiveMQ's jars. Stateless.
 */
final class HiveMqClients {
  private HiveMqClients() {}

  static Mqtt3BlockingClient connect(String uri, String clientId, int keepAliveSeconds) {
    URI u = URI.create(uri);
    Mqtt3BlockingClient client = Mqtt3Client.builder().identifier(clientId)
        .serverHost(u.getHost()).serverPort(u.getPort()).buildBlocking();
    client.connectWith().keepAlive(keepAliveSeconds).cleanSession(true).send();
    return client;
  }

  /** Connects, publishes one QoS 1 message; the blocking publish returns on PUBACK. */
  static void publishOneQos1(String uri, String clientId, byte[] payload) {
    Mqtt3BlockingClient client = connect(uri, clientId, 60);
    client.publishWith().topic("wren/bench/cold").qos(MqttQos.AT_LEAST_ONCE).payload(payload)
        .send();
  }
}
