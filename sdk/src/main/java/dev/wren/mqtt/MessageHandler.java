package dev.wren.mqtt;

/**
 * Receives inbound messages. Called on the client's I/O thread, one message at a time, in arrival
 * order: keep it short. It may call {@link MqttClient#publish} and
 * {@link MqttClient#subscribeAsync}, but must not wait on what they return. For QoS 1 and 2 the
 * acknowledgement is sent after the handler returns; an exception thrown by the handler is logged
 * and the message is still acknowledged.
 */
public interface MessageHandler {
  void onMessage(Message message);
}
