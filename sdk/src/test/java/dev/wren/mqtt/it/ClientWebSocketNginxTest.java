package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.WebSocketHandshakeException;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.Nginx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MqttClient} over {@code ws://} through nginx, a reverse proxy at {@code /mqtt} in front of
 * Mosquitto's websockets listener, as a web server in front of a broker is usually set up; and
 * nginx's real 404 for another path, as the public exception.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientWebSocketNginxTest {
  private static Mosquitto broker;
  private static Nginx nginx;

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    Nginx.assumeAvailable();
    broker = Mosquitto.builder().websockets().start();
    nginx = Nginx.proxyWebSocket(broker.wsPort());
  }

  @AfterAll static void stop() throws Exception {
    if (nginx != null) nginx.close();
    if (broker != null) broker.close();
  }

  private static MqttClient client(String uri) {
    return new MqttClient(MqttOptions.builder().serverUri(uri).clientId("nginx-" + uri.hashCode())
        .connectTimeout(10, TimeUnit.SECONDS).operationTimeout(10, TimeUnit.SECONDS).build());
  }

  @Test void roundTripsAtEveryQosThroughNginx() throws Exception {
    try (MqttClient c = client(nginx.wsUri())) {
      c.connect();
      ClientWebSocketMosquittoTest.roundTripsAtEveryQos(c);
    }
    // The client's close handshake ended the proxied request: nginx logged the upgrade.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!nginx.accessLog().contains("\"GET /mqtt HTTP/1.1\" 101")) {
      assertTrue(System.nanoTime() < deadline, nginx.log());
      Thread.sleep(20);
    }
  }

  @Test void anotherPathIsNginxs404() {
    try (MqttClient c = client("ws://127.0.0.1:" + nginx.port() + "/other")) {
      WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class, c::connect);
      assertEquals(404, e.statusCode());
      assertTrue(e.getMessage().contains("the server at 127.0.0.1:" + nginx.port() + "/other"
          + " refused the WebSocket upgrade: HTTP/1.1 404 Not Found"), e.getMessage());
    }
  }
}
