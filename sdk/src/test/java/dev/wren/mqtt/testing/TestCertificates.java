package dev.wren.mqtt.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates generated at test time with BouncyCastle (bcpkix), written as PEM files into a
 * directory: a CA; a server certificate for {@code DNS:localhost, IP:127.0.0.1}; an expired one;
 * one for another host; a second, unrelated CA; client certificates with RSA and EC keys, the
 * keys as PKCS#8, PKCS#1 RSA and SEC1 EC, and a PKCS#12 file. Immutable after {@link #create}.
 */
public final class TestCertificates {
  public static final String PKCS12_PASSWORD = "p12-secret";
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
  private static final long DAY = TimeUnit.DAYS.toMillis(1);

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Generates everything into {@code dir} (about a second: two RSA keys, the rest EC). */
  public static TestCertificates create(Path dir) throws IOException {
    try {
      TestCertificates t = new TestCertificates(dir);
      t.generate();
      return t;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate test certificates", e);
    }
  }

  private void generate() throws IOException, GeneralSecurityException, OperatorCreationException {
    long now = System.currentTimeMillis();
    KeyPair caKeys = ec();
    X500Name caName = new X500Name("CN=Wren Test CA,O=Wren");
    X509Certificate ca = sign(caName, caKeys, caName, caKeys, now - DAY, now + 30 * DAY, true, null,
        null);
    writeCerts("ca.pem", ca);
    KeyPair otherKeys = ec();
    X500Name otherName = new X500Name("CN=Unrelated CA,O=Elsewhere");
    writeCerts("other-ca.pem", sign(otherName, otherKeys, otherName, otherKeys, now - DAY,
        now + 30 * DAY, true, null, null));

    GeneralNames localhost = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
    server("server", new X500Name("CN=localhost"), localhost, caName, caKeys, now - DAY,
        now + 30 * DAY, ca);
    server("server-expired", new X500Name("CN=localhost"), localhost, caName, caKeys,
        now - 30 * DAY, now - DAY, ca);
    server("server-other-host", new X500Name("CN=broker.example.com"), new GeneralNames(
        new GeneralName[] {new GeneralName(GeneralName.dNSName, "broker.example.com"),
            new GeneralName(GeneralName.iPAddress, "10.9.9.9")}),
        caName, caKeys, now - DAY, now + 30 * DAY, ca);

    KeyPair rsa = rsa();
    X509Certificate client = sign(new X500Name("CN=wren-client"), rsa, caName, caKeys, now - DAY,
        now + 30 * DAY, false, KeyPurposeId.id_kp_clientAuth, null);
    writeCerts("client.pem", client, ca);
    writePem("client-key-pkcs8.pem", "PRIVATE KEY", rsa.getPrivate().getEncoded());
    writePem("client-key-pkcs1.pem", "RSA PRIVATE KEY", PrivateKeyInfo.getInstance(
        rsa.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded());
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry("client", rsa.getPrivate(), PKCS12_PASSWORD.toCharArray(),
        new Certificate[] {client, ca});
    try (OutputStream out = Files.newOutputStream(dir.resolve("client.p12"))) {
      p12.store(out, PKCS12_PASSWORD.toCharArray());
    }

    KeyPair ecClient = ec();
    writeCerts("client-ec.pem", sign(new X500Name("CN=wren-client-ec"), ecClient, caName, caKeys,
        now - DAY, now + 30 * DAY, false, KeyPurposeId.id_kp_clientAuth, null), ca);
    writePem("client-ec-key-pkcs8.pem", "PRIVATE KEY", ecClient.getPrivate().getEncoded());
    writePem("client-ec-key-sec1.pem", "EC PRIVATE KEY", sec1(ecClient));

    KeyPair strangerKeys = ec();
    writeCerts("client-untrusted.pem", sign(new X500Name("CN=stranger"), strangerKeys, otherName,
        otherKeys, now - DAY, now + 30 * DAY, false, KeyPurposeId.id_kp_clientAuth, null));
    writePem("client-untrusted-key.pem", "PRIVATE KEY", strangerKeys.getPrivate().getEncoded());
  }

  private void server(String name, X500Name subject, GeneralNames sans, X500Name caName,
      KeyPair caKeys, long from, long to, X509Certificate ca)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair keys = ec();
    writeCerts(name + ".pem", sign(subject, keys, caName, caKeys, from, to, false,
        KeyPurposeId.id_kp_serverAuth, sans));
    writePem(name + "-key.pem", "PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /** OpenSSL's "EC PRIVATE KEY": RFC 5915 with the curve in [0] and the public key in [1]. */
  private static byte[] sec1(KeyPair keys) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    byte[] publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
        .getPublicKeyData().getBytes();
    ECPrivateKey key = (ECPrivateKey) keys.getPrivate();
    return new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), new DERBitString(publicKey),
        curve).getEncoded();
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer,
      KeyPair issuerKeys, long from, long to, boolean ca, KeyPurposeId purpose, GeneralNames sans)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()), new Date(from), new Date(to), subject,
        subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
        ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    if (purpose != null) b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(purpose));
    if (sans != null) b.addExtension(Extension.subjectAlternativeName, false, sans);
    String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA")
        ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private void writeCerts(String name, X509Certificate... chain)
      throws IOException, GeneralSecurityException {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) sb.append(pem("CERTIFICATE", c.getEncoded()));
    Files.writeString(dir.resolve(name), sb.toString());
  }

  private void writePem(String name, String label, byte[] der) throws IOException {
    Files.writeString(dir.resolve(name), pem(label, der));
  }

  /** PEM text of one block, 64 base64 characters a line. */
  public static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The CA that signed every certificate below except {@link #otherCa()}'s. */
  public Path ca() {
    return file("ca.pem");
  }

  /** A CA that signed nothing the broker uses. */
  public Path otherCa() {
    return file("other-ca.pem");
  }

  /** DNS:localhost, IP:127.0.0.1, valid for 30 days. */
  public Path serverCert() {
    return file("server.pem");
  }

  public Path serverKey() {
    return file("server-key.pem");
  }

  /** RSA client certificate chain (client, CA). */
  public Path clientCert() {
    return file("client.pem");
  }

  /** The RSA client key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public Path clientKeyPkcs8() {
    return file("client-key-pkcs8.pem");
  }

  /** The RSA client key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
  public Path clientKeyPkcs1() {
    return file("client-key-pkcs1.pem");
  }

  /** EC client certificate chain. */
  public Path clientEcCert() {
    return file("client-ec.pem");
  }

  /** The EC client key as SEC1 ({@code BEGIN EC PRIVATE KEY}, with the curve). */
  public Path clientEcKeySec1() {
    return file("client-ec-key-sec1.pem");
  }

  public Path clientEcKeyPkcs8() {
    return file("client-ec-key-pkcs8.pem");
  }

  /** The RSA client key and chain, password {@link #PKCS12_PASSWORD}. */
  public Path clientPkcs12() {
    return file("client.p12");
  }
}
