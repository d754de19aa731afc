package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.testing.TestCertificates;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM and PKCS#12 files: every key format, and garbage with the error that names it. */
class KeyFilesTest {
  private static TestCertificates certs;
  @TempDir Path dir;

  @BeforeAll static void certificates() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("wren-keys-"));
  }

  private File write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toFile();
  }

  private File write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p.toFile();
  }

  @Test void pkcs1AndSec1BecomeThePkcs8TheJdkWrites() throws Exception {
    PrivateKey pkcs8 = PrivateKeys.read(certs.clientKeyPkcs8().toFile());
    PrivateKey pkcs1 = PrivateKeys.read(certs.clientKeyPkcs1().toFile());
    assertEquals("RSA", pkcs1.getAlgorithm());
    assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());

    PrivateKey ec8 = PrivateKeys.read(certs.clientEcKeyPkcs8().toFile());
    PrivateKey sec1 = PrivateKeys.read(certs.clientEcKeySec1().toFile());
    assertEquals("EC", sec1.getAlgorithm());
    assertEquals(((java.security.interfaces.ECPrivateKey) ec8).getS(),
        ((java.security.interfaces.ECPrivateKey) sec1).getS());
  }

  @Test void certificateChainsAndTextAroundBlocks() throws Exception {
    assertEquals(2, Pem.certificates(certs.clientCert().toFile(), "client certificate").size());
    String withText = "Bag Attributes\n  friendlyName: x\n" + Files.readString(certs.ca())
        + "trailing words\n";
    assertEquals(1, Pem.certificates(write("ca-with-text.pem", withText), "caFile").size());
  }

  @Test void garbageIsNamedWithWhatWasExpectedAndWhatWasFound() throws Exception {
    assertUnreadable(() -> Pem.certificates(write("empty.pem", ""), "caFile"),
        "empty.pem", "expected PEM certificates", "an empty file");
    assertUnreadable(() -> Pem.certificates(write("ca.der", new byte[] {0x30, (byte) 0x82, 1, 2}),
        "caFile"), "ca.der", "binary DER, not PEM", "openssl x509 -inform der");
    assertUnreadable(() -> Pem.certificates(write("notes.txt", "hello world\n"), "caFile"),
        "notes.txt", "no '-----BEGIN' line", "hello world");
    assertUnreadable(() -> Pem.certificates(certs.clientKeyPkcs8().toFile(), "caFile"),
        "client-key-pkcs8.pem", "only PEM blocks of another kind: PRIVATE KEY");
    assertUnreadable(() -> Pem.certificates(write("bad64.pem",
        "-----BEGIN CERTIFICATE-----\nMII!!!\n-----END CERTIFICATE-----\n"), "caFile"),
        "bad64.pem", "not valid base64");
    assertUnreadable(() -> Pem.certificates(write("cut.pem",
        "-----BEGIN CERTIFICATE-----\nMIIB\n"), "caFile"), "cut.pem", "truncated");
    assertUnreadable(() -> Pem.certificates(write("junk.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "caFile"),
        "junk.pem", "not a valid X.509 certificate");
    assertUnreadable(() -> Pem.certificates(new File(dir.toFile(), "missing.pem"), "caFile"),
        "cannot read caFile", "missing.pem");

    assertUnreadable(() -> PrivateKeys.read(certs.clientCert().toFile()), "client.pem",
        "expected an unencrypted PEM private key", "only PEM blocks of another kind: CERTIFICATE");
    assertUnreadable(() -> PrivateKeys.read(write("enc.pem",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n")),
        "enc.pem", "is encrypted", "passphrase");
    assertUnreadable(() -> PrivateKeys.read(write("legacy.pem", "-----BEGIN RSA PRIVATE KEY-----\n"
        + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n")),
        "legacy.pem", "is encrypted", "passphrase");
    assertUnreadable(() -> PrivateKeys.read(write("junk-key.pem",
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")),
        "junk-key.pem", "the RSA PRIVATE KEY block cannot be decoded");
  }

  @Test void aBeginLineRunningIntoItsEndLineIsAMissingEndNotAStringIndexError() throws Exception {
    // Found by PemFuzzTest: the END line was found inside the BEGIN line's dashes.
    String runOn = "-----BEGIN PRIVATE KEY--------END PRIVATE KEY-----\n";
    assertUnreadable(() -> PrivateKeys.read(write("run-on.pem", runOn)), "run-on.pem",
        "the PRIVATE KEY block has no '-----END PRIVATE KEY-----' line");
    assertUnreadable(() -> Pem.certificates(write("run-on-ca.pem",
        runOn.replace("PRIVATE KEY", "CERTIFICATE")), "caFile"), "run-on-ca.pem",
        "the CERTIFICATE block has no '-----END CERTIFICATE-----' line");
  }

  @Test void anEcKeyWithoutItsCurveIsExplained() throws Exception {
    // SEQUENCE { INTEGER 1, OCTET STRING (1 byte) }: no [0] parameters.
    byte[] sec1 = {0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 0x07};
    File f = write("nocurve.pem", TestCertificates.pem("EC PRIVATE KEY", sec1));
    assertUnreadable(() -> PrivateKeys.read(f), "does not name its curve");
  }

  @Test void unknownKeyAlgorithmsAreNamedByOid() {
    // PKCS#8 with algorithm 1.2.3.4
    byte[] pkcs8 = Der.write(Der.SEQUENCE, Der.write(Der.INTEGER, new byte[] {0}),
        Der.write(Der.SEQUENCE, Der.write(Der.OID, new byte[] {0x2a, 0x03, 0x04})),
        Der.write(Der.OCTET_STRING, new byte[] {1}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PrivateKeys.algorithm(pkcs8));
    assertTrue(e.getMessage().contains("1.2.3.4"), e.getMessage());
  }

  @Test void derLongLengthsRoundTrip() {
    byte[] content = new byte[70_000];
    Arrays.fill(content, (byte) 7);
    byte[] der = Der.write(Der.OCTET_STRING, content);
    Der.Element e = Der.read(der, 0, der.length);
    assertEquals(70_000, e.contentLength);
    assertArrayEquals(content, e.content());
    assertThrows(IllegalArgumentException.class, () -> Der.read(der, 0, der.length - 1));
  }

  @ParameterizedTest @EnumSource(value = TlsProvider.class, names = {"BOUNCY_CASTLE", "PLATFORM"})
  void contextsFromEveryKindOfFile(TlsProvider provider) throws Exception {
    TlsOptions.Builder b = TlsOptions.builder().provider(provider).caFile(certs.ca().toFile());
    assertNotNull(TlsContexts.create(b.clientCertificate(certs.clientEcCert().toFile(),
        certs.clientEcKeySec1().toFile()).build(), provider).sslContext);
    assertNotNull(TlsContexts.create(b.clientPkcs12(certs.clientPkcs12().toFile(),
        TestCertificates.PKCS12_PASSWORD.toCharArray()).build(), provider).sslContext);
    assertNotNull(TlsContexts.create(TlsOptions.builder().provider(provider)
        .caDirectory(certs.dir().toFile()).build(), provider).sslContext);
  }

  @Test void pkcs12ErrorsNameTheFileAndTheLikelyCause() throws Exception {
    TlsOptions wrongPassword = TlsOptions.builder()
        .clientPkcs12(certs.clientPkcs12().toFile(), "wrong".toCharArray()).build();
    assertUnreadable(() -> TlsContexts.create(wrongPassword, TlsProvider.PLATFORM), "client.p12",
        "wrong password, or not a PKCS#12 file");
    TlsOptions pem = TlsOptions.builder()
        .clientPkcs12(certs.clientCert().toFile(), "x".toCharArray()).build();
    assertUnreadable(() -> TlsContexts.create(pem, TlsProvider.PLATFORM), "client.pem",
        "it is a PEM file: use clientCertificate");
  }

  @Test void aDirectoryWithoutCertificatesIsRefused() throws Exception {
    write("readme.txt", "no certificates here");
    TlsOptions options = TlsOptions.builder().caDirectory(dir.toFile()).build();
    assertUnreadable(() -> TlsContexts.create(options, TlsProvider.PLATFORM),
        "holds no PEM certificate");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void assertUnreadable(Action action, String... parts) {
    TlsException e = assertThrows(TlsException.class, action::run);
    assertEquals(TlsException.Kind.UNREADABLE_FILE, e.kind(), e.getMessage());
    assertNotNull(e.file(), e.getMessage());
    for (String part : parts) assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
