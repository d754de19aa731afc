package dev.wren.cli;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The {@code strftime} conversions that {@code -F}'s {@code @X} sequences may use, in the C
 * locale. {@link #SUPPORTED} lists them; {@code -F} refuses others before connecting, as their
 * output would differ from mosquitto_sub's platform's. Stateless.
 */
final class Strftime {
  static final String SUPPORTED = "aAbBCdDeFgGhHIjklmMnprRsStTuVwyYzZ%";

  private Strftime() {
  }

  /** {@code %c} of strftime for {@code t}; {@code c} must be one of {@link #SUPPORTED}. */
  static String format(char c, ZonedDateTime t) {
    switch (c) {
      case 'a': return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
      case 'A': return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
      case 'b': case 'h': return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
      case 'B': return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
      case 'C': return two(t.getYear() / 100);
      case 'd': return two(t.getDayOfMonth());
      case 'D': return two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/"
          + two(t.getYear() % 100);
      case 'e': return pad(t.getDayOfMonth());
      case 'F': return t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
      case 'g': return two(t.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) % 100);
      case 'G': return Integer.toString(t.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR));
      case 'H': return two(t.getHour());
      case 'I': return two(hour12(t));
      case 'j': return String.format(Locale.ROOT, "%03d", t.getDayOfYear());
      case 'k': return pad(t.getHour());
      case 'l': return pad(hour12(t));
      case 'm': return two(t.getMonthValue());
      case 'M': return two(t.getMinute());
      case 'n': return "\n";
      case 'p': return t.getHour() < 12 ? "AM" : "PM";
      case 'r': return two(hour12(t)) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " "
          + (t.getHour() < 12 ? "AM" : "PM");
      case 'R': return two(t.getHour()) + ":" + two(t.getMinute());
      case 's': return Long.toString(t.toEpochSecond());
      case 'S': return two(t.getSecond());
      case 't': return "\t";
      case 'T': return two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
      case 'u': return Integer.toString(t.getDayOfWeek().getValue());
      case 'V': return two(t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'w': return Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'y': return two(t.getYear() % 100);
      case 'Y': return Integer.toString(t.getYear());
      case 'z': return offset(t);
      case 'Z': return java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(t);
      case '%': return "%";
      default: throw new IllegalArgumentException("not a supported conversion: " + c);
    }
  }

  /** {@code +hhmm}, as strftime's {@code %z}. */
  static String offset(ZonedDateTime t) {
    int seconds = t.getOffset().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    return (seconds < 0 ? "-" : "+") + two(minutes / 60) + two(minutes % 60);
  }

  private static int hour12(ZonedDateTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String pad(int n) {
    return n < 10 ? " " + n : Integer.toString(n);
  }
}
