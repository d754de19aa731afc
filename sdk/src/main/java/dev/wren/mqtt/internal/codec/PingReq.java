package dev.wren.mqtt.internal.codec;

/**
 * PINGREQ: Keep-alive probe from client to server. Carries no data, so there is one shared,
 * immutable instance.
 */
public final class PingReq extends Packet {
  public static final PingReq INSTANCE = new PingReq();

  private PingReq() {}

  @Override public int type() {
    return PacketType.PINGREQ;
  }

  @Override public String toString() {
    return "PingReq";
  }
}
