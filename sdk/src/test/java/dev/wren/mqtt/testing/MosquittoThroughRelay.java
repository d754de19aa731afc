package dev.wren.mqtt.testing;

import dev.wren.mqtt.MqttClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the test classes whose clients reach a real Mosquitto (shipped limits) through a
 * {@link TcpForwarder}, the relay that cuts, stalls or black-holes the link on cue. A fresh broker
 * and relay per test; the clients registered with {@link #track} are closed after it.
 */
public abstract class MosquittoThroughRelay {
  protected Mosquitto broker;
  protected TcpForwarder relay;
  protected final RecordingListener events = new RecordingListener();
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeEach protected void startBrokerAndRelay() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.start();
    relay = TcpForwarder.to(broker.port());
  }

  @AfterEach protected void stopAll() throws Exception {
    try {
      for (MqttClient c : clients) c.close();
    } finally {
      relay.close();
      broker.close();
    }
  }

  /** Closes {@code client} after the test. */
  protected MqttClient track(MqttClient client) {
    clients.add(client);
    return client;
  }
}
