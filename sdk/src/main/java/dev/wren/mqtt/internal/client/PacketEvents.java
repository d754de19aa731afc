package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.PacketInfo;
import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.IdOnlyPacket;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.SubAck;
import dev.wren.mqtt.internal.codec.Subscribe;
import dev.wren.mqtt.internal.codec.Unsubscribe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tinylog.Logger;

/**
 * Tells a {@link PacketListener} about packets. Callers check for a listener first, so a client
 * without one describes nothing. Stateless.
 */
final class PacketEvents {
  private PacketEvents() {
  }

  static void sent(PacketListener listener, Packet packet) {
    try {
      listener.sent(describe(packet));
    } catch (RuntimeException e) {
      Logger.error(e, "PacketListener.sent threw on {}; ignored", PacketType.name(packet.type()));
    }
  }

  static void received(PacketListener listener, Packet packet) {
    try {
      listener.received(describe(packet));
    } catch (RuntimeException e) {
      Logger.error(e, "PacketListener.received threw on {}; ignored",
          PacketType.name(packet.type()));
    }
  }

  /** The header fields of {@code packet}; never its password or payload bytes. */
  static PacketInfo describe(Packet packet) {
    PacketInfo.Builder b = PacketInfo.builder(PacketType.name(packet.type()));
    if (packet instanceof Publish) {
      Publish p = (Publish) packet;
      b.packetId(p.packetId()).publish(p.topic(), p.qos(), p.retain(), p.dup(),
          p.payload().length);
    } else if (packet instanceof IdOnlyPacket) {
      b.packetId(((IdOnlyPacket) packet).packetId());
    } else if (packet instanceof Subscribe) {
      Subscribe s = (Subscribe) packet;
      List<String> filters = new ArrayList<>(s.entries().size());
      List<Integer> qos = new ArrayList<>(s.entries().size());
      for (Subscribe.Entry e : s.entries()) {
        filters.add(e.filter());
        qos.add(e.qos());
      }
      b.packetId(s.packetId()).filters(filters).codes(qos);
    } else if (packet instanceof SubAck) {
      SubAck s = (SubAck) packet;
      b.packetId(s.packetId()).codes(s.returnCodes());
    } else if (packet instanceof Unsubscribe) {
      Unsubscribe u = (Unsubscribe) packet;
      b.packetId(u.packetId()).filters(u.filters());
    } else if (packet instanceof ConnAck) {
      b.codes(Collections.singletonList(((ConnAck) packet).returnCode()));
    }
    return b.build();
  }
}
