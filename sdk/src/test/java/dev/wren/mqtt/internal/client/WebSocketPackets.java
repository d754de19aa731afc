package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.SubAck;
import dev.wren.mqtt.internal.codec.Subscribe;
import dev.wren.mqtt.internal.transport.Connection;
import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.TransportSettings;
import dev.wren.mqtt.internal.transport.Transports;
import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import dev.wren.mqtt.internal.transport.ws.WebSocketUpgrade;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client's own packet reader and writer over a WebSocket connection made step by step (TCP,
 * then the upgrade with settings of the test's choosing), for packet-level tests against real
 * WebSocket servers; {@code it.ClientWebSocket*Test} drive the whole client over {@code ws://}.
 * Not thread-safe.
 */
final class WebSocketPackets implements AutoCloseable {
  static final int MAX_PACKET = 1 << 20;

  final Connection connection;
  final PacketReader reader;
  final PacketWriter writer;

  private WebSocketPackets(Connection connection) {
    this.connection = connection;
    this.reader = new PacketReader(connection, MAX_PACKET);
    this.writer = new PacketWriter(connection.out());
  }

  /** TCP to {@code 127.0.0.1:port}, then the WebSocket upgrade at {@code path}. */
  static WebSocketPackets open(int port, String path) throws IOException {
    return open(port, path, WebSocketSettings.DEFAULT_MAX_OUTBOUND_FRAME_PAYLOAD);
  }

  static WebSocketPackets open(int port, String path, int maxOutboundFrame) throws IOException {
    Connection raw = Transports.open(ServerAddress.parse("tcp://127.0.0.1:" + port), new TransportSettings(null, null), 5_000);
    WebSocketSettings settings = WebSocketSettings.builder("127.0.0.1", port, false)
        .path(path).maxInboundFramePayload(MAX_PACKET).maxOutboundFramePayload(maxOutboundFrame)
        .build();
    return new WebSocketPackets(WebSocketUpgrade.upgrade(raw, settings, 5_000));
  }

  /** CONNECT with a clean session; asserts CONNACK 0. */
  WebSocketPackets connect(String clientId, int keepAliveSeconds)
      throws IOException, MalformedPacketException {
    writer.write(new Connect(clientId, true, keepAliveSeconds, null, null, null));
    ConnAck connAck = await(ConnAck.class, 5_000);
    assertEquals(0, connAck.returnCode(), "CONNACK return code");
    return this;
  }

  /** SUBSCRIBE one filter; asserts the SUBACK grants {@code qos}. */
  void subscribe(int packetId, String filter, int qos)
      throws IOException, MalformedPacketException {
    writer.write(new Subscribe(packetId, List.of(new Subscribe.Entry(filter, qos))));
    SubAck subAck = await(SubAck.class, 5_000);
    assertEquals(packetId, subAck.packetId());
    assertEquals(List.of(qos), subAck.returnCodes());
  }

  /** The next packet within the time, reading through read timeouts as the I/O thread does. */
  Packet await(long timeoutMillis) throws IOException, MalformedPacketException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) throw new AssertionError("no packet within " + timeoutMillis + " ms");
      Packet p = reader.read(TimeUnit.MILLISECONDS.toNanos(Math.min(left, 200)));
      if (p != null) return p;
    }
  }

  <T extends Packet> T await(Class<T> type, long timeoutMillis)
      throws IOException, MalformedPacketException {
    Packet p = await(timeoutMillis);
    if (!type.isInstance(p)) {
      throw new AssertionError("expected " + type.getSimpleName() + " but got "
          + PacketType.name(p.type()) + ": " + p);
    }
    return type.cast(p);
  }

  @Override public void close() throws IOException {
    connection.close();
  }
}
