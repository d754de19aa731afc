package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.testing.TestCertificates;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameCheckTest {
  private static TestCertificates certs;

  @BeforeAll static void certificates() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("wren-hostname-"));
  }

  private static X509Certificate cert(Path pem) throws Exception {
    try (InputStream in = new FileInputStream(pem.toFile())) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "broker.example.com, broker.example.com, true",
      "BROKER.example.COM, broker.example.com, true",
      "broker.example.com., broker.example.com, true",
      "a.example.com, *.example.com, true",
      "example.com, *.example.com, false",
      "a.b.example.com, *.example.com, false",
      "a.com, *.com, false",
      "foo.example.com, f*.example.com, false",
      "other.example.com, broker.example.com, false"})
  void matchesAsRfc6125Says(String host, String pattern, boolean matches) {
    assertEquals(matches, HostnameCheck.matches(host, pattern));
  }

  @Test void ipLiteralsAreRecognisedWithoutLookup() {
    assertTrue(HostnameCheck.isIpLiteral("127.0.0.1"));
    assertTrue(HostnameCheck.isIpLiteral("::1"));
    assertFalse(HostnameCheck.isIpLiteral("256.0.0.1"));
    assertFalse(HostnameCheck.isIpLiteral("1.2.3"));
    assertFalse(HostnameCheck.isIpLiteral("localhost"));
    assertFalse(HostnameCheck.isIpLiteral("1.2.3.4.example"));
  }

  @Test void dnsAndIpEntriesOfARealCertificate() throws Exception {
    X509Certificate server = cert(certs.serverCert());
    HostnameCheck.verify("localhost", server);
    HostnameCheck.verify("LOCALHOST", server);
    HostnameCheck.verify("127.0.0.1", server);
    TlsException ip = assertThrows(TlsException.class,
        () -> HostnameCheck.verify("127.0.0.2", server));
    assertEquals(TlsException.Kind.HOSTNAME_MISMATCH, ip.kind());
    assertTrue(ip.getMessage().contains("[DNS:localhost, IP:127.0.0.1]"), ip.getMessage());
    // An IP literal is only ever matched against IP entries, a name only against DNS entries.
    assertThrows(TlsException.class, () -> HostnameCheck.verify("::1", server));
    TlsException name = assertThrows(TlsException.class,
        () -> HostnameCheck.verify("broker.example.com", server));
    assertTrue(name.getMessage().contains("host name broker.example.com"), name.getMessage());
  }

  @Test void theCommonNameCountsOnlyWithoutDnsEntries() throws Exception {
    // The CA certificate has CN=Wren Test CA and no subjectAltName at all.
    X509Certificate ca = cert(certs.ca());
    HostnameCheck.verify("Wren Test CA", ca);
    TlsException e = assertThrows(TlsException.class, () -> HostnameCheck.verify("localhost", ca));
    assertTrue(e.getMessage().contains("no subjectAltName DNS or IP entry"), e.getMessage());
  }
}
