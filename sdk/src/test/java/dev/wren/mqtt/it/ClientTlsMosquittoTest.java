package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client over TLS against a real Mosquitto with certificates generated for the test: server
 * authentication, mutual TLS with every key format, and each refusal with its own error. Every
 * case runs on BouncyCastle's JSSE and on the platform's.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientTlsMosquittoTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static Path dir;
  private static TestCertificates certs;
  private static Mosquitto broker;
  private static Mosquitto mutualBroker;

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    dir = Files.createTempDirectory("wren-tls-");
    certs = TestCertificates.create(dir);
    broker = Mosquitto.builder().tls(certs, false).start();
    mutualBroker = Mosquitto.builder().tls(certs, true).start();
  }

  @AfterAll static void stop() throws Exception {
    if (broker != null) broker.close();
    if (mutualBroker != null) mutualBroker.close();
  }

  private static TlsOptions.Builder trustingCa(TlsProvider provider) {
    return TlsOptions.builder().caFile(certs.ca().toFile()).provider(provider);
  }

  private static MqttClient client(String uri, TlsOptions tls) {
    return new MqttClient(MqttOptions.builder().serverUri(uri)
        .clientId("tls-" + IDS.incrementAndGet())
        .connectTimeout(10, TimeUnit.SECONDS).tls(tls).build());
  }

  /** Connects, subscribes, publishes at QoS 1 and receives it back: TLS carries MQTT both ways. */
  private static void roundTrip(String uri, TlsOptions tls) throws Exception {
    try (MqttClient c = client(uri, tls)) {
      c.connect();
      Inbox inbox = new Inbox();
      String topic = "tls/" + IDS.incrementAndGet();
      c.subscribe(topic, Qos.AT_LEAST_ONCE, inbox);
      c.publish(Message.of(topic, "over TLS", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
      assertEquals("over TLS", inbox.take(5_000).payloadAsString());
    }
  }

  private static TlsException refused(String uri, TlsOptions tls) {
    try (MqttClient c = client(uri, tls)) {
      return assertThrows(TlsException.class, c::connect);
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void serverAuthenticationByIpAndByName(TlsProvider provider) throws Exception {
    roundTrip(broker.sslUri(), trustingCa(provider).build());
    roundTrip("mqtts://localhost:" + broker.tlsPort(), trustingCa(provider).build());
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void eachProtocolVersionAlone(TlsProvider provider) throws Exception {
    roundTrip(broker.sslUri(), trustingCa(provider).protocols("TLSv1.2").build());
    roundTrip(broker.sslUri(), trustingCa(provider).protocols("tlsv1.3").build());
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "BOUNCY_CASTLE, client.pem, client-key-pkcs8.pem",
      "BOUNCY_CASTLE, client.pem, client-key-pkcs1.pem",
      "BOUNCY_CASTLE, client-ec.pem, client-ec-key-sec1.pem",
      "BOUNCY_CASTLE, client-ec.pem, client-ec-key-pkcs8.pem",
      "PLATFORM, client.pem, client-key-pkcs8.pem",
      "PLATFORM, client.pem, client-key-pkcs1.pem",
      "PLATFORM, client-ec.pem, client-ec-key-sec1.pem",
      "PLATFORM, client-ec.pem, client-ec-key-pkcs8.pem"})
  void mutualTlsWithPemKeys(TlsProvider provider, String cert, String key) throws Exception {
    roundTrip(mutualBroker.sslUri(), trustingCa(provider)
        .clientCertificate(certs.file(cert).toFile(), certs.file(key).toFile()).build());
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void mutualTlsWithPkcs12(TlsProvider provider) throws Exception {
    roundTrip(mutualBroker.sslUri(), trustingCa(provider).clientPkcs12(
        certs.clientPkcs12().toFile(), TestCertificates.PKCS12_PASSWORD.toCharArray()).build());
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void missingClientCertificateIsRefused(TlsProvider provider) {
    for (String version : new String[] {"TLSv1.2", "TLSv1.3"}) {
      TlsException e = refused(mutualBroker.sslUri(), trustingCa(provider).protocols(version).build());
      assertEquals(TlsException.Kind.HANDSHAKE_FAILED, e.kind(), version + ": " + e);
      assertTrue(e.getMessage().contains("clientCertificate"), e.getMessage());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void clientCertificateFromAnotherCaIsRefused(TlsProvider provider) {
    TlsException e = refused(mutualBroker.sslUri(), trustingCa(provider).clientCertificate(
        certs.file("client-untrusted.pem").toFile(), certs.file("client-untrusted-key.pem").toFile())
        .build());
    assertEquals(TlsException.Kind.HANDSHAKE_FAILED, e.kind(), e.toString());
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void untrustedCaIsRefused(TlsProvider provider) {
    TlsException e = refused(broker.sslUri(), TlsOptions.builder().caFile(certs.otherCa().toFile())
        .provider(provider).build());
    assertEquals(TlsException.Kind.UNTRUSTED_CERTIFICATE, e.kind(), e.toString());
    assertTrue(e.getMessage().contains("CN=Wren Test CA"), e.getMessage());
    assertTrue(e.getMessage().contains("caFile"), e.getMessage());
    assertTrue(e.getMessage().contains(certs.otherCa().toString()), e.getMessage());
  }

  @Test void thePlatformsCasDoNotTrustAPrivateCa() {
    TlsException e = refused(broker.sslUri(), TlsOptions.defaults());
    assertEquals(TlsException.Kind.UNTRUSTED_CERTIFICATE, e.kind(), e.toString());
    assertTrue(e.getMessage().contains("platform's trusted CAs"), e.getMessage());
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void certificateForAnotherHostIsRefused(TlsProvider provider) throws Exception {
    try (Mosquitto other = Mosquitto.builder().tls(certs.ca(), certs.file("server-other-host.pem"),
        certs.file("server-other-host-key.pem"), false).start()) {
      TlsException byIp = refused(other.sslUri(), trustingCa(provider).build());
      assertEquals(TlsException.Kind.HOSTNAME_MISMATCH, byIp.kind(), byIp.toString());
      assertTrue(byIp.getMessage().contains("IP address 127.0.0.1"), byIp.getMessage());
      assertTrue(byIp.getMessage().contains("DNS:broker.example.com"), byIp.getMessage());
      assertTrue(byIp.getMessage().contains("IP:10.9.9.9"), byIp.getMessage());

      TlsException byName = refused("ssl://localhost:" + other.tlsPort(), trustingCa(provider).build());
      assertEquals(TlsException.Kind.HOSTNAME_MISMATCH, byName.kind(), byName.toString());
      assertTrue(byName.getMessage().contains("host name localhost"), byName.getMessage());

      // Switched off on purpose, the same certificate is accepted (the chain is still checked).
      roundTrip(other.sslUri(), trustingCa(provider).disableHostnameVerification().build());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void expiredCertificateIsRefused(TlsProvider provider) throws Exception {
    try (Mosquitto expired = Mosquitto.builder().tls(certs.ca(), certs.file("server-expired.pem"),
        certs.file("server-expired-key.pem"), false).start()) {
      TlsException e = refused(expired.sslUri(), trustingCa(provider).build());
      assertEquals(TlsException.Kind.CERTIFICATE_EXPIRED, e.kind(), e.toString());
      assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void noCommonVersionFailsTheHandshake(TlsProvider provider) throws Exception {
    // mosquitto 2.0's tls_version is the lowest version the listener accepts.
    try (Mosquitto only13 = Mosquitto.builder().tls(certs, false)
        .extraConfig("tls_version tlsv1.3").start()) {
      TlsException e = refused(only13.sslUri(), trustingCa(provider).protocols("TLSv1.2").build());
      assertEquals(TlsException.Kind.HANDSHAKE_FAILED, e.kind(), e.toString());
      assertTrue(e.getMessage().contains("share no TLS version (offered: [TLSv1.2])"),
          e.getMessage());
      roundTrip(only13.sslUri(), trustingCa(provider).build());
    }
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void tlsToAPlainPortFailsTheHandshake(TlsProvider provider) {
    TlsException e = refused("ssl://127.0.0.1:" + broker.port(), trustingCa(provider).build());
    assertEquals(TlsException.Kind.HANDSHAKE_FAILED, e.kind(), e.toString());
    assertTrue(e.getMessage().contains("TLS port"), e.getMessage());
  }
}
