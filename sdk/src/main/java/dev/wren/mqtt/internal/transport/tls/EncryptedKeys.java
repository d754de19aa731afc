package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.io.File;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts a PEM private key with its passphrase, in plain javax.crypto so that it works the same
 * on Java 8 and Android API 21 (which has AES/CBC, DESede/CBC, MD5 and HmacSHA1/224/256/384/512,
 * but neither PBES2 in {@code EncryptedPrivateKeyInfo} nor PBKDF2 with SHA-2 until API 26):
 * <ul>
 *   <li>PKCS#8 {@code ENCRYPTED PRIVATE KEY} with PBES2 (RFC 8018): PBKDF2 with HMAC-SHA1/224/
 *       256/384/512, then AES-128/192/256-CBC or DES-EDE3-CBC, as {@code openssl pkcs8 -topk8
 *       -v2 aes-256-cbc} (and OpenSSL 3's default) writes;</li>
 *   <li>OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} with {@code DEK-Info} AES-128/192/256-CBC
 *       or DES-EDE3-CBC, the key from EVP_BytesToKey (MD5, one round), as {@code openssl rsa
 *       -aes256} writes.</li>
 * </ul>
 * PBES1 and other schemes are refused naming the scheme. Stateless.
 */
final class EncryptedKeys {
  private static final String PBES2 = "1.2.840.113549.1.5.13";
  private static final String PBKDF2 = "1.2.840.113549.1.5.12";
  private static final String CONVERT = "convert it with openssl pkcs8 -topk8 -v2 aes-256-cbc"
      + " -in KEY -out KEY8.pem";

  private EncryptedKeys() {
  }

  /**
   * The first private key of a PEM file, decrypted with {@code passphrase} if it is encrypted.
   *
   * @throws TlsException (UNREADABLE_FILE) naming the file: unreadable, wrong passphrase or an
   *     unsupported cipher
   */
  static PrivateKey read(File file, char[] passphrase) throws TlsException {
    String role = "client private key";
    byte[] bytes = Pem.readFile(file, role);
    List<Pem.Block> blocks = Pem.blocks(bytes, file, role);
    byte[] password = utf8(passphrase);
    try {
      for (Pem.Block block : blocks) {
        if (block.label.equals(PrivateKeys.ENCRYPTED_PKCS8)) {
          return decode(file, PrivateKeys.PKCS8, pkcs8(file, block.der, password));
        }
        if (block.encrypted && (block.label.equals(PrivateKeys.PKCS1_RSA)
            || block.label.equals(PrivateKeys.SEC1_EC) || block.label.equals(PrivateKeys.PKCS8))) {
          return decode(file, block.label, legacy(file, block, password));
        }
      }
    } finally {
      Arrays.fill(password, (byte) 0);
    }
    // Not encrypted: the passphrase is not needed.
    return PrivateKeys.read(file);
  }

  private static PrivateKey decode(File file, String label, byte[] der) throws TlsException {
    try {
      return PrivateKeys.decode(label, der);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw wrongPassphrase(file, e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * <pre>
   * EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, encryptedData OCTET STRING }
   * PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier (PBKDF2),
   *                             encryptionScheme AlgorithmIdentifier (cipher OID, IV) }
   * PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER,
   *                              keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT SHA1 }
   * </pre>
   */
  private static byte[] pkcs8(File file, byte[] der, byte[] password) throws TlsException {
    String scheme;
    byte[] salt;
    int iterations;
    String prf = "HmacSHA1";
    String cipherOid;
    byte[] iv;
    byte[] encrypted;
    try {
      Der.Element info = Der.expect(Der.SEQUENCE, Der.read(der, 0, der.length), "encrypted key");
      Der.Element algorithm = Der.expect(Der.SEQUENCE, info.first(), "encryption algorithm");
      scheme = Der.oidToString(Der.expect(Der.OID, algorithm.first(), "scheme").content());
      encrypted = Der.expect(Der.OCTET_STRING, algorithm.next(info), "encrypted data").content();
      if (!scheme.equals(PBES2)) throw unsupported(file, "the scheme " + name(scheme));
      Der.Element params = Der.expect(Der.SEQUENCE, algorithm.first().next(algorithm), "PBES2");
      Der.Element kdf = Der.expect(Der.SEQUENCE, params.first(), "key derivation");
      String kdfOid = Der.oidToString(Der.expect(Der.OID, kdf.first(), "KDF").content());
      if (!kdfOid.equals(PBKDF2)) throw unsupported(file, "the key derivation " + name(kdfOid));
      Der.Element kdfParams = Der.expect(Der.SEQUENCE, kdf.first().next(kdf), "PBKDF2");
      Der.Element saltElement = Der.expect(Der.OCTET_STRING, kdfParams.first(), "salt");
      salt = saltElement.content();
      Der.Element count = Der.expect(Der.INTEGER, saltElement.next(kdfParams), "iterations");
      BigInteger n = new BigInteger(count.content());
      if (n.bitLength() > 31) throw new IllegalArgumentException("iteration count " + n);
      iterations = n.intValue();
      for (Der.Element e = count.next(kdfParams); e != null; e = e.next(kdfParams)) {
        if (e.tag == Der.SEQUENCE) {
          String prfOid = Der.oidToString(Der.expect(Der.OID, e.first(), "PRF").content());
          prf = hmac(file, prfOid);
        }
      }
      Der.Element cipher = Der.expect(Der.SEQUENCE, kdf.next(params), "encryption scheme");
      cipherOid = Der.oidToString(Der.expect(Der.OID, cipher.first(), "cipher").content());
      iv = Der.expect(Der.OCTET_STRING, cipher.first().next(cipher), "IV").content();
    } catch (IllegalArgumentException e) {
      throw Pem.unreadable(file, "client private key " + file + ": the ENCRYPTED PRIVATE KEY"
          + " block cannot be decoded: " + e.getMessage(), e);
    }
    String transformation = cipherByOid(file, cipherOid);
    int keyLength = keyLength(cipherOid);
    if (iterations < 1) throw unsupported(file, "an iteration count of " + iterations);
    byte[] key = pbkdf2(prf, password, salt, iterations, keyLength);
    return decrypt(file, transformation, key, iv, encrypted);
  }

  /** {@code DEK-Info: AES-256-CBC,HEXIV}; the key is EVP_BytesToKey(MD5, IV's first 8 bytes). */
  private static byte[] legacy(File file, Pem.Block block, byte[] password) throws TlsException {
    String dek = block.header("DEK-Info");
    if (dek == null || dek.indexOf(',') < 0) {
      throw Pem.unreadable(file, "client private key " + file + " is encrypted (Proc-Type:"
          + " 4,ENCRYPTED) but has no DEK-Info header naming the cipher", null);
    }
    String cipher = dek.substring(0, dek.indexOf(',')).trim().toUpperCase(java.util.Locale.ROOT);
    byte[] iv = hex(file, dek.substring(dek.indexOf(',') + 1).trim());
    String transformation;
    int keyLength;
    switch (cipher) {
      case "AES-128-CBC": transformation = "AES/CBC/PKCS5Padding"; keyLength = 16; break;
      case "AES-192-CBC": transformation = "AES/CBC/PKCS5Padding"; keyLength = 24; break;
      case "AES-256-CBC": transformation = "AES/CBC/PKCS5Padding"; keyLength = 32; break;
      case "DES-EDE3-CBC": transformation = "DESede/CBC/PKCS5Padding"; keyLength = 24; break;
      default: throw unsupported(file, "the cipher " + cipher);
    }
    if (iv.length < 8) throw unsupported(file, "an IV of " + iv.length + " bytes");
    byte[] key = bytesToKey(password, Arrays.copyOf(iv, 8), keyLength);
    return decrypt(file, transformation, key, iv, block.der);
  }

  private static byte[] decrypt(File file, String transformation, byte[] key, byte[] iv,
      byte[] encrypted) throws TlsException {
    String algorithm = transformation.substring(0, transformation.indexOf('/'));
    try {
      Cipher cipher = Cipher.getInstance(transformation);
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, algorithm), new IvParameterSpec(iv));
      return cipher.doFinal(encrypted);
    } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
      throw wrongPassphrase(file, e);
    } catch (GeneralSecurityException e) {
      throw Pem.unreadable(file, "client private key " + file + ": this platform cannot decrypt "
          + transformation + " (" + e.getMessage() + "); " + CONVERT, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** PBKDF2 (RFC 8018 5.2) over {@code prf}. */
  static byte[] pbkdf2(String prf, byte[] password, byte[] salt, int iterations, int length) {
    try {
      Mac mac = Mac.getInstance(prf);
      // An empty passphrase is a valid HMAC key, but SecretKeySpec refuses empty arrays.
      mac.init(password.length == 0 ? new EmptyKey(prf) : new SecretKeySpec(password, prf));
      int hLen = mac.getMacLength();
      byte[] out = new byte[length];
      byte[] block = new byte[hLen];
      for (int i = 1, done = 0; done < length; i++) {
        mac.update(salt);
        mac.update(ByteBuffer.allocate(4).putInt(i).array());
        byte[] u = mac.doFinal();
        System.arraycopy(u, 0, block, 0, hLen);
        for (int j = 1; j < iterations; j++) {
          u = mac.doFinal(u);
          for (int k = 0; k < hLen; k++) block[k] ^= u[k];
        }
        int n = Math.min(hLen, length - done);
        System.arraycopy(block, 0, out, done, n);
        done += n;
      }
      Arrays.fill(block, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this platform has no " + prf, e);
    }
  }

  /** A zero-length HMAC key. */
  private static final class EmptyKey implements javax.crypto.SecretKey {
    private static final long serialVersionUID = 1L;
    private final String algorithm;

    EmptyKey(String algorithm) {
      this.algorithm = algorithm;
    }

    @Override public String getAlgorithm() {
      return algorithm;
    }

    @Override public String getFormat() {
      return "RAW";
    }

    @Override public byte[] getEncoded() {
      return new byte[0];
    }
  }

  /** OpenSSL's EVP_BytesToKey with MD5 and one round: D_i = MD5(D_i-1 || password || salt). */
  static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] out = new byte[length];
      byte[] d = new byte[0];
      for (int done = 0; done < length; ) {
        md5.update(d);
        md5.update(password);
        md5.update(salt);
        d = md5.digest();
        int n = Math.min(d.length, length - done);
        System.arraycopy(d, 0, out, done, n);
        done += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this platform has no MD5", e);
    }
  }

  private static String hmac(File file, String oid) throws TlsException {
    switch (oid) {
      case "1.2.840.113549.2.7": return "HmacSHA1";
      case "1.2.840.113549.2.8": return "HmacSHA224";
      case "1.2.840.113549.2.9": return "HmacSHA256";
      case "1.2.840.113549.2.10": return "HmacSHA384";
      case "1.2.840.113549.2.11": return "HmacSHA512";
      default: throw unsupported(file, "the PBKDF2 hash " + oid);
    }
  }

  private static String cipherByOid(File file, String oid) throws TlsException {
    switch (oid) {
      case "2.16.840.1.101.3.4.1.2": case "2.16.840.1.101.3.4.1.22": case "2.16.840.1.101.3.4.1.42":
        return "AES/CBC/PKCS5Padding";
      case "1.2.840.113549.3.7":
        return "DESede/CBC/PKCS5Padding";
      default:
        throw unsupported(file, "the cipher " + oid);
    }
  }

  private static int keyLength(String oid) {
    switch (oid) {
      case "2.16.840.1.101.3.4.1.2": return 16;
      case "2.16.840.1.101.3.4.1.22": return 24;
      default: return oid.equals("1.2.840.113549.3.7") ? 24 : 32;
    }
  }

  /** Names for the schemes met in practice, for the error message. */
  private static String name(String oid) {
    if (oid.startsWith("1.2.840.113549.1.12.1.")) return "PKCS#12 PBE " + oid;
    if (oid.startsWith("1.2.840.113549.1.5.")) return "PBES1 " + oid;
    return oid;
  }

  private static byte[] hex(File file, String hex) throws TlsException {
    if (hex.length() % 2 != 0) throw unsupported(file, "the DEK-Info IV '" + hex + "'");
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) throw unsupported(file, "the DEK-Info IV '" + hex + "'");
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static byte[] utf8(char[] passphrase) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) Arrays.fill(b.array(), (byte) 0);
    return out;
  }

  private static TlsException unsupported(File file, String what) {
    return Pem.unreadable(file, "client private key " + file + " is encrypted with " + what
        + ", which Wren does not decrypt (it takes PBES2 with PBKDF2 and AES-CBC or DES-EDE3-CBC,"
        + " and OpenSSL's legacy AES-CBC/DES-EDE3-CBC); " + CONVERT, null);
  }

  private static TlsException wrongPassphrase(File file, Exception e) {
    return Pem.unreadable(file, "client private key " + file + ": wrong passphrase (the key"
        + " does not decrypt)", e);
  }
}
