package dev.wren.mqtt.internal.transport.ws;

/**
 * Standard base64 with padding (RFC 4648 section 4), encode only: the handshake needs it for two
 * short values, and {@code java.util.Base64} is missing on Android API 21. Holds no state.
 */
final class Base64Encoder {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private Base64Encoder() {
  }

  static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length + 2) / 3 * 4);
    int i = 0;
    for (; i + 3 <= data.length; i += 3) {
      int bits = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
      out.append(ALPHABET[bits >> 18]).append(ALPHABET[(bits >> 12) & 0x3F])
          .append(ALPHABET[(bits >> 6) & 0x3F]).append(ALPHABET[bits & 0x3F]);
    }
    int left = data.length - i;
    if (left == 1) {
      int bits = (data[i] & 0xFF) << 16;
      out.append(ALPHABET[bits >> 18]).append(ALPHABET[(bits >> 12) & 0x3F]).append("==");
    } else if (left == 2) {
      int bits = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8;
      out.append(ALPHABET[bits >> 18]).append(ALPHABET[(bits >> 12) & 0x3F])
          .append(ALPHABET[(bits >> 6) & 0x3F]).append('=');
    }
    return out.toString();
  }
}
