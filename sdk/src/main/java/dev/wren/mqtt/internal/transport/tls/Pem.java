package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.internal.transport.Base64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PEM files (RFC 7468): {@code -----BEGIN LABEL-----}, base64, {@code -----END LABEL-----},
 * text around the blocks ignored. Errors say which file, what was expected and what was found.
 * Stateless.
 */
final class Pem {
  /** Larger than any sane certificate bundle; stops a wrong path from filling the heap. */
  private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {
  }

  /** One block: its label, decoded body, and whether it had RFC 1421 headers. */
  static final class Block {
    final String label;
    final byte[] der;
    /** Legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}). */
    final boolean encrypted;
    /** The RFC 1421 headers ({@code Proc-Type}, {@code DEK-Info}) as written, or "". */
    final String headers;

    Block(String label, byte[] der, boolean encrypted) {
      this(label, der, encrypted, "");
    }

    Block(String label, byte[] der, boolean encrypted, String headers) {
      this.label = label;
      this.der = der;
      this.encrypted = encrypted;
      this.headers = headers;
    }

    /** The value of header {@code name} ({@code DEK-Info}), or null. */
    String header(String name) {
      for (String line : headers.split("\\r?\\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * The certificates of a PEM file, in file order.
   *
   * @param role what the file is for, for example "caFile"
   * @throws TlsException (UNREADABLE_FILE) when the file cannot be read or holds no certificate
   */
  static List<X509Certificate> certificates(File file, String role) throws TlsException {
    byte[] bytes = readFile(file, role);
    List<Block> blocks = blocks(bytes, file, role);
    List<X509Certificate> certificates = new ArrayList<>();
    CertificateFactory factory = certificateFactory();
    for (Block block : blocks) {
      if (!block.label.equals("CERTIFICATE")) continue;
      try {
        certificates.add((X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(block.der)));
      } catch (CertificateException | RuntimeException e) {
        throw unreadable(file, role + " " + file + ": CERTIFICATE block " + (certificates.size() + 1)
            + " is not a valid X.509 certificate: " + e.getMessage(), e);
      }
    }
    if (certificates.isEmpty()) {
      throw unreadable(file, role + " " + file + ": expected PEM certificates (-----BEGIN"
          + " CERTIFICATE-----), found " + describe(bytes, blocks), null);
    }
    return certificates;
  }

  /**
   * The blocks of a file, or an empty list when it has none (used for directories of mixed
   * files, where a file without certificates is skipped).
   */
  static List<Block> blocksOrNone(File file, String role) throws TlsException {
    return blocks(readFile(file, role), file, role);
  }

  static List<Block> blocks(byte[] bytes, File file, String role) throws TlsException {
    String text = new String(bytes, Charset.forName("ISO-8859-1"));
    List<Block> blocks = new ArrayList<>();
    int pos = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, pos);
      if (begin < 0) return blocks;
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      int lineEnd = text.indexOf('\n', begin);
      if (labelEnd < 0 || (lineEnd >= 0 && labelEnd > lineEnd)) {
        throw unreadable(file, role + " " + file + ": malformed PEM line at offset " + begin, null);
      }
      String label = text.substring(begin + BEGIN.length(), labelEnd);
      String endLine = END + label + DASHES;
      // After the BEGIN line's dashes: "-----BEGIN X--------END X-----" must not end in itself.
      int end = text.indexOf(endLine, labelEnd + DASHES.length());
      if (end < 0) {
        throw unreadable(file, role + " " + file + ": the " + label + " block has no '" + endLine
            + "' line (truncated file?)", null);
      }
      String body = text.substring(labelEnd + DASHES.length(), end);
      boolean encrypted = false;
      String headers = "";
      int headersEnd = body.indexOf(':') >= 0 ? blankLine(body) : -1;
      if (headersEnd >= 0) {
        headers = body.substring(0, headersEnd).trim();
        encrypted = headers.contains("ENCRYPTED");
        body = body.substring(headersEnd);
      }
      try {
        blocks.add(new Block(label, Base64.decode(body), encrypted, headers));
      } catch (IllegalArgumentException e) {
        throw unreadable(file, role + " " + file + ": the " + label + " block is not valid base64 ("
            + e.getMessage() + ")", e);
      }
      pos = end + endLine.length();
    }
  }

  /** Where RFC 1421 headers end (after the blank line), or -1. */
  private static int blankLine(String body) {
    int i = body.indexOf("\n\n");
    int j = body.indexOf("\n\r\n");
    if (i < 0 && j < 0) return -1;
    if (i < 0 || (j >= 0 && j < i)) return j + 3;
    return i + 2;
  }

  static byte[] readFile(File file, String role) throws TlsException {
    if (file.length() > MAX_FILE_BYTES) {
      throw unreadable(file, role + " " + file + " is " + file.length() + " bytes; a PEM or"
          + " PKCS#12 file is far smaller (wrong file?)", null);
    }
    try (InputStream in = new FileInputStream(file)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(16, file.length()));
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) out.write(buffer, 0, n);
      return out.toByteArray();
    } catch (IOException e) {
      throw unreadable(file, "cannot read " + role + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** What a file holds instead of the expected blocks, in a few words. */
  static String describe(byte[] bytes, List<Block> blocks) {
    if (!blocks.isEmpty()) {
      StringBuilder labels = new StringBuilder();
      for (Block b : blocks) {
        if (labels.length() > 0) labels.append(", ");
        labels.append(b.label);
      }
      return "only PEM blocks of another kind: " + labels;
    }
    if (bytes.length == 0) return "an empty file";
    if ((bytes[0] & 0xff) == 0x30) {
      return "binary DER, not PEM (convert it: openssl x509 -inform der -in FILE -out FILE.pem,"
          + " or openssl pkey -inform der for a key)";
    }
    StringBuilder start = new StringBuilder();
    for (int i = 0; i < bytes.length && start.length() < 32; i++) {
      char c = (char) (bytes[i] & 0xff);
      start.append(c >= 0x20 && c < 0x7f ? c : '.');
    }
    return "no '-----BEGIN' line (the file starts with '" + start + "')";
  }

  static TlsException unreadable(File file, String message, Throwable cause) {
    return new TlsException(TlsException.Kind.UNREADABLE_FILE, file, message, cause);
  }

  private static CertificateFactory certificateFactory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("this JVM has no X.509 CertificateFactory", e);
    }
  }
}
