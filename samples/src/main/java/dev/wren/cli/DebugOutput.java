package dev.wren.cli;

import dev.wren.mqtt.PacketInfo;
import dev.wren.mqtt.PacketListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -d}: each packet as mosquitto_pub/sub's debug output words it ({@code Client ID sending
 * PUBLISH (d0, q1, r0, m3, 'a/b', ... (5 bytes))}, {@code Client ID received PUBACK (Mid: 3,
 * RC:0)}), on stderr. Never a password or payload bytes: {@link PacketInfo} has neither.
 * Thread-safe: PrintStream serialises lines.
 */
final class DebugOutput extends PacketListener {
  private final String clientId;
  private final PrintStream out;

  DebugOutput(String clientId, PrintStream out) {
    this.clientId = clientId;
    this.out = out;
  }

  @Override public void sent(PacketInfo p) {
    for (String line : lines("sending", p)) out.println(line);
    out.flush();
  }

  @Override public void received(PacketInfo p) {
    for (String line : lines("received", p)) out.println(line);
    out.flush();
  }

  /** The lines mosquitto prints for {@code p}; {@code verb} is "sending" or "received". */
  List<String> lines(String verb, PacketInfo p) {
    boolean sending = verb.equals("sending");
    String head = "Client " + clientId + " " + verb + " " + p.type();
    List<String> lines = new ArrayList<>(2);
    switch (p.type()) {
      case "PUBLISH":
        lines.add(head + " (d" + (p.dup() ? 1 : 0) + ", q" + p.qos() + ", r" + (p.retain() ? 1 : 0)
            + ", m" + p.packetId() + ", '" + p.topic() + "', ... (" + p.payloadLength()
            + " bytes))");
        break;
      case "CONNACK":
        lines.add(head + " (" + (p.codes().isEmpty() ? "?" : p.codes().get(0)) + ")");
        break;
      case "SUBSCRIBE":
        for (int i = 0; i < p.filters().size(); i++) {
          lines.add(head + " (Mid: " + p.packetId() + ", Topic: " + p.filters().get(i)
              + ", QoS: " + p.codes().get(i) + ", Options: 0x00)");
        }
        break;
      case "UNSUBSCRIBE":
        for (String filter : p.filters()) {
          lines.add(head + " (Mid: " + p.packetId() + ", Topic: " + filter + ")");
        }
        break;
      case "SUBACK":
        lines.add(head);
        StringBuilder granted = new StringBuilder();
        for (int code : p.codes()) {
          if (granted.length() > 0) granted.append(", ");
          granted.append(code);
        }
        lines.add("Subscribed (mid: " + p.packetId() + "): " + granted);
        break;
      case "PUBACK":
      case "PUBCOMP":
        lines.add(head + (sending ? " (m" + p.packetId() + (p.type().equals("PUBACK") ? ", rc0)" : ")")
            : " (Mid: " + p.packetId() + ", RC:0)"));
        break;
      case "PUBREC":
        lines.add(head + (sending ? " (m" + p.packetId() + ", rc0)" : " (Mid: " + p.packetId() + ")"));
        break;
      case "PUBREL":
        lines.add(head + (sending ? " (m" + p.packetId() + ")" : " (Mid: " + p.packetId() + ")"));
        break;
      default:
        lines.add(head);
    }
    return lines;
  }
}
