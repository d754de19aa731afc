package dev.wren.cli;

import dev.wren.mqtt.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * {@code sub -F FORMAT}: mosquitto_sub's output format. {@code %} sequences print the message's
 * fields ({@code %t} topic, {@code %p} payload, {@code %q} QoS, {@code %r} retain, {@code %m}
 * packet id, {@code %l} length, {@code %x}/{@code %X} hex, {@code %I} ISO time, {@code %U} Unix
 * time, {@code %j}/{@code %J} JSON) with mosquitto's flags, width and precision, including its
 * quirks (a width halves what {@code %x} prints; {@code %-p} pads by the payload's length); the
 * MQTT 5.0 properties ({@code %C} content type, {@code %D} correlation data, {@code %E} message
 * expiry interval, {@code %F} payload format indicator, {@code %P} user properties as
 * {@code name:value} separated by spaces, {@code %R} response topic, {@code %S} subscription
 * identifier, {@code %A} topic alias) print as mosquitto_sub 2.0 prints them, and an absent one
 * (always, in 3.1.1) as mosquitto prints an absent one. {@code @X} is strftime's {@code %X}, {@code @N} nanoseconds,
 * and {@code \} escapes. Checked when parsed, as mosquitto_sub does, so a bad format is exit 2.
 * Immutable.
 */
final class SubFormat {
  private static final String SPECIFIERS = "%ACDEFIjJlmPpqRrStUxX";
  private static final String ESCAPES = "\\0aenrtv";

  private final String format;

  private SubFormat(String format) {
    this.format = format;
  }

  /** @throws CliException (exit 2) naming what is wrong in {@code format}, as mosquitto_sub does */
  static SubFormat parse(String flag, String format) throws CliException {
    int len = format.length();
    for (int i = 0; i < len; i++) {
      char c = format.charAt(i);
      if (c == '%') {
        if (i == len - 1) throw incomplete(flag, format);
        i++;
        if (format.charAt(i) == '-' && ++i == len) throw incomplete(flag, format);
        if (format.charAt(i) == '0' && ++i == len) throw incomplete(flag, format);
        while (i < len && Character.isDigit(format.charAt(i))) i++;
        if (i < len && format.charAt(i) == '.') {
          i++;
          while (i < len && Character.isDigit(format.charAt(i))) i++;
        }
        if (i == len) throw incomplete(flag, format);
        if (SPECIFIERS.indexOf(format.charAt(i)) < 0) {
          throw CliException.usage(flag + " " + Errors.quote(format) + ": %" + format.charAt(i)
              + " is not a format specifier; use %t %p %q %r %m %l %x %X %I %U %j %J,"
              + " MQTT 5.0's %A %C %D %E %F %P %R %S, or %%");
        }
      } else if (c == '@') {
        if (i == len - 1) throw incomplete(flag, format);
        char s = format.charAt(++i);
        if (s != '@' && s != 'N' && Strftime.SUPPORTED.indexOf(s) < 0) {
          throw CliException.usage(flag + " " + Errors.quote(format) + ": @" + s + " is not a"
              + " time conversion wren knows; use one of @" + String.join(" @",
              Strftime.SUPPORTED.split("")) + " @N or @@");
        }
      } else if (c == '\\') {
        if (i == len - 1) {
          throw CliException.usage(flag + " " + Errors.quote(format) + ": incomplete escape at"
              + " the end; use \\\\ for a backslash");
        }
        char e = format.charAt(++i);
        if (ESCAPES.indexOf(e) < 0) {
          throw CliException.usage(flag + " " + Errors.quote(format) + ": \\" + e + " is not an"
              + " escape; use \\\\ \\0 \\a \\e \\n \\r \\t or \\v");
        }
      }
    }
    return new SubFormat(format);
  }

  private static CliException incomplete(String flag, String format) {
    return CliException.usage(flag + " " + Errors.quote(format) + ": incomplete format specifier"
        + " at the end; use %% for a percent sign, @@ for an at sign");
  }

  /**
   * The bytes printed for {@code m}, a newline after them when {@code newline}.
   *
   * @param packetId the packet identifier the message came with (0 for QoS 0)
   * @param stderr where an invalid {@code %J} payload is reported, or null (--quiet)
   */
  byte[] format(Message m, int packetId, boolean newline, PrintStream stderr) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(m.payloadSize() + 64);
    Instant now = Instant.now();
    ZonedDateTime time = now.atZone(ZoneId.systemDefault());
    int len = format.length();
    for (int i = 0; i < len; i++) {
      char c = format.charAt(i);
      if (c == '%') {
        char align = 0;
        char pad = ' ';
        int width = 0;
        int precision = -1;
        i++;
        if (format.charAt(i) == '-') {
          align = '-';
          i++;
        }
        if (format.charAt(i) == '0') {
          pad = '0';
          i++;
        }
        while (Character.isDigit(format.charAt(i))) width = width * 10 + format.charAt(i++) - '0';
        if (format.charAt(i) == '.') {
          i++;
          precision = 0;
          while (Character.isDigit(format.charAt(i))) {
            precision = precision * 10 + format.charAt(i++) - '0';
          }
        }
        percent(format.charAt(i), align, pad, width, precision, m, packetId, now, time, out,
            stderr);
      } else if (c == '@') {
        char s = format.charAt(++i);
        if (s == '@') {
          out.write('@');
        } else if (s == 'N') {
          ascii(String.format("%09d", now.getNano()), out);
        } else {
          bytes(Strftime.format(s, time).getBytes(StandardCharsets.UTF_8), out);
        }
      } else if (c == '\\') {
        out.write("\\\u0000\u0007\u001b\n\r\t\u000b".charAt(ESCAPES.indexOf(format.charAt(++i))));
      } else {
        // Literal text as UTF-8; a surrogate pair is one character.
        int end = Character.isHighSurrogate(c) && i + 1 < len ? i + 2 : i + 1;
        bytes(format.substring(i, end).getBytes(StandardCharsets.UTF_8), out);
        i = end - 1;
      }
    }
    if (newline) out.write('\n');
    return out.toByteArray();
  }

  private static void percent(char spec, char align, char pad, int width, int precision,
      Message m, int packetId, Instant now, ZonedDateTime time, ByteArrayOutputStream out,
      PrintStream stderr) {
    byte[] payload = m.payload();
    switch (spec) {
      case '%': out.write('%'); break;
      // The MQTT 5.0 properties, as mosquitto_sub 2.0.11 prints them: numbers with the width
      // and flags, content type and response topic with width and precision, %D and %P as they
      // came (no width); an absent one prints the padding only (blanks or zeros, none for
      // %D %P %R).
      // %A: the SDK resolves topic aliases and keeps none (Mosquitto sends none to subscribers).
      case 'A': blank(pad, width, out); break;
      case 'C':
        if (m.contentType() != null) {
          str(m.contentType().getBytes(StandardCharsets.UTF_8), align, width, precision, out);
        } else {
          blank(' ', width, out);
        }
        break;
      case 'D':
        if (m.correlationData() != null) bytes(m.correlationData(), out);
        break;
      case 'E':
        if (m.expiresAfterMillis() > 0) {
          integer((int) (m.expiresAfterMillis() / 1000), align, pad, width, out);
        } else {
          blank(pad, width, out);
        }
        break;
      // A Payload Format Indicator of 0 is not told from none: both print as none.
      case 'F':
        if (m.payloadFormatUtf8()) integer(1, align, pad, width, out); else blank(pad, width, out);
        break;
      case 'P':
        for (int i = 0; i < m.userProperties().size(); i++) {
          if (i > 0) out.write(' ');
          bytes((m.userProperties().get(i).name() + ":" + m.userProperties().get(i).value())
              .getBytes(StandardCharsets.UTF_8), out);
        }
        break;
      case 'R':
        if (m.responseTopic() != null) {
          str(m.responseTopic().getBytes(StandardCharsets.UTF_8), align, width, precision, out);
        }
        break;
      case 'S':
        if (!m.subscriptionIdentifiers().isEmpty()) {
          integer(m.subscriptionIdentifiers().get(0), align, pad, width, out);
        } else {
          blank(pad, width, out);
        }
        break;
      case 'I': str(iso(time).getBytes(StandardCharsets.US_ASCII), align, width, precision, out);
        break;
      case 'j': json(m, payload, packetId, time, now, true, out, stderr); break;
      case 'J': json(m, payload, packetId, time, now, false, out, stderr); break;
      case 'l': integer(payload.length, align, pad, width, out); break;
      case 'm': integer(packetId, align, pad, width, out); break;
      case 'p': payload(payload, 0, align, pad, width, out); break;
      case 'q': out.write('0' + m.qos().value()); break;
      case 'r': out.write(m.retain() ? '1' : '0'); break;
      case 't': str(m.topic().getBytes(StandardCharsets.UTF_8), align, width, precision, out);
        break;
      case 'U': ascii(now.getEpochSecond() + "." + String.format("%09d", now.getNano()), out);
        break;
      case 'x': payload(payload, 1, align, pad, width, out); break;
      case 'X': payload(payload, 2, align, pad, width, out); break;
      default: throw new AssertionError(spec);
    }
  }

  /** strftime's {@code %FT%T%z}. */
  static String iso(ZonedDateTime t) {
    return Strftime.format('F', t) + "T" + Strftime.format('T', t) + Strftime.offset(t);
  }

  private static void json(Message m, byte[] payload, int packetId, ZonedDateTime time,
      Instant now, boolean escaped, ByteArrayOutputStream out, PrintStream stderr) {
    byte[] inner = null;
    if (!escaped && payload.length > 0) {
      inner = CJson.reserialise(payload);
      if (inner == null) {
        if (stderr != null) {
          stderr.println("wren: -F %J: the payload on " + Errors.quote(m.topic())
              + " is not valid JSON; printed without it");
        }
        return;
      }
    }
    // As mosquitto: "2020-05-06T22:12:00.000000Z+0100", microseconds and all.
    String tst = Strftime.format('F', time) + "T" + Strftime.format('T', time) + "."
        + String.format("%06d", now.getNano() / 1000) + "Z" + Strftime.offset(time);
    ascii("{\"tst\":\"" + tst + "\",\"topic\":", out);
    CJson.string(m.topic().getBytes(StandardCharsets.UTF_8), out);
    ascii(",\"qos\":" + m.qos().value() + ",\"retain\":" + (m.retain() ? 1 : 0)
        + ",\"payloadlen\":" + payload.length
        + (m.qos().value() > 0 ? ",\"mid\":" + packetId : "") + ",\"payload\":", out);
    if (payload.length == 0) {
      ascii("null", out);
    } else if (escaped) {
      CJson.string(payload, out);
    } else {
      bytes(inner, out);
    }
    out.write('}');
  }

  private static void blank(char pad, int width, ByteArrayOutputStream out) {
    for (int i = 0; i < width; i++) out.write(pad);
  }

  /** printf's {@code %d}, {@code %-Nd}, {@code %0Nd} or {@code %Nd}. */
  private static void integer(int value, char align, char pad, int width,
      ByteArrayOutputStream out) {
    String digits = Integer.toString(value);
    int fill = width - digits.length();
    if (align != '-') blank(pad, fill, out);
    ascii(digits, out);
    if (align == '-') blank(' ', fill, out);
  }

  /** printf's {@code %-N.Ps} on bytes. */
  private static void str(byte[] value, char align, int width, int precision,
      ByteArrayOutputStream out) {
    int n = precision >= 0 ? Math.min(precision, value.length) : value.length;
    int fill = width - n;
    if (align != '-') blank(' ', fill, out);
    out.write(value, 0, n);
    if (align == '-') blank(' ', fill, out);
  }

  /** mosquitto_sub's write_payload, quirks kept: see the class comment. */
  private static void payload(byte[] payload, int hex, char align, char pad, int width,
      ByteArrayOutputStream out) {
    int n = payload.length;
    int padLength;
    if (width > 0) {
      if (n > width) n = width;
      if (hex > 0) {
        n /= 2;
        padLength = width - n * 2;
      } else {
        padLength = width - n;
      }
    } else {
      padLength = width - n;
    }
    if (align != '-') blank(pad, padLength, out);
    if (hex == 0) {
      out.write(payload, 0, n);
    } else {
      String digits = hex == 1 ? "0123456789abcdef" : "0123456789ABCDEF";
      for (int i = 0; i < n; i++) {
        out.write(digits.charAt((payload[i] >> 4) & 0xf));
        out.write(digits.charAt(payload[i] & 0xf));
      }
    }
    // printf("%*s", padlen, "") with a negative width pads on the left by its absolute value.
    if (align == '-') blank(' ', Math.abs(padLength), out);
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    bytes(s.getBytes(StandardCharsets.US_ASCII), out);
  }

  private static void bytes(byte[] b, ByteArrayOutputStream out) {
    out.write(b, 0, b.length);
  }
}
