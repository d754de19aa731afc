package dev.wren.mqtt;

/** A topic filter, the maximum QoS asked for, and the handler for messages that match it. */
public final class Subscription {
  private final String filter;
  private final Qos qos;
  private final MessageHandler handler;

  /**
   * @param filter a topic filter; {@code +} matches one level, a trailing {@code #} any number.
   *     Checked against the MQTT rules when subscribing.
   */
  public Subscription(String filter, Qos qos, MessageHandler handler) {
    if (filter == null) throw new NullPointerException("filter == null");
    if (qos == null) throw new NullPointerException("qos == null");
    if (handler == null) throw new NullPointerException("handler == null");
    this.filter = filter;
    this.qos = qos;
    this.handler = handler;
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

  @Override public String toString() {
    return "Subscription{" + filter + ", qos=" + qos.value() + "}";
  }
}
