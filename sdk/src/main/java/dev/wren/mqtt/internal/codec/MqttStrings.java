package dev.wren.mqtt.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * MQTT "UTF-8 encoded strings" (spec 1.5.3): a 2-byte big-endian length, then well-formed UTF-8
 * with no U+0000 and no surrogate code points, at most 65,535 bytes. Hand-written rather than
 * built on {@code String.getBytes}, because the JDK silently replaces what MQTT requires us to
 * reject. Stateless and thread-safe.
 */
public final class MqttStrings {
  private MqttStrings() {}

  /**
   * Checks that {@code s} can be sent as an MQTT string.
   *
   * @throws MalformedStringException naming the problem and where it is
   */
  public static void check(String s) throws MalformedStringException {
    long length = scan(s);
    if (length < 0) {
      int index = (int) (-length - 1);
      throw new MalformedStringException(describeBadChar(s, index));
    }
    if (length > PacketType.MAX_FIELD_LENGTH) {
      throw new MalformedStringException(
          "MQTT string must be at most 65535 UTF-8 bytes: " + length + " bytes");
    }
  }

  /**
   * The number of UTF-8 bytes {@code s} encodes to, without the length prefix.
   *
   * @throws IllegalArgumentException if {@code s} holds U+0000 or an unpaired surrogate
   */
  public static int utf8Length(String s) {
    long length = scan(s);
    if (length < 0) throw new IllegalArgumentException(describeBadChar(s, (int) (-length - 1)));
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("string too long to encode: " + length + " bytes");
    }
    return (int) length;
  }

  /**
   * The UTF-8 length of {@code s}, as {@link #utf8Length} does, also rejecting more than 65,535
   * bytes. {@code what} names the field in the message.
   */
  static int fieldLength(String what, String s) {
    long length = scan(s);
    if (length < 0) {
      throw new IllegalArgumentException(what + ": " + describeBadChar(s, (int) (-length - 1)));
    }
    if (length > PacketType.MAX_FIELD_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be at most 65535 UTF-8 bytes: " + length + " bytes");
    }
    return (int) length;
  }

  /**
   * Writes the 2-byte length prefix and the UTF-8 bytes of {@code s} at {@code offset}; the caller
   * has sized {@code dst} (see {@link #utf8Length}). Returns the offset after the last byte.
   *
   * @throws IllegalArgumentException if {@code s} breaks the MQTT string rules
   */
  public static int encode(String s, byte[] dst, int offset) {
    int start = offset;
    int pos = offset + 2; // Prefix written last, once the length is known: one pass over s.
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c != 0) {
        dst[pos++] = (byte) c;
      } else if (c < 0x800 && c != 0) {
        dst[pos++] = (byte) (0xC0 | c >> 6);
        dst[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c) && c != 0) {
        dst[pos++] = (byte) (0xE0 | c >> 12);
        dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        dst[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dst[pos++] = (byte) (0xF0 | cp >> 18);
        dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        dst[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        throw new IllegalArgumentException(describeBadChar(s, i));
      }
    }
    int length = pos - start - 2;
    if (length > PacketType.MAX_FIELD_LENGTH) {
      throw new IllegalArgumentException(
          "MQTT string must be at most 65535 UTF-8 bytes: " + length + " bytes");
    }
    dst[start] = (byte) (length >> 8);
    dst[start + 1] = (byte) length;
    return pos;
  }

  /**
   * Decodes {@code length} bytes of strict UTF-8 (no length prefix).
   *
   * @throws MalformedStringException for ill-formed UTF-8 (bad lead or continuation bytes,
   *     truncated or overlong sequences, encoded surrogates, code points above U+10FFFF) or U+0000;
   *     the message gives the byte position and the offending bytes in hex
   */
  public static String decode(byte[] buf, int offset, int length)
      throws MalformedStringException {
    if (isPlainAscii(buf, offset, length)) {
      // Most topics: each byte is its char, and the JDK makes the string without a char[] first.
      return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[length]; // UTF-8 never yields more UTF-16 units than bytes.
    int n = 0;
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = buf[i] & 0xFF;
      if (b < 0x80) {
        if (b == 0) throw malformed("U+0000 is not allowed", buf, offset, i, 1);
        out[n++] = (char) b;
        i++;
        continue;
      }
      int trailing;
      int min;
      int cp;
      if (b >= 0xC0 && b <= 0xDF) {
        trailing = 1;
        min = 0x80;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        trailing = 2;
        min = 0x800;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF7) {
        trailing = 3;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        throw malformed("invalid lead byte", buf, offset, i, 1);
      }
      if (end - i - 1 < trailing) {
        throw malformed("truncated sequence", buf, offset, i, end - i);
      }
      for (int k = 1; k <= trailing; k++) {
        int c = buf[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) throw malformed("invalid continuation byte", buf, offset, i, k + 1);
        cp = cp << 6 | (c & 0x3F);
      }
      int seqLength = trailing + 1;
      if (cp < min) throw malformed("overlong encoding", buf, offset, i, seqLength);
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        throw malformed("encoded surrogate", buf, offset, i, seqLength);
      }
      if (cp > 0x10FFFF) throw malformed("code point above U+10FFFF", buf, offset, i, seqLength);
      if (cp >= 0x10000) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
      i += seqLength;
    }
    return new String(out, 0, n);
  }

  /**
   * Whether the {@code length} bytes at {@code offset} are {@code s} in ASCII (chars 0x01..0x7F,
   * one byte each), so decoding them would give a String equal to {@code s}.
   */
  static boolean spellsAscii(byte[] buf, int offset, int length, String s) {
    if (s.length() != length) return false;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c == 0 || c >= 0x80 || buf[offset + i] != c) return false;
    }
    return true;
  }

  /** Only bytes 0x01..0x7F: valid UTF-8 that decodes byte for char. */
  private static boolean isPlainAscii(byte[] buf, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (buf[i] <= 0) return false; // 0x00, or 0x80..0xFF as a signed byte
    }
    return true;
  }

  private static MalformedStringException malformed(
      String problem, byte[] buf, int start, int at, int count) {
    return new MalformedStringException("ill-formed UTF-8 at byte " + (at - start) + ": "
        + problem + " " + Bytes.hex(buf, at, count));
  }

  /**
   * The UTF-8 length of {@code s}, or {@code -(index + 1)} for the first U+0000 or unpaired
   * surrogate. A long, since three bytes per char can overflow an int.
   */
  private static long scan(String s) {
    if (s == null) throw new NullPointerException("string == null");
    long length = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == 0) return -(i + 1L);
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (!Character.isSurrogate(c)) {
        length += 3;
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        return -(i + 1L);
      }
    }
    return length;
  }

  private static String describeBadChar(String s, int index) {
    char c = s.charAt(index);
    String what = c == 0 ? "U+0000 is not allowed" : "unpaired surrogate";
    return what + " at index " + index + ": " + String.format("U+%04X", (int) c);
  }
}
