package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -L ws:// and wss://, --ws-header, and what they make of the SDK's options. */
class WebSocketArgsTest {
  @TempDir Path dir;

  private static CliOptions parse(Args.Cmd cmd, String... words) throws CliException {
    List<String> all = new ArrayList<>(List.of("-t", "t"));
    if (cmd == Args.Cmd.PUB) all.addAll(List.of("-m", "x"));
    all.addAll(List.of(words));
    return Args.parse(cmd, all);
  }

  private static CliOptions pub(String... words) throws CliException {
    return parse(Args.Cmd.PUB, words);
  }

  private static String error(String... words) {
    return assertThrows(CliException.class, () -> pub(words)).getMessage();
  }

  @Test void webSocketUrlsKeepTheirPathAndDefaultPorts() throws Exception {
    assertEquals("ws://h:80/mqtt", pub("-L", "ws://h").serverUri());
    assertEquals("ws://h:80/", pub("-L", "ws://h/").serverUri(), "given, '/' is kept");
    assertEquals("wss://h:443/mqtt", pub("-L", "wss://h").serverUri());
    assertEquals("ws://h:8080/broker/ws?token=a%20b",
        pub("-L", "ws://h:8080/broker/ws?token=a%20b").serverUri());
    assertEquals("ws://h:80/mqtt?token=1", pub("-L", "ws://h?token=1").serverUri());
    assertEquals("wss://[::1]:8443/mqtt", pub("-L", "WSS://[::1]:8443/mqtt").serverUri());
    CliOptions o = parse(Args.Cmd.SUB, "-L", "ws://bob:pw@h/sensors/a");
    assertEquals(List.of("t"), o.topics, "a WebSocket path is not a topic");
    assertEquals("bob", o.username);
    assertEquals("pw", o.password);
    assertEquals("ws://h:80/sensors/a", o.serverUri());
  }

  @Test void tlsFlagsGoWithWssOnly() throws Exception {
    String ca = Files.writeString(dir.resolve("ca.pem"), "x").toString();
    assertTrue(pub("-L", "wss://h", "--cafile", ca).tls);
    String e = error("-L", "ws://h:8080", "--cafile", ca);
    assertTrue(e.contains("-L ws://h:8080 is not TLS but TLS flags were given; use wss:// for"
        + " TLS"), e);
  }

  @Test void wsHeadersBecomeWebSocketOptions() throws Exception {
    CliOptions o = pub("-L", "wss://h/mqtt", "--ws-header", "Authorization: Bearer abc:def",
        "--ws-header=X-Trace:1", "--ws-header", "X-Trace:  2 ");
    MqttOptions options = ClientSetup.options(o, "test");
    assertEquals(List.of(Map.entry("Authorization", "Bearer abc:def"), Map.entry("X-Trace", "1"),
        Map.entry("X-Trace", "2")), options.webSocket().headers());
    assertEquals("wss://h:443/mqtt", options.serverUri());
    assertTrue(ClientSetup.options(pub("-L", "ws://h"), "test").webSocket().headers().isEmpty());
  }

  @Test void badWsHeadersAreUsageErrors() throws Exception {
    assertEquals("--ws-header 'Authorization Bearer x': expected 'Name: value'",
        error("-L", "ws://h", "--ws-header", "Authorization Bearer x"));
    assertEquals("--ws-header ': x': expected 'Name: value'",
        error("-L", "ws://h", "--ws-header", ": x"));
    assertTrue(error("--ws-header", "A: b").contains("--ws-header needs a WebSocket broker"));
    assertTrue(error("-L", "mqtt://h", "--ws-header", "A: b")
        .contains("--ws-header needs a WebSocket broker"));
    CliException sdk = assertThrows(CliException.class, () -> ClientSetup.options(
        pub("-L", "ws://h", "--ws-header", "Sec-WebSocket-Key: x"), "test"));
    assertEquals(ExitCodes.USAGE, sdk.exitCode());
    assertTrue(sdk.getMessage().contains("set by the handshake"), sdk.getMessage());
    CliException demo = assertThrows(CliException.class,
        () -> Args.parse(Args.Cmd.DEMO, List.of("-L", "ws://h", "--ws-header", "A: b")));
    assertTrue(demo.getMessage().contains("--ws-header is not a flag of wren demo"),
        demo.getMessage());
  }

  @Test void helpListsThem() {
    for (String text : List.of(Usage.PUB, Usage.SUB)) {
      assertTrue(text.contains("--ws-header 'NAME: VALUE'"), text);
      assertTrue(text.contains("ws://HOST[:PORT][/PATH]"), text);
    }
    assertFalse(Usage.DEMO.contains("--ws-header"));
    assertTrue(Usage.MAIN.contains("WebSocket upgrade was refused"));
  }
}
