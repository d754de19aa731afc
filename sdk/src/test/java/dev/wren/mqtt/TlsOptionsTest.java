package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TlsOptions and the TLS and proxy settings of MqttOptions: defaults and argument checks. */
class TlsOptionsTest {
  @TempDir Path dir;

  private File file(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "x").toFile();
  }

  @Test void defaultsAreSafe() {
    TlsOptions d = TlsOptions.defaults();
    assertTrue(d.platformTrust());
    assertTrue(d.hostnameVerification());
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.protocols());
    assertEquals(List.of(), d.alpnProtocols());
    assertEquals(TlsProvider.AUTO, d.provider());
    assertNull(d.clientCertificateFile());
    assertNull(d.clientPkcs12File());
  }

  @Test void protocolsAreTls12And13Only() {
    assertEquals(List.of("TLSv1.2"), TlsOptions.builder().protocols("tlsv1.2").build().protocols());
    assertEquals(List.of("TLSv1.2", "TLSv1.3"),
        TlsOptions.builder().protocols("TLSv1.2", "TLSV1.3", "TLSv1.2").build().protocols());
    for (String old : new String[] {"TLSv1.1", "TLSv1", "SSLv3", "TLS"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TlsOptions.builder().protocols("TLSv1.2", old));
      assertTrue(e.getMessage().contains("'" + old + "' is not supported"), e.getMessage());
      assertTrue(e.getMessage().contains("TLSv1.2 and TLSv1.3 only"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().protocols());
  }

  @Test void alpnNamesAreChecked() {
    assertEquals(List.of("x-amzn-mqtt-ca"),
        TlsOptions.builder().alpnProtocols("x-amzn-mqtt-ca").build().alpnProtocols());
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().alpnProtocols(""));
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().alpnProtocols("m qtt"));
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().alpnProtocols("mqtté"));
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().alpnProtocols("a".repeat(256)));
    assertEquals(List.of(), TlsOptions.builder().alpnProtocols("a").alpnProtocols().build()
        .alpnProtocols());
  }

  @Test void filesMustExistWhenNamed() throws Exception {
    File missing = new File(dir.toFile(), "missing.pem");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().caFile(missing));
    assertTrue(e.getMessage().contains("caFile: no such file: " + missing), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().caFile(dir.toFile()));
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().caDirectory(file("not-a-dir")));
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().clientCertificate(file("c.pem"), missing));
    assertThrows(NullPointerException.class,
        () -> TlsOptions.builder().clientPkcs12(file("c.p12"), null));
  }

  @Test void oneSourceOfTrust() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    File ca = file("ca.pem");
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().caFile(ca).trustStore(store));
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().trustStore(store).caFile(ca));
    assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().trustStore(store).caDirectory(dir.toFile()));
    TlsOptions both = TlsOptions.builder().caFile(ca).caFile(file("ca2.pem"))
        .caDirectory(dir.toFile()).build();
    assertEquals(2, both.caFiles().size());
    assertFalse(both.platformTrust());
    TlsOptions reset = both.toBuilder().platformTrust().trustStore(store).build();
    assertSame(store, reset.trustStore());
    assertTrue(reset.toBuilder().platformTrust().build().platformTrust());
  }

  @Test void oneClientIdentityAndThePasswordStaysHidden() throws Exception {
    File p12 = file("c.p12");
    char[] password = "hunter2".toCharArray();
    TlsOptions o = TlsOptions.builder().clientCertificate(file("c.pem"), file("k.pem"))
        .clientPkcs12(p12, password).build();
    password[0] = 'X';
    assertNull(o.clientCertificateFile());
    assertEquals("hunter2", new String(o.clientPkcs12Password()));
    assertFalse(o.toString().contains("hunter2"), o.toString());
    assertTrue(o.toString().contains("password=<hidden>"), o.toString());
    TlsOptions pem = o.toBuilder().clientCertificate(file("c2.pem"), file("k2.pem")).build();
    assertNull(pem.clientPkcs12File());
    assertNull(pem.clientPkcs12Password());
    assertNull(pem.toBuilder().noClientCertificate().build().clientCertificateFile());
  }

  @Test void disablingHostnameVerificationShows() {
    TlsOptions o = TlsOptions.builder().disableHostnameVerification().build();
    assertFalse(o.hostnameVerification());
    assertTrue(o.toString().contains("hostnameVerification=DISABLED"), o.toString());
    assertFalse(o.toBuilder().build().hostnameVerification());
  }

  @Test void tlsGoesWithSecureSchemesOnly() {
    MqttOptions plain = MqttOptions.builder().serverUri("tcp://h").build();
    assertNull(plain.tls());
    MqttOptions ssl = MqttOptions.builder().serverUri("ssl://h").build();
    assertSame(TlsOptions.defaults(), ssl.tls());
    assertEquals(8883, ssl.port());
    TlsOptions custom = TlsOptions.builder().protocols("TLSv1.3").build();
    assertSame(custom, MqttOptions.builder().serverUri("mqtts://h").tls(custom).build().tls());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MqttOptions.builder().serverUri("tcp://h:1883").tls(custom).build());
    assertTrue(e.getMessage().contains("use ssl://h:1883"), e.getMessage());
    // toBuilder keeps "no TLS options given": switching to tcp:// is fine.
    assertNull(ssl.toBuilder().serverUri("tcp://h").build().tls());
  }

  @Test void httpProxyOption() {
    MqttOptions o = MqttOptions.builder().serverUri("ssl://h")
        .httpProxy("http://user:pa%40ss@proxy.example:3128").build();
    HttpProxy p = o.httpProxy();
    assertEquals("proxy.example", p.host());
    assertEquals(3128, p.port());
    assertEquals("user", p.username());
    assertEquals("pa@ss", p.password());
    assertFalse(o.toString().contains("pa@ss"), o.toString());
    assertTrue(o.toString().contains("httpProxy=http://user:<hidden>@proxy.example:3128"),
        o.toString());
    assertNull(o.toBuilder().httpProxy((String) null).build().httpProxy());
    assertNull(MqttOptions.builder().serverUri("tcp://h").build().httpProxy());
  }

  @Test void httpProxyUrisAreChecked() {
    HttpProxy p = HttpProxy.parse("http://[::1]:8080");
    assertEquals("::1", p.host());
    assertNull(p.username());
    assertEquals("http://[::1]:8080", p.toString());
    assertEquals("", HttpProxy.parse("http://bob@h:1").password());
    HttpProxy withCredentials = p.withCredentials("bob", "p:w");
    assertEquals("p:w", withCredentials.password());
    assertThrows(IllegalArgumentException.class, () -> p.withCredentials("b:ob", "x"));
    String[] bad = {"h:8080", "https://h:443", "socks5://h:1080", "http://h", "http://h:0",
        "http://h:8080/path", "http://:secret@h:8080", "http://h:8080?q"};
    for (String uri : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HttpProxy.parse(uri), uri);
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
  }
}
