package dev.wren.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as mosquitto_sub's {@code %j} and {@code %J} print it, which is how the cJSON library
 * writes: strings with {@code \"}, {@code \\}, {@code \b \f \n \r \t} and {@code \}{@code u00XX}
 * for other control bytes, every other byte as it is; {@code %J} re-serialises the payload without
 * whitespace, escapes decoded, numbers as C's {@code %1.15g} (or {@code %1.17g} when that does not
 * read back), integral ones as integers. Works on bytes, like C. Stateless.
 */
final class CJson {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private CJson() {
  }

  /** Writes {@code bytes} up to the first NUL (C strings end there) as a JSON string. */
  static void string(byte[] bytes, ByteArrayOutputStream out) {
    out.write('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == 0) break;
      switch (c) {
        case '"': out.write('\\'); out.write('"'); break;
        case '\\': out.write('\\'); out.write('\\'); break;
        case '\b': out.write('\\'); out.write('b'); break;
        case '\f': out.write('\\'); out.write('f'); break;
        case '\n': out.write('\\'); out.write('n'); break;
        case '\r': out.write('\\'); out.write('r'); break;
        case '\t': out.write('\\'); out.write('t'); break;
        default:
          if (c < 32) {
            byte[] esc = String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII);
            out.write(esc, 0, esc.length);
          } else {
            out.write(c);
          }
      }
    }
    out.write('"');
  }

  /**
   * {@code json} re-serialised as cJSON prints it unformatted, or null when it is not one valid
   * JSON value (a NUL byte anywhere makes it invalid, as for mosquitto_sub).
   */
  static byte[] reserialise(byte[] json) {
    Parser p = new Parser(json);
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
    try {
      p.skipSpace();
      p.value(out, 0);
      p.skipSpace();
      if (p.at != json.length) return null;
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out.toByteArray();
  }

  /** A number as cJSON prints it. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
    int asInt = d >= Integer.MAX_VALUE ? Integer.MAX_VALUE
        : d <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d;
    if (d == (double) asInt) return Integer.toString(asInt);
    String s = g(d, 15);
    return Double.parseDouble(s) == d ? s : g(d, 17);
  }

  /** C's {@code %1.Pg}: P significant digits, trailing zeros dropped, exponent form when apt. */
  static String g(double d, int precision) {
    if (d == 0) return (1 / d < 0) ? "-0" : "0";
    BigDecimal exact = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      BigDecimal mantissa = exact.movePointLeft(exponent);
      String m = strip(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
      String e = Integer.toString(Math.abs(exponent));
      return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return strip(exact.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN)
        .toPlainString());
  }

  private static String strip(String fixed) {
    if (fixed.indexOf('.') < 0) return fixed;
    int end = fixed.length();
    while (fixed.charAt(end - 1) == '0') end--;
    if (fixed.charAt(end - 1) == '.') end--;
    return fixed.substring(0, end);
  }

  /** A recursive-descent reader over bytes; throws IllegalArgumentException on bad input. */
  private static final class Parser {
    private final byte[] in;
    int at;

    Parser(byte[] in) {
      this.in = in;
    }

    void skipSpace() {
      while (at < in.length && (in[at] & 0xff) <= 32 && in[at] != 0) at++;
    }

    private int peek() {
      if (at >= in.length) throw new IllegalArgumentException("end of input");
      return in[at] & 0xff;
    }

    private boolean literal(String word, ByteArrayOutputStream out) {
      byte[] w = word.getBytes(StandardCharsets.US_ASCII);
      if (at + w.length > in.length) return false;
      for (int i = 0; i < w.length; i++) if (in[at + i] != w[i]) return false;
      at += w.length;
      out.write(w, 0, w.length);
      return true;
    }

    void value(ByteArrayOutputStream out, int depth) {
      if (depth > 1000) throw new IllegalArgumentException("nested too deeply");
      int c = peek();
      if (c == 'n' && literal("null", out) || c == 't' && literal("true", out)
          || c == 'f' && literal("false", out)) {
        return;
      }
      if (c == '"') {
        string(parseString(), out);
      } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
        parseNumber(out);
      } else if (c == '[') {
        list(out, depth, ']');
      } else if (c == '{') {
        list(out, depth, '}');
      } else {
        throw new IllegalArgumentException("unexpected " + c);
      }
    }

    /** An array or an object (keys are strings followed by ':'). */
    private void list(ByteArrayOutputStream out, int depth, char close) {
      boolean object = close == '}';
      out.write(in[at++]);
      skipSpace();
      if (peek() == close) {
        at++;
        out.write(close);
        return;
      }
      while (true) {
        skipSpace();
        if (object) {
          if (peek() != '"') throw new IllegalArgumentException("object key expected");
          string(parseString(), out);
          skipSpace();
          if (peek() != ':') throw new IllegalArgumentException("':' expected");
          at++;
          out.write(':');
          skipSpace();
        }
        value(out, depth + 1);
        skipSpace();
        int c = peek();
        at++;
        if (c == close) {
          out.write(close);
          return;
        }
        if (c != ',') throw new IllegalArgumentException("',' expected");
        out.write(',');
      }
    }

    private void parseNumber(ByteArrayOutputStream out) {
      int end = at;
      while (end < in.length && "0123456789+-eE.".indexOf(in[end]) >= 0) end++;
      Matcher m = NUMBER.matcher(new String(in, at, end - at, StandardCharsets.US_ASCII));
      if (!m.lookingAt()) throw new IllegalArgumentException("bad number");
      at += m.end();
      byte[] text = number(Double.parseDouble(m.group())).getBytes(StandardCharsets.US_ASCII);
      out.write(text, 0, text.length);
    }

    /** The bytes of a string, escapes decoded ({@code \}{@code uXXXX} to UTF-8). */
    private byte[] parseString() {
      at++; // the opening quote
      ByteArrayOutputStream s = new ByteArrayOutputStream();
      while (true) {
        int c = peek();
        at++;
        if (c == '"') return s.toByteArray();
        if (c != '\\') {
          s.write(c);
          continue;
        }
        int e = peek();
        at++;
        switch (e) {
          case 'b': s.write('\b'); break;
          case 'f': s.write('\f'); break;
          case 'n': s.write('\n'); break;
          case 'r': s.write('\r'); break;
          case 't': s.write('\t'); break;
          case '"': case '\\': case '/': s.write(e); break;
          case 'u': utf8(codePoint(), s); break;
          default: throw new IllegalArgumentException("bad escape");
        }
      }
    }

    private int codePoint() {
      int first = hex4();
      if (first >= 0xDC00 && first <= 0xDFFF) throw new IllegalArgumentException("lone surrogate");
      if (first < 0xD800 || first > 0xDBFF) return first;
      if (at + 2 > in.length || in[at] != '\\' || in[at + 1] != 'u') {
        throw new IllegalArgumentException("lone surrogate");
      }
      at += 2;
      int second = hex4();
      if (second < 0xDC00 || second > 0xDFFF) throw new IllegalArgumentException("bad surrogate");
      return 0x10000 + ((first & 0x3FF) << 10) + (second & 0x3FF);
    }

    private int hex4() {
      if (at + 4 > in.length) throw new IllegalArgumentException("short \\u escape");
      int v = Integer.parseInt(new String(in, at, 4, StandardCharsets.US_ASCII), 16);
      at += 4;
      return v;
    }

    private static void utf8(int cp, ByteArrayOutputStream s) {
      byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      s.write(b, 0, b.length);
    }
  }
}
