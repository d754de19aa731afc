package dev.wren.mqtt.internal.codec;

/** Formatting of raw bytes for error messages. Holds no state. */
public final class Bytes {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private Bytes() {}

  /** {@code len} bytes as upper-case hex pairs separated by spaces, such as "C0 80". */
  public static String hex(byte[] buf, int offset, int len) {
    StringBuilder out = new StringBuilder(len * 3);
    for (int i = offset; i < offset + len; i++) {
      if (i > offset) out.append(' ');
      out.append(DIGITS[(buf[i] >> 4) & 0xF]).append(DIGITS[buf[i] & 0xF]);
    }
    return out.toString();
  }

  /** {@code len} bytes as ASCII, "." for each byte that is not printable: "HTTP/1.1 400.." */
  public static String ascii(byte[] buf, int offset, int len) {
    StringBuilder out = new StringBuilder(len);
    for (int i = offset; i < offset + len; i++) {
      int b = buf[i] & 0xFF;
      out.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
    }
    return out.toString();
  }

  /** A byte value as "0x2A"; anything outside 0..255 in decimal, so it is never misreported. */
  static String hex(int value) {
    if (value < 0 || value > 0xFF) return Integer.toString(value);
    return "0x" + DIGITS[(value >> 4) & 0xF] + DIGITS[value & 0xF];
  }

  /** A nibble as "0b0010", the way the spec draws flag bits. */
  static String bits4(int nibble) {
    return "0b" + ((nibble >> 3) & 1) + ((nibble >> 2) & 1) + ((nibble >> 1) & 1) + (nibble & 1);
  }
}
