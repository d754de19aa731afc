package dev.wren.mqtt;

/** Where a {@link MqttClient}'s connection stands; see {@link MqttClient#state()}. */
public enum ConnectionState {
  /** Not connected and not trying: before {@code connect()}, after {@code disconnect()}. */
  DISCONNECTED,
  /** Opening a connection or waiting for CONNACK. */
  CONNECTING,
  /** Connected: CONNACK accepted. */
  CONNECTED,
  /** The connection was lost; waiting out the backoff before the next attempt. */
  WAITING_TO_RECONNECT,
  /** {@code close()} was called; the client cannot be used again. */
  CLOSED
}
