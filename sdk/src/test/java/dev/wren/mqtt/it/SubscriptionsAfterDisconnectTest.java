package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code disconnect()} does to subscriptions: a clean session ends with it, on the broker and
 * in the client, so the next {@code connect()} subscribes to nothing; a persistent session keeps
 * them on both sides. (Reconnects the client makes by itself subscribe again when the broker kept
 * no session: ClientReconnectTest.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubscriptionsAfterDisconnectTest {
  private Mosquitto broker;

  @BeforeEach void start() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.start();
  }

  @AfterEach void stop() throws Exception {
    if (broker != null) broker.close();
  }

  @Test void aCleanSessionEndsWithDisconnectAndTheNextConnectSubscribesToNothing() throws Exception {
    try (MqttClient publisher = client("clean-pub", true)) {
      publisher.connect();
      publisher.publish(Message.of("retained/a", "old", Qos.AT_LEAST_ONCE, true)).await(5, TimeUnit.SECONDS);
      Inbox inbox = new Inbox("clean-sub");
      try (MqttClient client = client("clean-sub", true)) {
        client.connect();
        client.subscribe("retained/#", Qos.AT_LEAST_ONCE, inbox);
        assertEquals("old", inbox.take(5_000).payloadAsString());
        client.disconnect();
        client.connect();
        // The conformance scenario: clear the retained message; a client that subscribed again
        // on its own would receive its own clear and any retained set again.
        client.publish(Message.of("retained/a", "", Qos.AT_LEAST_ONCE, true))
            .await(5, TimeUnit.SECONDS);
        inbox.assertNothingFor(500);
      }
      assertEquals(1, count(broker.log(), "Received SUBSCRIBE from clean-sub"),
          "SUBSCRIBE after the second CONNECT:\n" + broker.log());
    }
  }

  @Test void aPersistentSessionKeepsItsSubscriptionsAcrossDisconnect() throws Exception {
    Inbox inbox = new Inbox("kept-sub");
    try (MqttClient client = client("kept-sub", false);
        MqttClient publisher = client("kept-pub", true)) {
      client.connect();
      client.subscribe("kept/#", Qos.AT_LEAST_ONCE, inbox);
      client.disconnect();
      assertTrue(client.connect(), "the broker kept the session");
      publisher.connect();
      publisher.publish(Message.of("kept/x", "still routed", Qos.AT_LEAST_ONCE, false))
          .await(5, TimeUnit.SECONDS);
      assertEquals("still routed", inbox.take(5_000).payloadAsString());
    }
    // The broker had them; the client had no reason to subscribe again.
    assertEquals(1, count(broker.log(), "Received SUBSCRIBE from kept-sub"), broker.log());
  }

  private MqttClient client(String id, boolean clean) {
    return new MqttClient(MqttOptions.builder().serverUri(broker.uri()).clientId(id)
        .cleanSession(clean).build());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }
}
