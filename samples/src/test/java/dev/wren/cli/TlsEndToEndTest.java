package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.HttpConnectProxy;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * wren over TLS against a real mosquitto with mutual TLS (require_certificate true), with
 * mosquitto_pub and mosquitto_sub on the other side; and wren's refusals of bad certificates. The
 * samples module has no bctls, so this is the platform provider chosen by AUTO.
 */
@Timeout(60)
class TlsEndToEndTest {
  private static TestCertificates certs;
  private static Mosquitto broker;

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    certs = TestCertificates.create(Files.createTempDirectory("wren-cli-tls-"));
    broker = Mosquitto.builder().tls(certs, true).start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  private static String tlsPort() {
    return Integer.toString(broker.tlsPort());
  }

  /** mosquitto_pub/sub's flags for mutual TLS, by host name. */
  private static String[] mosquittoTls(String... more) {
    String[] tls = {"-h", "localhost", "-p", tlsPort(), "--cafile", certs.ca().toString(),
        "--cert", certs.clientCert().toString(), "--key", certs.clientKeyPkcs8().toString()};
    String[] all = new String[tls.length + more.length];
    System.arraycopy(tls, 0, all, 0, tls.length);
    System.arraycopy(more, 0, all, tls.length, more.length);
    return all;
  }

  @Test void wrenPubToMosquittoSubWithMutualTls() throws Exception {
    try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker,
        mosquittoTls("-t", "tls/pub", "-q", "1"))) {
      Run run = Run.of("pub", "-L", "mqtts://localhost:" + tlsPort() + "/tls/pub",
          "--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
          "--key", certs.clientKeyPkcs1().toString(), "-q", "1", "-m", "hello over TLS");
      assertEquals(0, run.exit, run.toString());
      assertEquals("", run.err, run.toString());
      assertEquals("hello over TLS", sub.awaitLine(10_000));
    }
  }

  @Test void mosquittoPubToWrenSubWithMutualTls() throws Exception {
    String id = "wren-tls-sub";
    String marker = "Sending SUBACK to " + id;
    CompletableFuture<Run> sub = CompletableFuture.supplyAsync(() -> Run.of("sub",
        "-h", "127.0.0.1", "-p", tlsPort(), "-i", id, "--cafile", certs.ca().toString(),
        "--cert", certs.clientEcCert().toString(), "--key", certs.clientEcKeySec1().toString(),
        "-t", "tls/sub", "-C", "1", "-W", "20"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!broker.log().contains(marker)) {
      assertFalse(sub.isDone(), () -> "wren sub ended early: " + sub.join());
      assertTrue(System.nanoTime() < deadline, () -> "no SUBACK to wren:\n" + broker.log());
      Thread.sleep(20);
    }
    MosquittoClients.Result pub = MosquittoClients.pub(broker,
        mosquittoTls("-t", "tls/sub", "-m", "from mosquitto_pub"));
    assertEquals(0, pub.exitCode(), pub.toString());
    Run run = sub.get(20, TimeUnit.SECONDS);
    assertEquals(0, run.exit, run.toString());
    assertEquals("from mosquitto_pub\n", run.out);
  }

  @Test void wrenRefusesAnUntrustedCertificate() {
    Run run = Run.of("pub", "-h", "127.0.0.1", "-p", tlsPort(), "--cafile",
        certs.otherCa().toString(), "-t", "t", "-m", "x");
    assertOneLine(run, ExitCodes.TLS, "is not trusted", "CN=Wren Test CA", "--cafile");
  }

  @Test void wrenRefusesACertificateForAnotherHost() throws Exception {
    try (Mosquitto other = Mosquitto.builder().tls(certs.ca(), certs.file("server-other-host.pem"),
        certs.file("server-other-host-key.pem"), false).start()) {
      String[] args = {"pub", "-L", "mqtts://localhost:" + other.tlsPort() + "/t", "--cafile",
          certs.ca().toString(), "-m", "x"};
      assertOneLine(Run.of(args), ExitCodes.TLS, "does not name the host name localhost",
          "DNS:broker.example.com");
      // --insecure skips the host name check, and the SDK's WARN line (wren's one stderr line
      // for logs) says so; a child JVM, for wren's own logging configuration.
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          // the sdk's test-jar has a tinylog-test.properties, which tinylog would prefer
          "-Dtinylog.configuration=tinylog.properties", Wren.class.getName()));
      command.addAll(List.of(args));
      command.add("--insecure");
      MosquittoClients.Result run = MosquittoClients.run(30_000, command);
      assertEquals(0, run.exitCode(), run.toString());
      assertEquals("wren: TLS host name verification is DISABLED for localhost:" + other.tlsPort()
          + ": any certificate from a trusted CA is accepted, whichever host it names",
          run.stderr().strip());
    }
  }

  @Test void wrenWithoutAClientCertificateIsRefusedByTheBroker() {
    Run run = Run.of("pub", "-h", "127.0.0.1", "-p", tlsPort(), "--cafile", certs.ca().toString(),
        "-t", "t", "-m", "x");
    assertOneLine(run, ExitCodes.TLS, "client certificate", "--cert");
  }

  @Test void wrenThroughAProxy() throws Exception {
    try (HttpConnectProxy proxy = HttpConnectProxy.withCredentials("u", "p")) {
      Run run = Run.of("pub", "-h", "localhost", "-p", tlsPort(), "--cafile", certs.ca().toString(),
          "--cert", certs.clientCert().toString(), "--key", certs.clientKeyPkcs8().toString(),
          "--proxy", "http://u:p@127.0.0.1:" + proxy.port(), "-t", "t", "-m", "x");
      assertEquals(0, run.exit, run.toString());
      Run refused = Run.of("pub", "-p", Integer.toString(broker.port()),
          "--proxy", proxy.uri(), "-t", "t", "-m", "x");
      assertOneLine(refused, ExitCodes.UNREACHABLE, "407", "wants credentials");
    }
  }

  private static void assertOneLine(Run run, int exit, String... parts) {
    assertEquals(exit, run.exit, run.toString());
    String[] lines = run.errLines();
    assertEquals(1, lines.length, run.toString());
    assertTrue(lines[0].startsWith("wren: "), run.toString());
    for (String part : parts) assertTrue(lines[0].contains(part), part + " in " + run);
  }

  /** {@code openssl ARGS -out FILE} with the passphrase from {@code pass}. */
  private static Path openssl(Path pass, Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    for (String a : args) cmd.add(a.equals("PASSOUT") ? "file:" + pass : a);
    cmd.addAll(List.of("-out", out.toString()));
    MosquittoClients.Result r = MosquittoClients.run(30_000, cmd);
    assertEquals(0, r.exitCode(), r.toString());
    return out;
  }

  @Test void encryptedKeysWithTheirPassphraseFile() throws Exception {
    Path dir = Files.createTempDirectory("wren-cli-enc-");
    Path pass = dir.resolve("pass.txt");
    Files.writeString(pass, "k3yPassphrase\n");
    Path pkcs8 = openssl(pass, dir.resolve("pkcs8.pem"), "pkcs8", "-topk8", "-v2", "aes-256-cbc",
        "-in", certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    Path legacy = openssl(pass, dir.resolve("legacy.pem"), "rsa", "-traditional", "-des3",
        "-in", certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    for (Path key : List.of(pkcs8, legacy)) {
      try (MosquittoClients.Sub sub = MosquittoClients.startSub(broker,
          mosquittoTls("-t", "tls/enc", "-q", "1"))) {
        Run run = Run.of("pub", "-L", "mqtts://localhost:" + tlsPort() + "/tls/enc",
            "--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
            "--key", key.toString(), "--key-password-file", pass.toString(), "-q", "1", "-m",
            "sealed " + key.getFileName());
        assertEquals(0, run.exit, run.toString());
        assertEquals("", run.err, run.toString());
        assertEquals("sealed " + key.getFileName(), sub.awaitLine(10_000));
      }
    }
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");
    Run bad = Run.of("pub", "-h", "localhost", "-p", tlsPort(), "--cafile", certs.ca().toString(),
        "--cert", certs.clientCert().toString(), "--key", pkcs8.toString(),
        "--key-password-file", wrong.toString(), "-t", "tls/enc", "-m", "x");
    assertEquals(ExitCodes.TLS, bad.exit, bad.toString());
    assertEquals(1, bad.errLines().length, bad.toString());
    assertTrue(bad.err.contains(pkcs8.toString()) && bad.err.contains("wrong passphrase"),
        bad.toString());
    // No terminal here (System.console() is null in tests), and no file: say how to give it.
    Run noTerminal = Run.of("pub", "-h", "localhost", "-p", tlsPort(), "--cafile",
        certs.ca().toString(), "--cert", certs.clientCert().toString(), "--key",
        legacy.toString(), "-t", "tls/enc", "-m", "x");
    assertEquals(ExitCodes.USAGE, noTerminal.exit, noTerminal.toString());
    assertTrue(noTerminal.err.contains("--key-password-file"), noTerminal.toString());
    for (Run r : List.of(bad, noTerminal)) {
      assertFalse(r.err.contains("k3yPassphrase") || r.err.contains("not the passphrase"), r.err);
    }
  }
}
