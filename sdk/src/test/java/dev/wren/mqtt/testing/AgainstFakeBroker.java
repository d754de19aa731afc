package dev.wren.mqtt.testing;

import static dev.wren.mqtt.testing.Wire.CONNECT;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.FakeBroker.Script;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the test classes that drive one client against a {@link FakeBroker}: a fresh fake per
 * test, the client and the fake closed after it (the fake's close rethrows a failed script
 * expectation, so a broken script fails the test that wrote it).
 */
public abstract class AgainstFakeBroker {
  protected FakeBroker fake;
  protected MqttClient client;
  protected final RecordingListener events = new RecordingListener();

  @BeforeEach protected void startFake() throws Exception {
    fake = FakeBroker.start();
  }

  @AfterEach protected void closeClientAndFake() throws Exception {
    try {
      if (client != null) client.close();
    } finally {
      fake.close();
    }
  }

  /**
   * What every client of the class starts from: the fake's address, 3 s timeouts, the recording
   * listener, and no reconnect (one connection per test unless the class says otherwise).
   */
  protected MqttOptions.Builder defaults() {
    return MqttOptions.builder()
        .serverUri(fake.uri())
        .clientId(getClass().getSimpleName())
        .connectTimeout(3, TimeUnit.SECONDS)
        .operationTimeout(3, TimeUnit.SECONDS)
        .reconnect(ReconnectOptions.disabled())
        .listener(events);
  }

  /** The test's client: {@link #defaults()} changed by {@code options}; closed after the test. */
  protected MqttClient client(UnaryOperator<MqttOptions.Builder> options) {
    client = new MqttClient(options.apply(defaults()).build());
    return client;
  }

  protected MqttClient client() {
    return client(b -> b);
  }

  /** A script that accepts the CONNECT with a clean session. */
  protected static Script connected() {
    return new Script().expect(CONNECT).sendConnAck(false, 0);
  }
}
