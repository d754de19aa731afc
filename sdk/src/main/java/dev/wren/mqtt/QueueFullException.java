package dev.wren.mqtt;

/**
 * The outbound queue is at its {@code maxMessages} or {@code maxBytes} limit and could not make
 * room for a new message. The message says which limit was hit, what the queue holds, and what to
 * do: wait for the broker to acknowledge messages, raise the limit, or use
 * {@link OverflowPolicy#DROP_OLDEST}. Nothing was stored.
 */
public class QueueFullException extends MqttException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message);
  }
}
