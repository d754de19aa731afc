package dev.wren.mqtt.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * Moquette 0.17 in-process on 127.0.0.1 and a free port: no persistence, no telemetry, anonymous
 * clients and empty client ids allowed. Needs nothing installed, so the client's round trips run
 * everywhere. Moquette logs through SLF4J to logback, kept at WARN by {@code logback-test.xml}.
 * Known quirks (see BROKERS.md): retained messages reach new subscribers with RETAIN=0, QoS 0
 * retained messages are dropped, MQTT 5 is refused.
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** The path Moquette serves WebSocket on (its default, set explicitly). */
  public static final String WEBSOCKET_PATH = "/mqtt";

  private final Server server;
  private final int port;
  private final int wsPort;

  private EmbeddedBroker(Server server, int port, int wsPort) {
    this.server = server;
    this.port = port;
    this.wsPort = wsPort;
  }

  public static EmbeddedBroker start() throws IOException {
    return start(false);
  }

  /** Also opens Moquette's WebSocket listener, at {@link #wsUri()}. */
  public static EmbeddedBroker startWithWebSocket() throws IOException {
    return start(true);
  }

  /**
   * Like {@link #startWithWebSocket()}, with Moquette's message size limit (8,092 bytes as
   * shipped) raised to {@code bytes}: only for tests about packets that large.
   *
   * @param reason why the test needs it, for the reader
   */
  public static EmbeddedBroker startWithWebSocketAndMessageSize(int bytes, String reason)
      throws IOException {
    if (reason == null || reason.trim().isEmpty()) {
      throw new IllegalArgumentException("say why the test lifts a limit of the shipped broker");
    }
    return start(true, bytes);
  }

  private static EmbeddedBroker start(boolean websocket) throws IOException {
    return start(websocket, 0);
  }

  /** @param messageSize Moquette's limit on an MQTT message, or 0 for its shipped default */
  private static EmbeddedBroker start(boolean websocket, int messageSize) throws IOException {
    int port = freePort();
    int wsPort = websocket ? freePort() : -1;
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", String.valueOf(port));
    p.setProperty("websocket_port", websocket ? String.valueOf(wsPort) : "disabled");
    p.setProperty("websocket_path", WEBSOCKET_PATH);
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("allow_anonymous", "true");
    p.setProperty("allow_zero_byte_client_id", "true");
    p.setProperty("netty.epoll", "false");
    // Its shipped limits otherwise; only a test about large packets raises the message size.
    if (messageSize > 0) p.setProperty("netty.mqtt.message_size", String.valueOf(messageSize));
    Server server = new Server();
    server.startServer(new MemoryConfig(p));
    return new EmbeddedBroker(server, port, wsPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The WebSocket listener's port; needs {@link #startWithWebSocket()}. */
  public int wsPort() {
    if (wsPort < 0) throw new IllegalStateException("no WebSocket listener: use startWithWebSocket()");
    return wsPort;
  }

  public String wsUri() {
    return "ws://127.0.0.1:" + wsPort() + WEBSOCKET_PATH;
  }

  /**
   * Waits until Moquette lists {@code clientId} as connected. Moquette 0.17 marks a connection
   * usable only when the CONNACK write completes (a listener on its event loop), so a SUBSCRIBE or
   * PUBLISH sent the instant CONNACK arrives can meet "received on already closed connection" and
   * a dropped link. Tests that act right after connect() call this first; it is a broker race,
   * not a client fault.
   */
  public void awaitClientConnected(String clientId, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (server.listConnectedClients().stream().noneMatch(d -> clientId.equals(d.getClientID()))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Moquette does not list " + clientId + " as connected after "
            + timeoutMillis + " ms: " + server.listConnectedClients());
      }
      Thread.sleep(5);
    }
  }

  /** The Moquette server, for what this class does not wrap (intercept handlers, ...). */
  public Server server() {
    return server;
  }

  @Override public void close() {
    server.stopServer();
  }

  @Override public String toString() {
    return "EmbeddedBroker{" + uri() + "}";
  }
}
