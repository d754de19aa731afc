package dev.wren.cli;

import java.nio.charset.StandardCharsets;

/**
 * Checks topic names and filters before any connection is made, as the broker would after it
 * (MQTT 3.1.1 section 4.7 and 1.5.3), so that a bad topic is exit 2 whether or not the broker is
 * up. Every message names the flag, the (shortened) value and the rule. Stateless.
 */
final class TopicCheck {
  private static final int MAX_BYTES = 65_535;

  private TopicCheck() {
  }

  /** A topic to publish to: a valid MQTT string, not empty, without {@code +} or {@code #}. */
  static void name(String flag, String topic) throws CliException {
    string(flag, topic);
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c == '+' || c == '#') {
        throw CliException.usage(flag + " " + Errors.quote(topic) + ": a topic to publish to"
            + " cannot hold the wildcard '" + c + "' (at index " + i + "); wildcards belong in"
            + " sub's filters");
      }
    }
  }

  /** A topic filter: {@code +} only as a whole level, {@code #} only as the whole last level. */
  static void filter(String flag, String filter) throws CliException {
    string(flag, filter);
    int n = filter.length();
    for (int i = 0; i < n; i++) {
      char c = filter.charAt(i);
      if (c != '+' && c != '#') continue;
      boolean wholeLevel = (i == 0 || filter.charAt(i - 1) == '/')
          && (i == n - 1 || filter.charAt(i + 1) == '/');
      if (!wholeLevel || (c == '#' && i != n - 1)) {
        throw CliException.usage(flag + " " + Errors.quote(filter) + ": the wildcard '" + c
            + "' (at index " + i + ") must be a whole level" + (c == '#' ? ", the last one" : "")
            + ", as in a/+/c or a/#");
      }
    }
  }

  private static void string(String flag, String value) throws CliException {
    if (value.isEmpty()) throw CliException.usage(flag + " needs a non-empty topic");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw CliException.usage(flag + " " + Errors.quote(value) + ": MQTT forbids the"
            + " character U+0000 (at index " + i + ")");
      }
      if (Character.isHighSurrogate(c) && (i + 1 >= value.length()
          || !Character.isLowSurrogate(value.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
        throw CliException.usage(flag + " " + Errors.quote(value) + ": not valid UTF-8 (a lone"
            + " surrogate at index " + i + ")");
      }
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw CliException.usage(flag + " " + Errors.quote(value) + ": " + bytes + " bytes in"
          + " UTF-8; MQTT allows at most " + MAX_BYTES);
    }
  }

  /**
   * Whether {@code topic} matches {@code filter} (both valid): {@code +} one level, a final
   * {@code #} the rest (the parent level too); a filter starting with a wildcard does not match a
   * topic starting with {@code $}.
   */
  static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) return true;
      if (i >= t.length) return false;
      if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
    }
    return f.length == t.length;
  }
}
