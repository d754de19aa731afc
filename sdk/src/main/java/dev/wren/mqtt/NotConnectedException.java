package dev.wren.mqtt;

/** An operation that needs a connection was called while not connected. */
public class NotConnectedException extends MqttException {
  private static final long serialVersionUID = 1L;

  public NotConnectedException(String message) {
    super(message);
  }
}
