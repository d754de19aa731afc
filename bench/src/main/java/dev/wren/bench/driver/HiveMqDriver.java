package dev.wren.bench.driver;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.wren.bench.Result;
import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The HiveMQ client's MQTT 3 asynchronous API ({@link Mqtt3AsyncClient}). It keeps unacknowledged
 * messages on the heap only: it has no file persistence, so it takes part in the in-memory
 * workloads only. Its MQTT 3 send window is 65,535, above the harness's.
 */
public final class HiveMqDriver implements Driver {
  private static final long TIMEOUT_SECONDS = 30;

  @Override public String library() {
    return Result.HIVEMQ;
  }

  @Override public boolean supports(Persistence persistence) {
    return persistence == Persistence.MEMORY;
  }

  @Override public BenchClient connect(String host, int port, String clientId,
      Persistence persistence, File dir) throws Exception {
    if (!supports(persistence)) {
      throw new IllegalArgumentException("the HiveMQ client has no persistence: " + persistence);
    }
    Mqtt3AsyncClient client = Mqtt3Client.builder()
        .identifier(clientId)
        .serverHost(host)
        .serverPort(port)
        .buildAsync();
    client.connectWith().cleanSession(true).keepAlive(60).send()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return new Client(client);
  }

  private static final class Client implements BenchClient {
    private final Mqtt3AsyncClient client;

    Client(Mqtt3AsyncClient client) {
      this.client = client;
    }

    @Override public void subscribe(String topic, int qos, Receiver receiver) throws Exception {
      Mqtt3SubAckReturnCode code = client.subscribeWith()
          .topicFilter(topic)
          .qos(MqttQos.fromCode(qos))
          .callback(publish -> {
            byte[] payload = publish.getPayloadAsBytes();
            receiver.onMessage(payload, 0, payload.length);
          })
          .send()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .getReturnCodes().get(0);
      if (code.getCode() != qos) throw new IllegalStateException("broker answered " + code + " for QoS " + qos);
    }

    @Override public void publish(String topic, byte[] payload, int qos, Done done) {
      client.publishWith()
          .topic(topic)
          .qos(MqttQos.fromCode(qos))
          .payload(payload)
          .send()
          .whenComplete((publish, failure) -> done.done(failure));
    }

    @Override public void close() throws Exception {
      client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
