package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.TestCertificates;
import dev.wren.mqtt.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a JDK TLS server that shows what a broker does not: the SNI name and ALPN
 * protocols offered, and that not one byte of MQTT is sent when the certificate is refused.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientTlsPeerTest {
  private static TestCertificates certs;

  @BeforeAll static void certificates() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("wren-tls-peer-"));
  }

  private static TlsTestServer server(String name) throws Exception {
    return new TlsTestServer(certs.file(name + ".pem"), certs.file(name + "-key.pem"));
  }

  private static MqttClient client(String uri, TlsOptions tls) {
    return new MqttClient(MqttOptions.builder().serverUri(uri).clientId("peer")
        .connectTimeout(10, TimeUnit.SECONDS).tls(tls).build());
  }

  private static TlsOptions.Builder trusting(Path ca, TlsProvider provider) {
    return TlsOptions.builder().caFile(ca.toFile()).provider(provider);
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void offersAlpnAndSniForAHostName(TlsProvider provider) throws Exception {
    try (TlsTestServer server = server("server");
        MqttClient c = client("ssl://localhost:" + server.port(), trusting(certs.ca(), provider)
            .alpnProtocols("x-amzn-mqtt-ca", "mqtt").build())) {
      c.connect();
      c.disconnect();
      TlsTestServer.Session s = server.nextSession();
      assertNotNull(s);
      assertEquals(List.of("x-amzn-mqtt-ca", "mqtt"), s.alpnOffered());
      assertEquals(List.of("localhost"), s.serverNames());
      assertEquals("TLSv1.3", s.protocol());
      assertTrue(s.applicationBytes() > 0, "CONNECT went through: " + s);
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void noSniForAnIpAddressAndNoAlpnUnlessAsked(TlsProvider provider) throws Exception {
    try (TlsTestServer server = server("server");
        MqttClient c = client("ssl://127.0.0.1:" + server.port(),
            trusting(certs.ca(), provider).protocols("TLSv1.2").build())) {
      c.connect();
      c.disconnect();
      TlsTestServer.Session s = server.nextSession();
      assertEquals(List.of(), s.serverNames());
      assertEquals(List.of(), s.alpnOffered());
      assertEquals("TLSv1.2", s.protocol());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void nothingIsSentToAnUntrustedServer(TlsProvider provider) throws Exception {
    try (TlsTestServer server = server("server");
        MqttClient c = client("ssl://127.0.0.1:" + server.port(),
            trusting(certs.otherCa(), provider).build())) {
      TlsException e = assertThrows(TlsException.class, c::connect);
      assertEquals(TlsException.Kind.UNTRUSTED_CERTIFICATE, e.kind());
      TlsTestServer.Session s = server.nextSession();
      assertFalse(s.handshakeDone(), s.toString());
      assertEquals(0, s.applicationBytes());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void nothingIsSentToAServerNamedOtherwise(TlsProvider provider) throws Exception {
    try (TlsTestServer server = server("server-other-host");
        MqttClient c = client("ssl://localhost:" + server.port(),
            trusting(certs.ca(), provider).build())) {
      TlsException e = assertThrows(TlsException.class, c::connect);
      assertEquals(TlsException.Kind.HOSTNAME_MISMATCH, e.kind());
      TlsTestServer.Session s = server.nextSession();
      assertEquals(0, s.applicationBytes(), s.toString());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void nothingIsSentToAServerWithAnExpiredCertificate(TlsProvider provider) throws Exception {
    try (TlsTestServer server = server("server-expired");
        MqttClient c = client("ssl://127.0.0.1:" + server.port(),
            trusting(certs.ca(), provider).build())) {
      TlsException e = assertThrows(TlsException.class, c::connect);
      assertEquals(TlsException.Kind.CERTIFICATE_EXPIRED, e.kind());
      assertEquals(0, server.nextSession().applicationBytes());
    }
  }
}
