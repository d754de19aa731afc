package dev.wren.mqtt;

/** The connection ended while an operation waited for the broker; the cause says why. */
public class ConnectionLostException extends MqttException {
  private static final long serialVersionUID = 1L;

  public ConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
