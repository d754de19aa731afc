package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.io.File;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an unencrypted private key from PEM: PKCS#8 as it is, PKCS#1 RSA and SEC1 EC converted to
 * PKCS#8 (the only form {@link KeyFactory} takes) by wrapping them in its DER structure:
 * <pre>
 * PrivateKeyInfo ::= SEQUENCE { version INTEGER (0),
 *                               algorithm SEQUENCE { OID, parameters },
 *                               privateKey OCTET STRING }
 * </pre>
 * Stateless.
 */
final class PrivateKeys {
  static final String PKCS8 = "PRIVATE KEY";
  static final String PKCS1_RSA = "RSA PRIVATE KEY";
  static final String SEC1_EC = "EC PRIVATE KEY";
  static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";

  private static final byte[] VERSION_0 = Der.write(Der.INTEGER, new byte[] {0});
  private static final byte[] DER_NULL = Der.write(Der.NULL);
  private static final String FORMATS = "an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----,"
      + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)";

  private PrivateKeys() {
  }

  /**
   * The first private key of a PEM file.
   *
   * @throws TlsException (UNREADABLE_FILE) naming the file, the expected formats and what it holds
   */
  static PrivateKey read(File file) throws TlsException {
    String role = "client private key";
    byte[] bytes = Pem.readFile(file, role);
    List<Pem.Block> blocks = Pem.blocks(bytes, file, role);
    for (Pem.Block block : blocks) {
      if (block.label.equals(ENCRYPTED_PKCS8) || (block.encrypted && block.label.endsWith(PKCS8))) {
        throw Pem.unreadable(file, role + " " + file + " is encrypted (" + block.label
            + "); give its passphrase with TlsOptions.Builder.clientCertificate(chain, key,"
            + " passphrase)", null);
      }
      if (!block.label.equals(PKCS8) && !block.label.equals(PKCS1_RSA)
          && !block.label.equals(SEC1_EC)) {
        continue;
      }
      try {
        return decode(block.label, block.der);
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        throw Pem.unreadable(file, role + " " + file + ": the " + block.label + " block cannot be"
            + " decoded: " + e.getMessage(), e);
      }
    }
    throw Pem.unreadable(file, role + " " + file + ": expected " + FORMATS + ", found "
        + Pem.describe(bytes, blocks), null);
  }

  /** Decodes a block by its label. */
  static PrivateKey decode(String label, byte[] der) throws GeneralSecurityException {
    byte[] pkcs8;
    if (label.equals(PKCS1_RSA)) {
      pkcs8 = rsaToPkcs8(der);
    } else if (label.equals(SEC1_EC)) {
      pkcs8 = ecToPkcs8(der);
    } else {
      pkcs8 = der;
    }
    return KeyFactory.getInstance(algorithm(pkcs8)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  /** RFC 8017's RSAPrivateKey goes into the OCTET STRING as it is; parameters are NULL. */
  static byte[] rsaToPkcs8(byte[] pkcs1) {
    Der.Element key = Der.expect(Der.SEQUENCE, Der.read(pkcs1, 0, pkcs1.length), "RSA key");
    Der.expect(Der.INTEGER, key.first(), "RSA key version");
    byte[] algorithm = Der.write(Der.SEQUENCE, Der.write(Der.OID, Der.OID_RSA), DER_NULL);
    return Der.write(Der.SEQUENCE, VERSION_0, algorithm, Der.write(Der.OCTET_STRING, pkcs1));
  }

  /**
   * RFC 5915's ECPrivateKey names its curve in {@code [0]}; PKCS#8 moves it to the algorithm's
   * parameters and, as OpenSSL writes it, drops it from the inner key.
   * <pre>
   * ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
   *                             parameters [0] OID OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
   * </pre>
   */
  static byte[] ecToPkcs8(byte[] sec1) {
    Der.Element key = Der.expect(Der.SEQUENCE, Der.read(sec1, 0, sec1.length), "EC key");
    Der.Element version = Der.expect(Der.INTEGER, key.first(), "EC key version");
    Der.Element secret = Der.expect(Der.OCTET_STRING, version.next(key), "EC private key");
    byte[] curve = null;
    byte[] publicKey = new byte[0];
    for (Der.Element e = secret.next(key); e != null; e = e.next(key)) {
      if (e.tag == Der.CONTEXT_0) curve = Der.expect(Der.OID, e.first(), "EC curve").encoded();
      if (e.tag == Der.CONTEXT_1) publicKey = e.encoded();
    }
    if (curve == null) {
      throw new IllegalArgumentException("the EC key does not name its curve (no [0] parameters);"
          + " convert it to PKCS#8: openssl pkey -in KEY -out KEY8.pem");
    }
    byte[] inner = Der.write(Der.SEQUENCE, version.encoded(), secret.encoded(), publicKey);
    byte[] algorithm = Der.write(Der.SEQUENCE, Der.write(Der.OID, Der.OID_EC), curve);
    return Der.write(Der.SEQUENCE, VERSION_0, algorithm, Der.write(Der.OCTET_STRING, inner));
  }

  /** The {@link KeyFactory} algorithm of a PKCS#8 key, from its algorithm OID. */
  static String algorithm(byte[] pkcs8) {
    Der.Element info = Der.expect(Der.SEQUENCE, Der.read(pkcs8, 0, pkcs8.length), "PKCS#8 key");
    Der.Element version = Der.expect(Der.INTEGER, info.first(), "PKCS#8 version");
    Der.Element algorithm = Der.expect(Der.SEQUENCE, version.next(info), "PKCS#8 algorithm");
    byte[] oid = Der.expect(Der.OID, algorithm.first(), "PKCS#8 algorithm OID").content();
    if (Arrays.equals(oid, Der.OID_RSA)) return "RSA";
    if (Arrays.equals(oid, Der.OID_EC)) return "EC";
    String dotted = Der.oidToString(oid);
    if (dotted.equals("1.2.840.113549.1.1.10")) return "RSASSA-PSS";
    if (dotted.equals("1.3.101.112")) return "Ed25519";
    if (dotted.equals("1.3.101.113")) return "Ed448";
    if (dotted.equals("1.2.840.10040.4.1")) return "DSA";
    throw new IllegalArgumentException("unknown key algorithm OID " + dotted
        + "; RSA and EC keys are supported");
  }
}
