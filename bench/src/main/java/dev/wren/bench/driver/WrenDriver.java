package dev.wren.bench.driver;

import dev.wren.bench.Result;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;

/**
 * Wren's {@link MqttClient}: its default memory queue, or a file queue synced per message
 * ({@link SyncPolicy#ALWAYS}) or by a 10 ms group commit ({@link SyncPolicy#BATCH}).
 */
public final class WrenDriver implements Driver {
  @Override public String library() {
    return Result.WREN;
  }

  @Override public boolean supports(Persistence persistence) {
    return true;
  }

  @Override public BenchClient connect(String host, int port, String clientId,
      Persistence persistence, File dir) throws Exception {
    MqttOptions.Builder options = MqttOptions.builder()
        .serverUri("tcp://" + host + ":" + port)
        .clientId(clientId)
        .cleanSession(true)
        .keepAliveSeconds(60)
        .maxInflight(WINDOW);
    switch (persistence) {
      case MEMORY:
        break;
      case FILE_ALWAYS:
        options.queue(QueueOptions.files(dir).sync(SyncPolicy.ALWAYS).build());
        break;
      case FILE_BATCH:
        options.queue(QueueOptions.files(dir).sync(SyncPolicy.BATCH).build());
        break;
      default:
        throw new IllegalArgumentException("unknown persistence: " + persistence);
    }
    MqttClient client = new MqttClient(options.build());
    try {
      client.connect();
    } catch (Exception e) {
      client.close();
      throw e;
    }
    return new Client(client);
  }

  private static final class Client implements BenchClient {
    private final MqttClient client;

    Client(MqttClient client) {
      this.client = client;
    }

    @Override public void subscribe(String topic, int qos, Receiver receiver) throws Exception {
      client.subscribe(topic, Qos.of(qos), message -> {
        byte[] payload = message.payload();
        receiver.onMessage(payload, 0, payload.length);
      });
    }

    @Override public void publish(String topic, byte[] payload, int qos, Done done)
        throws Exception {
      client.publish(topic, payload, Qos.of(qos), false)
          .whenDone((delivery, failure) -> done.done(failure));
    }

    @Override public void close() throws Exception {
      try {
        client.disconnect();
      } finally {
        client.close();
      }
    }
  }
}
