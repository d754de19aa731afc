package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.Nginx;
import dev.wren.mqtt.testing.TestCertificates;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wren over WebSocket against a real mosquitto, with mosquitto_pub and mosquitto_sub over plain
 * TCP on the other side: {@code ws://} to mosquitto's websockets listener, {@code wss://} with
 * mutual TLS to its secure one, and {@code ws://} through nginx as a reverse proxy.
 */
@Timeout(60)
class WebSocketEndToEndTest {
  private static TestCertificates certs;
  private static Mosquitto broker;
  private static Nginx nginx;

  /** How wren reaches the broker. */
  enum Via {
    WS, WSS_MUTUAL_TLS, NGINX;

    /** wren's flags for it. */
    List<String> flags() {
      switch (this) {
        case WS: return List.of("-L", broker.wsUri());
        case WSS_MUTUAL_TLS: return List.of("-L", "wss://localhost:" + broker.wssPort() + "/mqtt",
            "--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
            "--key", certs.clientKeyPkcs1().toString());
        default: return List.of("-L", nginx.wsUri());
      }
    }
  }

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    Nginx.assumeAvailable();
    certs = TestCertificates.create(Files.createTempDirectory("wren-cli-ws-"));
    broker = Mosquitto.builder().websockets().secureWebsockets(certs, true).start();
    nginx = Nginx.proxyWebSocket(broker.wsPort());
  }

  @AfterAll static void stop() throws Exception {
    if (nginx != null) nginx.close();
    if (broker != null) broker.close();
  }

  private static String[] args(String command, Via via, String... more) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(via.flags());
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @ParameterizedTest @EnumSource(Via.class)
  void wrenPubToMosquittoSub(Via via) throws Exception {
    String topic = "ws-cli/pub/" + via;
    try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-t", topic, "-q", "1")) {
      Run run = Run.of(args("pub", via, "-t", topic, "-q", "1", "-m", "hello over " + via));
      assertEquals(0, run.exit, run.toString());
      assertEquals("", run.err, run.toString());
      assertEquals("hello over " + via, sub.awaitLine(10_000));
    }
  }

  @ParameterizedTest @EnumSource(Via.class)
  void mosquittoPubToWrenSub(Via via) throws Exception {
    String topic = "ws-cli/sub/" + via;
    String id = "wren-ws-sub-" + via;
    CompletableFuture<Run> sub = CompletableFuture.supplyAsync(() -> Run.of(args("sub", via,
        "-i", id, "-t", topic, "-q", "1", "-C", "1", "-W", "20")));
    String marker = "Sending SUBACK to " + id;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!broker.log().contains(marker)) {
      assertFalse(sub.isDone(), () -> "wren sub ended early: " + sub.join());
      assertTrue(System.nanoTime() < deadline, () -> "no SUBACK to wren:\n" + broker.log());
      Thread.sleep(20);
    }
    MosquittoClients.Result pub = MosquittoClients.pub(broker, "-t", topic, "-q", "1",
        "-m", "from mosquitto_pub via " + via);
    assertEquals(0, pub.exitCode(), pub.toString());
    Run run = sub.get(20, TimeUnit.SECONDS);
    assertEquals(0, run.exit, run.toString());
    assertEquals("from mosquitto_pub via " + via + "\n", run.out);
  }

  @Test void aRefusedUpgradeIsOneLineAndExit3() {
    Run run = Run.of("pub", "-L", "ws://127.0.0.1:" + nginx.port() + "/elsewhere", "-t", "t",
        "-m", "x", "--ws-header", "Authorization: Bearer abc");
    assertEquals(ExitCodes.UNREACHABLE, run.exit, run.toString());
    String[] lines = run.errLines();
    assertEquals(1, lines.length, run.toString());
    assertTrue(lines[0].startsWith("wren: the server at 127.0.0.1:" + nginx.port() + "/elsewhere"
        + " refused the WebSocket upgrade: HTTP/1.1 404 Not Found"), run.toString());
  }
}
