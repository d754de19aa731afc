package dev.wren.mqtt;

/**
 * A topic filter, the maximum QoS asked for, the handler for messages that match it, and under
 * MQTT 5 the subscription options (No Local, Retain As Published, Retain Handling) and a
 * Subscription Identifier. A shared subscription ({@code $share/GROUP/FILTER}, which Mosquitto
 * also accepts from 3.1.1 clients) gets the messages of FILTER that the broker gives this member
 * of the group; they arrive with their own topic. Immutable.
 */
public final class Subscription {
  /** The prefix of a shared subscription's filter. */
  private static final String SHARED_PREFIX = "$share/";

  private final String filter;
  private final Qos qos;
  private final MessageHandler handler;
  private final boolean noLocal;
  private final boolean retainAsPublished;
  private final RetainHandling retainHandling;
  private final int subscriptionIdentifier;

  /**
   * @param filter a topic filter; {@code +} matches one level, a trailing {@code #} any number.
   *     Checked against the MQTT rules when subscribing.
   */
  public Subscription(String filter, Qos qos, MessageHandler handler) {
    this(builder(filter, qos, handler));
  }

  private Subscription(Builder b) {
    this.filter = b.filter;
    this.qos = b.qos;
    this.handler = b.handler;
    this.noLocal = b.noLocal;
    this.retainAsPublished = b.retainAsPublished;
    this.retainHandling = b.retainHandling;
    this.subscriptionIdentifier = b.subscriptionIdentifier;
  }

  /** A builder for a subscription with the MQTT 5 options at their defaults. */
  public static Builder builder(String filter, Qos qos, MessageHandler handler) {
    return new Builder(filter, qos, handler);
  }

  public String filter() {
    return filter;
  }

  public Qos qos() {
    return qos;
  }

  public MessageHandler handler() {
    return handler;
  }

  /** MQTT 5 No Local: the broker does not send this client its own messages. */
  public boolean noLocal() {
    return noLocal;
  }

  /** MQTT 5 Retain As Published: messages keep the retain flag they were published with. */
  public boolean retainAsPublished() {
    return retainAsPublished;
  }

  /** MQTT 5 Retain Handling. */
  public RetainHandling retainHandling() {
    return retainHandling;
  }

  /** MQTT 5 Subscription Identifier, 1..268435455, or 0 for none. */
  public int subscriptionIdentifier() {
    return subscriptionIdentifier;
  }

  /** Whether the filter is a shared subscription's ({@code $share/GROUP/FILTER}). */
  public boolean shared() {
    return filter.startsWith(SHARED_PREFIX);
  }

  @Override public String toString() {
    return "Subscription{" + filter + ", qos=" + qos.value() + (noLocal ? ", noLocal" : "")
        + (retainAsPublished ? ", retainAsPublished" : "")
        + (retainHandling != RetainHandling.SEND_ON_SUBSCRIBE ? ", " + retainHandling : "")
        + (subscriptionIdentifier != 0 ? ", id=" + subscriptionIdentifier : "") + "}";
  }

  /** Builds {@link Subscription}s; the MQTT 5 options are refused by a 3.1.1 client. */
  public static final class Builder {
    private final String filter;
    private final Qos qos;
    private final MessageHandler handler;
    private boolean noLocal;
    private boolean retainAsPublished;
    private RetainHandling retainHandling = RetainHandling.SEND_ON_SUBSCRIBE;
    private int subscriptionIdentifier;

    private Builder(String filter, Qos qos, MessageHandler handler) {
      if (filter == null) throw new NullPointerException("filter == null");
      if (qos == null) throw new NullPointerException("qos == null");
      if (handler == null) throw new NullPointerException("handler == null");
      this.filter = filter;
      this.qos = qos;
      this.handler = handler;
    }

    /** MQTT 5: do not receive this client's own messages (not allowed on a shared filter). */
    public Builder noLocal(boolean noLocal) {
      this.noLocal = noLocal;
      return this;
    }

    /** MQTT 5: keep the retain flag messages were published with (bridges want this). */
    public Builder retainAsPublished(boolean retainAsPublished) {
      this.retainAsPublished = retainAsPublished;
      return this;
    }

    /** MQTT 5: when the broker sends the retained messages (default: on every subscribe). */
    public Builder retainHandling(RetainHandling retainHandling) {
      if (retainHandling == null) throw new NullPointerException("retainHandling == null");
      this.retainHandling = retainHandling;
      return this;
    }

    /**
     * MQTT 5: an identifier, 1 to 268435455, that the broker puts on every message matching this
     * subscription ({@link Message#subscriptionIdentifiers()}); 0 for none. One SUBSCRIBE carries
     * one identifier, so subscriptions made in one call must share it.
     */
    public Builder subscriptionIdentifier(int identifier) {
      if (identifier < 0 || identifier > 268_435_455) {
        throw new IllegalArgumentException(
            "subscriptionIdentifier must be 1..268435455 (0 for none): " + identifier);
      }
      this.subscriptionIdentifier = identifier;
      return this;
    }

    /** @throws IllegalArgumentException for No Local on a shared subscription [MQTT-3.8.3-4] */
    public Subscription build() {
      if (noLocal && filter.startsWith(SHARED_PREFIX)) {
        throw new IllegalArgumentException("noLocal(true) is not allowed on the shared"
            + " subscription '" + filter + "' (MQTT 5 makes it a protocol error)");
      }
      return new Subscription(this);
    }
  }
}
