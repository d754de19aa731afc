package dev.wren.mqtt;

/** An operation did not finish within its deadline: connect, an acknowledgement, room in the in-flight window, a PINGRESP. */
public class MqttTimeoutException extends MqttException {
  private static final long serialVersionUID = 1L;

  public MqttTimeoutException(String message) {
    super(message);
  }
}
