package dev.wren.mqtt;

/**
 * A queued QoS 1/2 message reached its deadline ({@link Message.Builder#expiresAfter}) before it
 * was first sent and was removed from the outbound queue unsent. The message names the topic and
 * the deadline.
 */
public class MessageExpiredException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final long deadlineMillis;

  public MessageExpiredException(String message, long deadlineMillis) {
    super(message);
    this.deadlineMillis = deadlineMillis;
  }

  /** The deadline that passed, in milliseconds since 1970-01-01 UTC (wall clock). */
  public long deadlineMillis() {
    return deadlineMillis;
  }
}
