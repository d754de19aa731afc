package dev.wren.android.sample;

import dev.wren.mqtt.MqttOptions;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What the user can change: the broker, the client id, the topic the readings go under and how
 * often one is published. Immutable; the builder checks each value as it is set and the error
 * names the bad value, so the activity can show it as typed. No Android types: tested with plain
 * JUnit.
 */
public final class SampleSettings {
  /** The emulator's alias for the development machine, where a test broker usually runs. */
  public static final String DEFAULT_BROKER_URI = "tcp://10.0.2.2:1883";
  public static final long DEFAULT_INTERVAL_MILLIS = TimeUnit.SECONDS.toMillis(5);
  static final long MIN_INTERVAL_MILLIS = 100;
  static final long MAX_INTERVAL_MILLIS = TimeUnit.HOURS.toMillis(1);
  /** Client ids of at most 23 characters are the only ones every MQTT 3.1.1 broker must accept. */
  static final int MAX_CLIENT_ID_LENGTH = 23;

  private final String brokerUri;
  private final String clientId;
  private final String topic;
  private final long intervalMillis;

  private SampleSettings(Builder b) {
    this.brokerUri = b.brokerUri;
    this.clientId = b.clientId;
    this.topic = b.topic != null ? b.topic : defaultTopic(b.clientId);
    this.intervalMillis = b.intervalMillis;
  }

  /** Starts with the defaults and {@code clientId}, which every install keeps for good. */
  public static Builder builder(String clientId) {
    return new Builder().clientId(clientId);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A client id for a new install: "wren-" and 12 hex digits of {@code random}. */
  public static String newClientId(Random random) {
    return String.format(Locale.ROOT, "wren-%012x", random.nextLong() & 0xffffffffffffL);
  }

  static String defaultTopic(String clientId) {
    return "wren/sample/" + clientId;
  }

  public String brokerUri() {
    return brokerUri;
  }

  public String clientId() {
    return clientId;
  }

  /** The topic prefix; each reading goes to {@code topic/sensor}, see {@link Reading#topicUnder}. */
  public String topic() {
    return topic;
  }

  public long intervalMillis() {
    return intervalMillis;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof SampleSettings)) return false;
    SampleSettings o = (SampleSettings) other;
    return brokerUri.equals(o.brokerUri) && clientId.equals(o.clientId) && topic.equals(o.topic)
        && intervalMillis == o.intervalMillis;
  }

  @Override public int hashCode() {
    return ((brokerUri.hashCode() * 31 + clientId.hashCode()) * 31 + topic.hashCode()) * 31
        + (int) (intervalMillis ^ (intervalMillis >>> 32));
  }

  @Override public String toString() {
    return "broker=" + brokerUri + " clientId=" + clientId + " topic=" + topic + " interval="
        + intervalMillis + "ms";
  }

  /** Builds {@link SampleSettings}; each setter throws IllegalArgumentException naming the value. */
  public static final class Builder {
    private String brokerUri = DEFAULT_BROKER_URI;
    private String clientId;
    private String topic;
    private long intervalMillis = DEFAULT_INTERVAL_MILLIS;

    private Builder() {
    }

    private Builder(SampleSettings s) {
      this.brokerUri = s.brokerUri;
      this.clientId = s.clientId;
      this.topic = s.topic;
      this.intervalMillis = s.intervalMillis;
    }

    /**
     * The broker as typed, surrounding blanks ignored; checked by the SDK's own URI rules so the
     * user hears about a typo here, not as a failed connection later.
     */
    public Builder brokerUri(String uri) {
      if (uri == null) throw new NullPointerException("uri == null");
      String trimmed = uri.trim();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("broker URI is empty; for example " + DEFAULT_BROKER_URI);
      }
      MqttOptions.builder().serverUri(trimmed);
      this.brokerUri = trimmed;
      return this;
    }

    /** 1 to 23 characters from [0-9a-zA-Z_-], the set every broker accepts. */
    public Builder clientId(String id) {
      if (id == null) throw new NullPointerException("id == null");
      if (id.isEmpty() || id.length() > MAX_CLIENT_ID_LENGTH) {
        throw new IllegalArgumentException("client id must be 1 to " + MAX_CLIENT_ID_LENGTH
            + " characters: \"" + id + "\" has " + id.length());
      }
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
            || c == '-' || c == '_';
        if (!ok) {
          throw new IllegalArgumentException("client id may hold only letters, digits, '-' and"
              + " '_': \"" + id + "\" has '" + c + "' at " + i);
        }
      }
      this.clientId = id;
      return this;
    }

    /**
     * The topic prefix (default {@code wren/sample/CLIENTID}): not empty, no wildcards, no
     * leading or trailing '/', blanks around it ignored.
     */
    public Builder topic(String prefix) {
      if (prefix == null) throw new NullPointerException("prefix == null");
      String trimmed = prefix.trim();
      if (trimmed.isEmpty()) throw new IllegalArgumentException("topic is empty; for example wren/sample/phone-1");
      if (trimmed.indexOf('+') >= 0 || trimmed.indexOf('#') >= 0) {
        throw new IllegalArgumentException("topic may not hold the wildcards + or #: \"" + trimmed + "\"");
      }
      if (trimmed.startsWith("/") || trimmed.endsWith("/")) {
        throw new IllegalArgumentException("topic may not start or end with '/': \"" + trimmed + "\"");
      }
      if (trimmed.indexOf('\u0000') >= 0) throw new IllegalArgumentException("topic holds U+0000: \"" + trimmed + "\"");
      this.topic = trimmed;
      return this;
    }

    /** How often a reading is published, 100 ms to 1 hour. */
    public Builder interval(long interval, TimeUnit unit) {
      if (unit == null) throw new NullPointerException("unit == null");
      long millis = unit.toMillis(interval);
      if (millis < MIN_INTERVAL_MILLIS || millis > MAX_INTERVAL_MILLIS) {
        throw new IllegalArgumentException("interval must be 100 ms to 1 hour: " + interval + " "
            + unit.name().toLowerCase(Locale.ROOT));
      }
      this.intervalMillis = millis;
      return this;
    }

    /** The interval as typed in seconds ("5", "0.5"); refuses what is not a number. */
    public Builder intervalSeconds(String typed) {
      if (typed == null) throw new NullPointerException("typed == null");
      double seconds;
      try {
        seconds = Double.parseDouble(typed.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("interval is not a number of seconds: \"" + typed + "\"", e);
      }
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("interval is not a number of seconds: \"" + typed + "\"");
      }
      long millis = Math.round(seconds * 1000);
      if (millis < MIN_INTERVAL_MILLIS || millis > MAX_INTERVAL_MILLIS) {
        throw new IllegalArgumentException("interval must be 0.1 to 3600 seconds: \"" + typed.trim() + "\"");
      }
      this.intervalMillis = millis;
      return this;
    }

    public SampleSettings build() {
      if (clientId == null) throw new IllegalStateException("clientId was not set");
      return new SampleSettings(this);
    }
  }
}
