package dev.wren.mqtt.internal.transport;

/**
 * RFC 4648 base64 with padding, for PEM bodies and HTTP Basic credentials. Java 8 has
 * {@code java.util.Base64}, but Android gained it only in API 26. Stateless.
 */
public final class Base64 {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private Base64() {
  }

  public static String encode(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length + 2) / 3 * 4);
    for (int i = 0; i < data.length; i += 3) {
      int n = (data[i] & 0xff) << 16;
      if (i + 1 < data.length) n |= (data[i + 1] & 0xff) << 8;
      if (i + 2 < data.length) n |= data[i + 2] & 0xff;
      sb.append(ALPHABET[n >>> 18 & 63]).append(ALPHABET[n >>> 12 & 63]);
      sb.append(i + 1 < data.length ? ALPHABET[n >>> 6 & 63] : '=');
      sb.append(i + 2 < data.length ? ALPHABET[n & 63] : '=');
    }
    return sb.toString();
  }

  /**
   * Decodes, skipping white space (PEM wraps lines).
   *
   * @throws IllegalArgumentException naming the first character that is not base64
   */
  public static byte[] decode(CharSequence text) {
    byte[] out = new byte[text.length() * 3 / 4 + 3];
    int length = 0;
    int bits = 0;
    int count = 0;
    int padding = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      if (c == '=') {
        padding++;
        continue;
      }
      int value = valueOf(c);
      if (value < 0 || padding > 0) {
        throw new IllegalArgumentException("not base64: '" + c + "' at offset " + i);
      }
      bits = bits << 6 | value;
      if (++count == 4) {
        out[length++] = (byte) (bits >> 16);
        out[length++] = (byte) (bits >> 8);
        out[length++] = (byte) bits;
        bits = 0;
        count = 0;
      }
    }
    if (count == 1 || padding > 2) {
      throw new IllegalArgumentException("not base64: truncated after " + length + " bytes");
    }
    if (count == 2) {
      out[length++] = (byte) (bits >> 4);
    } else if (count == 3) {
      out[length++] = (byte) (bits >> 10);
      out[length++] = (byte) (bits >> 2);
    }
    byte[] result = new byte[length];
    System.arraycopy(out, 0, result, 0, length);
    return result;
  }

  private static int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  }
}
