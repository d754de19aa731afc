package dev.wren.mqtt.internal.codec;

import java.util.List;

/**
 * What MQTT 3.1.1 cannot say: the packet values carry 5.0 fields, and the 3.1.1 encoder refuses a
 * packet that uses them rather than send it without them (a lost Message Expiry Interval or
 * reason code would change what the peer does). Holds no state.
 */
final class Mqtt311Only {
  private Mqtt311Only() {}

  /** @throws IllegalArgumentException naming the packet and the 5.0-only field */
  static void check(Packet packet) {
    String name = PacketType.name(packet.type());
    switch (packet.type()) {
      case PacketType.CONNECT: {
        Connect connect = (Connect) packet;
        if (connect.protocolLevel() != PacketType.PROTOCOL_LEVEL) {
          throw refused(name, "protocol level", connect.protocolLevel());
        }
        noProperties(name, connect.properties());
        if (connect.will() != null) noProperties(name + " will", connect.will().properties());
        return;
      }
      case PacketType.CONNACK: noProperties(name, ((ConnAck) packet).properties()); return;
      case PacketType.PUBLISH: noProperties(name, ((Publish) packet).properties()); return;
      case PacketType.PUBACK:
      case PacketType.PUBREC:
      case PacketType.PUBREL:
      case PacketType.PUBCOMP:
      case PacketType.UNSUBACK: {
        IdOnlyPacket ack = (IdOnlyPacket) packet;
        if (ack.reasonCode() != 0) {
          throw refused(name, "reason code", ReasonCode.describe(ack.type(), ack.reasonCode()));
        }
        noProperties(name, ack.properties());
        if (packet instanceof UnsubAck && !((UnsubAck) packet).reasonCodes().isEmpty()) {
          throw refused(name, "reason codes", UnsubAck.hexList(((UnsubAck) packet).reasonCodes()));
        }
        return;
      }
      case PacketType.SUBSCRIBE: {
        Subscribe subscribe = (Subscribe) packet;
        noProperties(name, subscribe.properties());
        for (Subscribe.Entry entry : subscribe.entries()) {
          if (entry.options() != entry.qos()) {
            throw refused(name, "subscription options of \"" + entry.filter() + "\"",
                Bytes.hex(entry.options()) + " (No Local, Retain As Published, Retain Handling)");
          }
        }
        return;
      }
      case PacketType.SUBACK: {
        SubAck subAck = (SubAck) packet;
        noProperties(name, subAck.properties());
        List<Integer> codes = subAck.returnCodes();
        for (int code : codes) {
          if (!SubAck.isValidReturnCode(code)) {
            throw refused(name, "reason code", ReasonCode.describe(PacketType.SUBACK, code));
          }
        }
        return;
      }
      case PacketType.UNSUBSCRIBE: noProperties(name, ((Unsubscribe) packet).properties()); return;
      case PacketType.DISCONNECT: {
        Disconnect disconnect = (Disconnect) packet;
        if (disconnect.reasonCode() != 0) {
          throw refused(name, "reason code",
              ReasonCode.describe(PacketType.DISCONNECT, disconnect.reasonCode()));
        }
        noProperties(name, disconnect.properties());
        return;
      }
      case PacketType.AUTH: throw refused(name, "packet type", "AUTH (15)");
      default: return;
    }
  }

  private static void noProperties(String packet, Mqtt5Properties properties) {
    if (!properties.isEmpty()) throw refused(packet, "properties", properties);
  }

  private static IllegalArgumentException refused(String packet, String field, Object value) {
    return new IllegalArgumentException(packet + " " + field + " is MQTT 5.0 only and cannot be"
        + " encoded as MQTT 3.1.1: " + value);
  }
}
