package dev.wren.mqtt.internal.codec;

/**
 * DISCONNECT: Clean end of a connection, sent by the client; suppresses the will. Carries no data,
 * so there is one shared, immutable instance.
 */
public final class Disconnect extends Packet {
  public static final Disconnect INSTANCE = new Disconnect();

  private Disconnect() {}

  @Override public int type() {
    return PacketType.DISCONNECT;
  }

  @Override public String toString() {
    return "Disconnect";
  }
}
