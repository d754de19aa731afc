package dev.wren.mqtt;

/** The base of every network and protocol failure the client reports. */
public class MqttException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  public MqttException(String message) {
    super(message);
  }

  public MqttException(String message, Throwable cause) {
    super(message, cause);
  }
}
