package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.testing.TestCertificates;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys encrypted by the real {@code openssl} at test time, in every form it writes that Wren
 * decrypts, and the failures: wrong passphrase, unsupported scheme, garbage.
 */
class EncryptedKeysTest {
  private static final String PASS = "pässphrase 1";
  private static TestCertificates certs;
  @TempDir Path dir;

  @BeforeAll static void certificates() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("wren-enc-keys-"));
  }

  /** Runs openssl with {@code args}; the passphrase goes in through a file. */
  private Path openssl(String out, String... args) throws Exception {
    Path pass = dir.resolve("pass.txt");
    Files.write(pass, PASS.getBytes(StandardCharsets.UTF_8));
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    for (String a : args) cmd.add(a.equals("PASSOUT") ? "file:" + pass : a);
    Path target = dir.resolve(out);
    cmd.addAll(List.of("-out", target.toString()));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      if (System.getenv("CI") != null) throw e;
      Assumptions.abort("openssl is not installed");
      return null;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), cmd + ": " + output);
    return target;
  }

  private static char[] pass() {
    return PASS.toCharArray();
  }

  private static PrivateKey plain(Path key) throws TlsException {
    return PrivateKeys.read(key.toFile());
  }

  @ParameterizedTest(name = "pkcs8 -v2 {0}")
  @ValueSource(strings = {"aes-256-cbc", "aes-128-cbc", "aes-192-cbc", "des3"})
  void pkcs8Pbes2(String cipher) throws Exception {
    Path enc = openssl("enc.pem", "pkcs8", "-topk8", "-v2", cipher, "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    assertTrue(Files.readString(enc).contains("BEGIN ENCRYPTED PRIVATE KEY"));
    assertArrayEquals(plain(certs.clientKeyPkcs8()).getEncoded(),
        EncryptedKeys.read(enc.toFile(), pass()).getEncoded());
  }

  @ParameterizedTest(name = "pkcs8 -v2prf {0}")
  @ValueSource(strings = {"hmacWithSHA1", "hmacWithSHA224", "hmacWithSHA384", "hmacWithSHA512"})
  void pkcs8Prfs(String prf) throws Exception {
    Path enc = openssl("enc.pem", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", prf,
        "-iter", "1000", "-in", certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    assertArrayEquals(plain(certs.clientKeyPkcs8()).getEncoded(),
        EncryptedKeys.read(enc.toFile(), pass()).getEncoded());
  }

  @ParameterizedTest(name = "legacy rsa {0}")
  @ValueSource(strings = {"-aes128", "-aes192", "-aes256", "-des3"})
  void legacyRsa(String cipher) throws Exception {
    Path enc = openssl("legacy.pem", "rsa", "-traditional", cipher, "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    assertTrue(Files.readString(enc).contains("Proc-Type: 4,ENCRYPTED"));
    assertArrayEquals(plain(certs.clientKeyPkcs8()).getEncoded(),
        EncryptedKeys.read(enc.toFile(), pass()).getEncoded());
  }

  @Test void legacyEcAndPkcs8Ec() throws Exception {
    Path ec = openssl("ec.pem", "ecparam", "-name", "prime256v1", "-genkey", "-noout");
    Path legacy = openssl("ec-legacy.pem", "ec", "-aes256", "-in", ec.toString(), "-passout",
        "PASSOUT");
    Path pkcs8 = openssl("ec-pkcs8.pem", "pkcs8", "-topk8", "-v2", "aes-128-cbc", "-in",
        ec.toString(), "-passout", "PASSOUT");
    byte[] expected = plain(ec).getEncoded();
    assertArrayEquals(expected, EncryptedKeys.read(legacy.toFile(), pass()).getEncoded());
    assertArrayEquals(expected, EncryptedKeys.read(pkcs8.toFile(), pass()).getEncoded());
  }

  @Test void wrongPassphraseNamesTheFile() throws Exception {
    Path pkcs8 = openssl("wrong8.pem", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    Path legacy = openssl("wrongl.pem", "rsa", "-traditional", "-aes256", "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    for (Path key : new Path[] {pkcs8, legacy}) {
      TlsException e = assertThrows(TlsException.class,
          () -> EncryptedKeys.read(key.toFile(), "not it".toCharArray()));
      assertEquals(TlsException.Kind.UNREADABLE_FILE, e.kind());
      assertTrue(e.getMessage().contains(key.toString()) && e.getMessage()
          .contains("wrong passphrase"), e.getMessage());
    }
  }

  @Test void pbes1IsRefusedWithTheWayOut() throws Exception {
    Path v1 = openssl("v1.pem", "pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    TlsException e = assertThrows(TlsException.class, () -> EncryptedKeys.read(v1.toFile(), pass()));
    assertTrue(e.getMessage().contains("v1.pem") && e.getMessage().contains("PKCS#12 PBE")
        && e.getMessage().contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"), e.getMessage());
  }

  @Test void legacyWithoutDekInfoOrWithAnUnknownCipher() throws Exception {
    File noDek = dir.resolve("nodek.pem").toFile();
    Files.writeString(noDek.toPath(), "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "X-Other: 1\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertTrue(assertThrows(TlsException.class, () -> EncryptedKeys.read(noDek, pass()))
        .getMessage().contains("no DEK-Info"));
    File camellia = dir.resolve("camellia.pem").toFile();
    Files.writeString(camellia.toPath(), "-----BEGIN RSA PRIVATE KEY-----\n"
        + "Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
        + "AAAA\n-----END RSA PRIVATE KEY-----\n");
    TlsException e = assertThrows(TlsException.class, () -> EncryptedKeys.read(camellia, pass()));
    assertTrue(e.getMessage().contains("CAMELLIA-256-CBC") && e.getMessage().contains("camellia.pem"),
        e.getMessage());
  }

  @Test void anUnencryptedKeyNeedsNoPassphrase() throws Exception {
    assertArrayEquals(plain(certs.clientKeyPkcs1()).getEncoded(),
        EncryptedKeys.read(certs.clientKeyPkcs1().toFile(), pass()).getEncoded());
  }

  @Test void pbkdf2MatchesThePlatformsAndRfc6070() throws Exception {
    // RFC 6070: P="password", S="salt", c=2, dkLen=20
    byte[] dk = EncryptedKeys.pbkdf2("HmacSHA1", "password".getBytes(StandardCharsets.US_ASCII),
        "salt".getBytes(StandardCharsets.US_ASCII), 2, 20);
    assertEquals("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", hex(dk));
    byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] ours = EncryptedKeys.pbkdf2("HmacSHA256", PASS.getBytes(StandardCharsets.UTF_8), salt,
        100, 32);
    // Java's own PBKDF2 encodes chars as UTF-8 since JDK 8u? only for ASCII; compare on ASCII.
    byte[] javas = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
        new PBEKeySpec("abc".toCharArray(), salt, 100, 256)).getEncoded();
    assertArrayEquals(javas, EncryptedKeys.pbkdf2("HmacSHA256", "abc".getBytes(
        StandardCharsets.US_ASCII), salt, 100, 32));
    assertEquals(32, ours.length);
    assertEquals(32, EncryptedKeys.pbkdf2("HmacSHA256", new byte[0], salt, 1, 32).length);
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) s.append(String.format("%02x", x));
    return s.toString();
  }

  @Test void tlsOptionsDecryptsAtBuildAndCopiesThePassphrase() throws Exception {
    Path enc = openssl("opt.pem", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in",
        certs.clientKeyPkcs8().toString(), "-passout", "PASSOUT");
    char[] mine = pass();
    TlsOptions options = TlsOptions.builder()
        .clientCertificate(certs.clientCert().toFile(), enc.toFile(), mine).build();
    assertArrayEquals(pass(), mine, "the caller's array is the caller's to wipe");
    assertNotNull(options.decryptedClientKey());
    assertArrayEquals(plain(certs.clientKeyPkcs8()).getEncoded(),
        options.decryptedClientKey().getEncoded());
    assertNotNull(options.toBuilder().build().decryptedClientKey());
    assertNull(options.toBuilder().noClientCertificate().build().decryptedClientKey());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().clientCertificate(certs.clientCert().toFile(), enc.toFile(),
            "wrong".toCharArray()).build());
    assertTrue(e.getMessage().contains(enc.toString()) && e.getMessage().contains("wrong passphrase"),
        e.getMessage());
    Arrays.fill(mine, '\0');
  }
}
