package dev.wren.mqtt.testing;

import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.IdOnlyPacket;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketCodec;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.SubAck;
import dev.wren.mqtt.internal.codec.UnsubAck;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT 5 packets for a {@link FakeBroker} to send, and the client's packets it received decoded,
 * through the SDK's 5.0 codec (whose own byte vectors are tested in the codec's tests).
 */
public final class Wire5 {
  private Wire5() {}

  public static byte[] encode(Packet packet) {
    return PacketCodec.MQTT_5_0.encode(packet);
  }

  /** The packet {@code p} as the 5.0 decoder reads it. */
  public static Packet decode(RecordedPacket p) {
    try {
      return PacketCodec.MQTT_5_0.decode(p.type() << 4 | p.flags(), p.body(), 0, p.body().length,
          null);
    } catch (MalformedPacketException e) {
      throw new AssertionError("the client sent a malformed MQTT 5 packet " + p.hex() + ": "
          + e.getMessage(), e);
    }
  }

  public static byte[] connAck(int reasonCode, Mqtt5Properties properties) {
    return encode(new ConnAck(false, reasonCode, properties));
  }

  public static byte[] connAck(Mqtt5Properties properties) {
    return connAck(0, properties);
  }

  /** Properties with a Reason String. */
  public static Mqtt5Properties reason(String reasonString) {
    return Mqtt5Properties.builder().put(Property.REASON_STRING, reasonString).build();
  }

  public static byte[] ack(int type, int packetId, int reasonCode, Mqtt5Properties properties) {
    return encode(IdOnlyPacket.of(type, packetId, reasonCode, properties));
  }

  public static byte[] subAck(int packetId, int... codes) {
    List<Integer> list = new ArrayList<>();
    for (int c : codes) list.add(c);
    return encode(new SubAck(packetId, list, Mqtt5Properties.EMPTY));
  }

  public static byte[] unsubAck(int packetId, int... codes) {
    List<Integer> list = new ArrayList<>();
    for (int c : codes) list.add(c);
    return encode(new UnsubAck(packetId, list, Mqtt5Properties.EMPTY));
  }

  public static byte[] disconnect(int reasonCode, Mqtt5Properties properties) {
    return encode(new Disconnect(reasonCode, properties));
  }

  public static byte[] publish(String topic, String payload, int qos, int packetId,
      Mqtt5Properties properties) {
    return encode(new Publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        qos, false, false, packetId, properties));
  }
}
