package dev.wren.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a client and a real broker on 127.0.0.1, for faults a broker cannot be asked
 * for: {@link #blackhole()} silently drops every byte in both directions while the sockets stay
 * open (a dead link: the broker only notices through keep-alive), {@link #cut()} closes every
 * socket. It also frames the client-to-broker bytes by hand into {@link RecordedPacket}s, so
 * tests can see what a client really sent (PINGREQ timing, for example).
 */
public final class TcpForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<RecordedPacket> fromClient = new CopyOnWriteArrayList<>();
  private volatile boolean blackholed;
  private volatile boolean closed;
  private int connections;

  private TcpForwarder(int targetPort) throws IOException {
    this.targetPort = targetPort;
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::acceptLoop, "TcpForwarder-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** Relays to 127.0.0.1:{@code targetPort}. */
  public static TcpForwarder to(int targetPort) throws IOException {
    return new TcpForwarder(targetPort);
  }

  public int port() {
    return server.getLocalPort();
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port();
  }

  /** From now on, drop all bytes both ways, keeping the sockets open. */
  public void blackhole() {
    blackholed = true;
  }

  /** Closes every relayed connection now (new ones are still accepted). */
  public void cut() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** The packets clients sent through the relay, framed by hand, in order. */
  public List<RecordedPacket> clientPackets() {
    return new ArrayList<>(fromClient);
  }

  public List<RecordedPacket> clientPackets(int type) {
    return fromClient.stream().filter(p -> p.type() == type).toList();
  }

  @Override public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cut();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket();
        broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
        client.setTcpNoDelay(true);
        broker.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(broker);
        int n = ++connections;
        pump(client, broker, n, true);
        pump(broker, client, n, false);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void pump(Socket from, Socket to, int connection, boolean record) {
    Thread t = new Thread(() -> {
      Framer framer = record ? new Framer(connection) : null;
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (blackholed) continue;
          if (framer != null) framer.feed(buf, n);
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // one side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }, "TcpForwarder-pump-" + connection + (record ? "-up" : "-down"));
    t.setDaemon(true);
    t.start();
  }

  /** Splits a byte stream into MQTT packets: first byte, remaining length, body. */
  private final class Framer {
    private final int connection;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Framer(int connection) {
      this.connection = connection;
    }

    void feed(byte[] buf, int n) {
      pending.write(buf, 0, n);
      byte[] b = pending.toByteArray();
      int at = 0;
      while (true) {
        if (b.length - at < 2) break;
        int length = 0;
        int multiplier = 1;
        int i = at + 1;
        boolean complete = false;
        for (; i < b.length && i <= at + 4; i++) {
          length += (b[i] & 0x7f) * multiplier;
          multiplier *= 128;
          if ((b[i] & 0x80) == 0) {
            complete = true;
            break;
          }
        }
        if (!complete || b.length - (i + 1) < length) break;
        int first = b[at] & 0xff;
        fromClient.add(new RecordedPacket(connection, first >> 4, first & 0x0f,
            Arrays.copyOfRange(b, i + 1, i + 1 + length), System.nanoTime()));
        at = i + 1 + length;
      }
      pending.reset();
      pending.write(b, at, b.length - at);
    }
  }
}
