package dev.wren.mqtt.internal.codec;

/** Test helper: hex strings (spaces optional) to bytes and back. */
final class Hex {
  private Hex() {}

  static byte[] decode(String hex) {
    String digits = hex.replace(" ", "");
    if (digits.length() % 2 != 0) throw new IllegalArgumentException("odd hex length: " + hex);
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** Upper-case pairs separated by single spaces: "30 02 00 01". */
  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      if (out.length() > 0) out.append(' ');
      out.append(String.format("%02X", b & 0xFF));
    }
    return out.toString();
  }

  /** Normalises spacing and case so hex strings compare equal when their bytes do. */
  static String normalize(String hex) {
    return encode(decode(hex));
  }
}
