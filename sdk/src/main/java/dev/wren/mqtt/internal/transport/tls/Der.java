package dev.wren.mqtt.internal.transport.tls;

import java.io.ByteArrayOutputStream;

/**
 * The little DER (ITU-T X.690) a key converter needs: read one element, write one element.
 * Stateless. Each element is tag, length, content; lengths over 127 take the long form
 * {@code 0x80 | n} followed by n big-endian bytes.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  /** Context-specific, constructed, tag 0 and 1: SEC1's optional parameters and public key. */
  static final int CONTEXT_0 = 0xa0;
  static final int CONTEXT_1 = 0xa1;

  /** rsaEncryption, 1.2.840.113549.1.1.1. */
  static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1};
  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  static final byte[] OID_EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1};

  private Der() {
  }

  /** One element of a DER buffer. */
  static final class Element {
    final int tag;
    final byte[] buffer;
    /** Where the tag is. */
    final int start;
    final int contentStart;
    final int contentLength;
    /** Where the next element starts. */
    final int end;

    Element(int tag, byte[] buffer, int start, int contentStart, int contentLength) {
      this.tag = tag;
      this.buffer = buffer;
      this.start = start;
      this.contentStart = contentStart;
      this.contentLength = contentLength;
      this.end = contentStart + contentLength;
    }

    byte[] content() {
      byte[] c = new byte[contentLength];
      System.arraycopy(buffer, contentStart, c, 0, contentLength);
      return c;
    }

    /** The first element inside this (constructed) one. */
    Element first() {
      return read(buffer, contentStart, end);
    }

    /** The element after this one inside {@code parent}, or null at its end. */
    Element next(Element parent) {
      return end >= parent.end ? null : read(buffer, end, parent.end);
    }

    /** This whole element, tag and length included. */
    byte[] encoded() {
      byte[] c = new byte[end - start];
      System.arraycopy(buffer, start, c, 0, c.length);
      return c;
    }
  }

  /**
   * Reads the element at {@code offset}, which must end by {@code limit}.
   *
   * @throws IllegalArgumentException when the bytes are not DER
   */
  static Element read(byte[] der, int offset, int limit) {
    if (offset + 2 > limit) throw new IllegalArgumentException("DER truncated at offset " + offset);
    int tag = der[offset] & 0xff;
    int first = der[offset + 1] & 0xff;
    int pos = offset + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4 || pos + n > limit) {
        throw new IllegalArgumentException("DER length of " + n + " bytes at offset " + offset);
      }
      length = 0;
      for (int i = 0; i < n; i++) length = length << 8 | (der[pos++] & 0xff);
    }
    if (pos + length > limit) {
      throw new IllegalArgumentException("DER element at offset " + offset + " claims " + length
          + " bytes; only " + (limit - pos) + " remain");
    }
    return new Element(tag, der, offset, pos, (int) length);
  }

  /** Checks that {@code element} is there and has {@code tag}. */
  static Element expect(int tag, Element element, String what) {
    if (element == null || element.tag != tag) {
      throw new IllegalArgumentException(what + ": expected DER tag 0x" + Integer.toHexString(tag)
          + ", found " + (element == null ? "the end" : "0x" + Integer.toHexString(element.tag)));
    }
    return element;
  }

  /** Encodes tag, length and the concatenated {@code parts}. */
  static byte[] write(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) length += p.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int n = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | n);
      for (int i = n - 1; i >= 0; i--) out.write(length >>> (8 * i));
    }
    for (byte[] p : parts) out.write(p, 0, p.length);
    return out.toByteArray();
  }

  /** An OID's content bytes in dotted form, for error messages. */
  static String oidToString(byte[] oid) {
    StringBuilder sb = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (byte b : oid) {
      value = value << 7 | (b & 0x7f);
      if ((b & 0x80) != 0) continue;
      if (first) {
        sb.append(value < 80 ? value / 40 : 2).append('.').append(value < 80 ? value % 40 : value - 80);
        first = false;
      } else {
        sb.append('.').append(value);
      }
      value = 0;
    }
    return sb.toString();
  }
}
