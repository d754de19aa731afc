package dev.wren.mqtt.internal.codec;

/**
 * PINGRESP: The server's answer to a PINGREQ. Carries no data, so there is one shared, immutable
 * instance.
 */
public final class PingResp extends Packet {
  public static final PingResp INSTANCE = new PingResp();

  private PingResp() {}

  @Override public int type() {
    return PacketType.PINGRESP;
  }

  @Override public String toString() {
    return "PingResp";
  }
}
