package dev.wren.cli;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * A Moquette broker on 127.0.0.1 and a free port, in memory, for {@code wren demo}; it can be
 * stopped and started again on the same port, and then has forgotten every session and
 * subscription. Its logging goes through SLF4J to tinylog, which prints only errors of
 * {@code io.moquette} and {@code io.netty} (see tinylog.properties). Thread-safe.
 */
final class EmbeddedBroker implements AutoCloseable {
  private final int port;
  /** The running broker, or null while stopped. */
  private volatile Server server;

  private EmbeddedBroker(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a broker; tries a few ports in case another process takes the free one first. */
  static EmbeddedBroker start() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Server server = new Server();
      try {
        server.startServer(new MemoryConfig(config(port)));
        return new EmbeddedBroker(server, port);
      } catch (IOException | RuntimeException e) {
        last = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
        try {
          server.stopServer();
        } catch (RuntimeException stopFailure) {
          last.addSuppressed(stopFailure);
        }
      }
    }
    throw last;
  }

  static Properties config(int port) {
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", Integer.toString(port));
    p.setProperty("websocket_port", "disabled");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("allow_anonymous", "true");
    p.setProperty("allow_zero_byte_client_id", "true");
    p.setProperty("immediate_buffer_flush", "true");
    p.setProperty("netty.epoll", "false");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Stops the broker: every connection closes, and it keeps nothing. */
  synchronized void stop() {
    Server running = server;
    server = null;
    if (running != null) running.stopServer();
  }

  /**
   * Starts a new broker on the same port after {@link #stop()}. The port may take a moment to be
   * free again; this tries for up to 5 s.
   */
  synchronized void restart() throws IOException, InterruptedException {
    stop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Server fresh = new Server();
      try {
        fresh.startServer(new MemoryConfig(config(port)));
        server = fresh;
        return;
      } catch (IOException | RuntimeException e) {
        try {
          fresh.stopServer();
        } catch (RuntimeException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("cannot start the broker again on port " + port + ": " + e, e);
        }
        Logger.debug(e, "starting the broker again on port {} failed; trying again", port);
        Thread.sleep(50);
      }
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Waits until Moquette lists {@code clientId} as connected. Moquette 0.17 makes a connection
   * usable only once its CONNACK write has completed, so a SUBSCRIBE sent the instant CONNACK
   * arrives can meet "received on already closed connection" and a dropped link (a broker race).
   */
  void awaitConnected(String clientId, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Server running;
    while ((running = server) == null || running.listConnectedClients().stream()
        .noneMatch(c -> clientId.equals(c.getClientID()))) {
      if (System.nanoTime() - deadline > 0) return; // go on; the exchange reports what fails
      Thread.sleep(2);
    }
  }

  @Override public void close() {
    stop();
  }
}
