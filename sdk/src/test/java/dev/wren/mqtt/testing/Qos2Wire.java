package dev.wren.mqtt.testing;

import dev.wren.mqtt.internal.codec.Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly once on the client's side of the wire, from the packets a {@link TcpForwarder} saw the
 * client send: each numbered QoS 2 message (payload = its number) went out under one packet
 * identifier, again only with DUP, and never again as PUBLISH once its PUBREL had been sent. What
 * a subscriber still sees twice after that is the broker's doing.
 */
public final class Qos2Wire {
  private final Map<Integer, Integer> idOf = new HashMap<>();
  private final Set<Integer> resent = new HashSet<>();
  private final List<String> violations = new ArrayList<>();

  private Qos2Wire() {
  }

  public static Qos2Wire check(List<RecordedPacket> clientPackets) {
    return check(clientPackets, false);
  }

  /** As {@link #check(List)}, for a client that spoke MQTT 5 (its PUBLISHes carry properties). */
  public static Qos2Wire check(List<RecordedPacket> clientPackets, boolean mqtt5) {
    Qos2Wire wire = new Qos2Wire();
    Set<Integer> released = new HashSet<>();
    for (RecordedPacket p : clientPackets) {
      if (p.type() == Wire.PUBLISH) {
        String payload = mqtt5
            ? new String(((Publish) Wire5.decode(p)).payload(), StandardCharsets.UTF_8)
            : p.payloadAsString();
        int number = Integer.parseInt(payload);
        Integer before = wire.idOf.putIfAbsent(number, p.packetId());
        // The first copy the relay saw may carry DUP: an earlier one can die with a cut link.
        if (before == null) continue;
        wire.resent.add(number);
        if (before != p.packetId()) {
          wire.violations.add(number + ": sent under ids " + before + " and " + p.packetId());
        } else if (!p.dup()) {
          wire.violations.add(number + ": sent again without DUP");
        } else if (released.contains(p.packetId())) {
          wire.violations.add(number + ": sent again after its PUBREL");
        }
      } else if (p.type() == Wire.PUBREL) {
        released.add(p.packetId());
      }
    }
    return wire;
  }

  /** How the client broke exactly once, one line per message; empty when it did not. */
  public List<String> violations() {
    return violations;
  }

  /** How many distinct messages the client sent. */
  public int messages() {
    return idOf.size();
  }

  /** The messages sent again with DUP after a reconnect, as the spec asks. */
  public Set<Integer> resent() {
    return resent;
  }
}
