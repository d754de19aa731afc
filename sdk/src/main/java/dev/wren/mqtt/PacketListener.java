package dev.wren.mqtt;

/**
 * Sees every MQTT packet a client sends and receives, as a {@link PacketInfo}: for debug output
 * such as {@code wren -d}. Set with {@link MqttOptions.Builder#packetListener}; without one the
 * client describes no packet. Override what you need; both methods do nothing by default.
 *
 * <p>{@link #sent} runs on the thread that writes the packet (the I/O thread, or an application
 * thread that published), holding the connection's write lock; {@link #received} on the I/O
 * thread before the packet is handled, so a received PUBLISH is reported before its message
 * reaches a {@link MessageHandler}. Return quickly and be thread-safe. An exception thrown here is logged and otherwise ignored.
 */
public abstract class PacketListener {
  /** {@code packet} is about to be written to the connection, in the order packets go out. */
  public void sent(PacketInfo packet) {
  }

  /** {@code packet} was read from the connection and is about to be handled. */
  public void received(PacketInfo packet) {
  }
}
