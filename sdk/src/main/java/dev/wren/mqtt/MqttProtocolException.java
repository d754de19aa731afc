package dev.wren.mqtt;

/** The broker sent bytes that break the MQTT protocol, or a packet larger than the configured maximum; the connection is closed. */
public class MqttProtocolException extends MqttException {
  private static final long serialVersionUID = 1L;

  public MqttProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
