package dev.wren.mqtt.internal.codec;

/**
 * Topic names, topic filters and matching between them (spec 4.7). Levels are separated by '/';
 * in filters '+' stands for exactly one level and a final '#' for any number of remaining levels.
 * Stateless and thread-safe.
 */
public final class Topics {
  private Topics() {}

  /**
   * Checks a topic name for PUBLISH: a valid MQTT string, not empty, no wildcards.
   *
   * @throws InvalidTopicException quoting the topic and naming the rule it breaks
   */
  public static void validateName(String topic)
      throws InvalidTopicException, MalformedStringException {
    checkString("topic name", topic);
    if (topic.isEmpty()) throw new InvalidTopicException("topic name must not be empty: \"\"");
    for (int i = 0, n = topic.length(); i < n; i++) {
      char c = topic.charAt(i);
      if (c == '+' || c == '#') {
        throw new InvalidTopicException("topic name must not contain wildcard '" + c
            + "' (found at index " + i + "): \"" + topic + "\"");
      }
    }
  }

  /**
   * Checks a topic filter for SUBSCRIBE or UNSUBSCRIBE: a valid MQTT string, not empty, '+' only
   * as a whole level, '#' only as the whole last level.
   *
   * @throws InvalidTopicException quoting the filter and naming the rule it breaks
   */
  public static void validateFilter(String filter)
      throws InvalidTopicException, MalformedStringException {
    checkString("topic filter", filter);
    int n = filter.length();
    if (n == 0) throw new InvalidTopicException("topic filter must not be empty: \"\"");
    for (int i = 0; i < n; i++) {
      char c = filter.charAt(i);
      if (c != '+' && c != '#') continue;
      boolean wholeLevel = (i == 0 || filter.charAt(i - 1) == '/')
          && (i == n - 1 || filter.charAt(i + 1) == '/');
      if (!wholeLevel) {
        throw new InvalidTopicException("topic filter wildcard '" + c
            + "' must occupy a whole level (found at index " + i + "): \"" + filter + "\"");
      }
      if (c == '#' && i != n - 1) {
        throw new InvalidTopicException("topic filter wildcard '#' must be the last level (found"
            + " at index " + i + "): \"" + filter + "\"");
      }
    }
  }

  /**
   * Whether {@code topicName} matches {@code filter}; both are assumed valid. Topics starting
   * with '$' (such as $SYS/...) are not matched by a filter starting with a wildcard
   * [MQTT-4.7.2-1]. Walks both strings once, allocating nothing: this runs for every inbound
   * message against every subscription.
   */
  public static boolean matches(String filter, String topicName) {
    int fn = filter.length();
    int tn = topicName.length();
    if (fn > 0 && tn > 0 && topicName.charAt(0) == '$') {
      char first = filter.charAt(0);
      if (first == '+' || first == '#') return false;
    }
    int f = 0;
    int t = 0;
    while (true) {
      // Here f and t are each at the start of a level.
      if (f < fn && filter.charAt(f) == '#') return true; // Also matches the parent: "a/#" ~ "a".
      if (f < fn && filter.charAt(f) == '+') {
        f++;
        while (t < tn && topicName.charAt(t) != '/') t++;
      } else {
        while (f < fn && filter.charAt(f) != '/') {
          if (t >= tn || topicName.charAt(t) != filter.charAt(f)) return false;
          f++;
          t++;
        }
        if (t < tn && topicName.charAt(t) != '/') return false;
      }
      // Both at a '/' or at the end.
      if (f == fn) return t == tn;
      if (t == tn) return f + 2 == fn && filter.charAt(f + 1) == '#';
      f++;
      t++;
    }
  }

  /** Quotes at most 64 chars: a malformed string may be 64 KiB, too much for a message. */
  private static String quoteShort(String s) {
    return s.length() <= 64 ? "\"" + s + "\"" : "\"" + s.substring(0, 64) + "\"... ("
        + s.length() + " chars)";
  }

  private static void checkString(String what, String s) throws MalformedStringException {
    if (s == null) throw new NullPointerException(what + " == null");
    try {
      MqttStrings.check(s);
    } catch (MalformedStringException e) {
      throw new MalformedStringException(what + " " + quoteShort(s) + ": " + e.getMessage(), e);
    }
  }

  /** The prefix of a shared subscription's filter: {@code $share/GROUP/FILTER}. */
  public static final String SHARED_PREFIX = "$share/";

  /**
   * The filter messages of {@code filter} are matched against: for a shared subscription
   * ({@code $share/GROUP/FILTER}) FILTER, as messages arrive with their own topic; else itself.
   */
  public static String sharedFilterTopic(String filter) {
    if (!filter.startsWith(SHARED_PREFIX)) return filter;
    int slash = filter.indexOf('/', SHARED_PREFIX.length());
    return slash < 0 ? filter : filter.substring(slash + 1);
  }

  /**
   * Checks a shared subscription's filter [MQTT-4.8.2-1, -2]: a share name of at least one
   * character without '/', '+' or '#', then '/' and a topic filter.
   *
   * @throws InvalidTopicException naming what is wrong
   */
  public static void validateShared(String filter) throws InvalidTopicException {
    if (!filter.startsWith(SHARED_PREFIX)) return;
    int slash = filter.indexOf('/', SHARED_PREFIX.length());
    String group = slash < 0 ? filter.substring(SHARED_PREFIX.length())
        : filter.substring(SHARED_PREFIX.length(), slash);
    if (slash < 0 || slash == filter.length() - 1) {
      throw new InvalidTopicException("shared subscription '" + filter + "' has no topic filter"
          + " after its share name: use $share/GROUP/FILTER");
    }
    if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
      throw new InvalidTopicException("shared subscription '" + filter + "' has share name '"
          + group + "': it must be at least one character without '+', '#' or '/'");
    }
  }
}
