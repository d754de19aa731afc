package dev.wren.mqtt;

/**
 * Told what the connection does on its own: connected, lost, waiting to reconnect, and messages
 * the client had to drop. Override what you need; every method does nothing by default.
 *
 * <p>Called on the client's I/O thread: return quickly, and do not wait there for a
 * {@link Delivery} or {@link Completion} (that throws {@link IllegalStateException}). Publishing
 * from here is fine. An exception thrown here is logged and otherwise ignored.
 */
public abstract class ClientListener {
  /**
   * A connection is up (CONNACK accepted).
   *
   * @param serverUri the URI that answered, one of {@link MqttOptions#serverUris()}
   * @param sessionPresent whether the broker resumed the session of this client id
   */
  public void connected(String serverUri, boolean sessionPresent) {
  }

  /**
   * The connection ended, or an attempt failed.
   *
   * @param cause why; for {@code disconnect()} and {@code close()} a {@link NotConnectedException}
   *     saying so
   * @param willReconnect true when the client will try again by itself
   */
  public void disconnected(String serverUri, MqttException cause, boolean willReconnect) {
  }

  /**
   * The client waits {@code delayMillis} before attempt {@code attempt} (1 for the first retry
   * after a loss); {@link MqttClient#reconnectNow()} cuts the wait short.
   */
  public void reconnecting(int attempt, long delayMillis) {
  }

  /**
   * A message was dropped without reaching the broker: a QoS 0 message published while offline,
   * a queued message removed by {@link OverflowPolicy#DROP_OLDEST}, or a queued message whose
   * deadline ({@link Message.Builder#expiresAfter}) passed before it was sent; {@code reason} then
   * starts with {@code "expired: "}. An expired message is reported on the thread that was about
   * to send it (the I/O thread, or a publisher sending its own message).
   */
  public void messageDropped(Message message, String reason) {
  }
}
