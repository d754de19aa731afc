package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS and proxy flags, and what they make of the SDK's options. */
class TlsArgsTest {
  @TempDir Path dir;

  private static CliOptions pub(String... words) throws CliException {
    List<String> all = new java.util.ArrayList<>(List.of("-t", "t", "-m", "x"));
    all.addAll(List.of(words));
    return Args.parse(Args.Cmd.PUB, all);
  }

  private static String error(String... words) {
    return assertThrows(CliException.class, () -> pub(words)).getMessage();
  }

  private String file(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "x").toString();
  }

  @Test void tlsUrlsDefaultTo8883() throws Exception {
    CliOptions o = pub("-L", "mqtts://broker.example");
    assertEquals("ssl://broker.example:8883", o.serverUri());
    assertEquals("ssl://h:443", pub("-L", "ssl://h:443").serverUri());
    assertEquals("tcp://h:1883", pub("-L", "mqtt://h").serverUri());
    assertTrue(error("-L", "ws://h").contains("use mqtt://, tcp://, mqtts:// or ssl://"));
  }

  @Test void aTlsFlagTurnsTlsOnForHostAndPort() throws Exception {
    String ca = file("ca.pem");
    assertEquals("ssl://h:8883", pub("-h", "h", "--cafile", ca).serverUri());
    assertEquals("ssl://h:1884", pub("-h", "h", "-p", "1884", "--insecure").serverUri());
    assertEquals("tcp://localhost:1883", pub().serverUri());
    assertTrue(error("-L", "mqtt://h", "--cafile", ca).contains("use mqtts://"));
  }

  @Test void flagsBecomeTlsOptions() throws Exception {
    CliOptions o = pub("-L", "mqtts://h", "--cafile", file("ca.pem"), "--capath",
        dir.toString(), "--cert", file("c.pem"), "--key", file("k.pem"), "--insecure",
        "--tls-version", "TLSv1.3", "--tls-alpn", "x-amzn-mqtt-ca",
        "--proxy", "http://u:p@proxy:3128");
    MqttOptions options = ClientSetup.options(o, "test");
    TlsOptions tls = options.tls();
    assertEquals(1, tls.caFiles().size());
    assertEquals(1, tls.caDirectories().size());
    assertTrue(tls.clientKeyFile().getPath().endsWith("k.pem"));
    assertFalse(tls.hostnameVerification());
    assertEquals(List.of("TLSv1.3"), tls.protocols());
    assertEquals(List.of("x-amzn-mqtt-ca"), tls.alpnProtocols());
    assertEquals("proxy", options.httpProxy().host());
    assertEquals("u", options.httpProxy().username());
  }

  @Test void badTlsFlagsAreUsageErrors() throws Exception {
    assertTrue(error("--cafile", dir.resolve("none.pem").toString()).contains("no such file"));
    assertTrue(error("--capath", file("f")).contains("no such directory"));
    assertTrue(error("--cert", file("c.pem")).contains("--cert and --key go together"));
    assertTrue(error("--key", file("k.pem")).contains("--cert and --key go together"));
    assertTrue(error("--tls-version", "tlsv1.1").contains("use tlsv1.2 or tlsv1.3"));
    CliException demo = assertThrows(CliException.class,
        () -> Args.parse(Args.Cmd.DEMO, List.of("--insecure")));
    assertTrue(demo.getMessage().contains("embedded broker speaks plain TCP"), demo.getMessage());
    CliException e = assertThrows(CliException.class,
        () -> ClientSetup.options(pub("--proxy", "socks5://h:1080"), "test"));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("httpProxy must be http://"), e.getMessage());
  }

  @Test void helpListsTheFlags() {
    for (String flag : List.of("--cafile", "--capath", "--cert", "--key", "--insecure",
        "--tls-version", "--tls-alpn", "--proxy", "mqtts://")) {
      assertTrue(Usage.PUB.contains(flag), flag);
      assertTrue(Usage.SUB.contains(flag), flag);
    }
    assertTrue(Usage.MAIN.contains("8   TLS failed"));
  }
}
