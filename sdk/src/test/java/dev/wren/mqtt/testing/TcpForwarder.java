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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP relay between a client and a real broker on 127.0.0.1, for faults a
 * broker cannot be asked for. Faults hit the connections open at the time of the call, so the
 * client's next connection works again: {@link #blackhole()} silently drops every byte both ways
 * while the sockets stay open (a dead link), {@link #stall()} stops reading from the client so
 * its writes back up, {@link #halfClose()} ends the stream towards the client, {@link #cut()}
 * closes the sockets. {@link #slow} delays every chunk, {@link #dropAfterBytes} cuts each new
 * connection after so many bytes from the client, {@link #refuse} closes new connections at
 * once. It also frames the client-to-broker bytes into {@link RecordedPacket}s, so tests can
 * see what a client really sent.
 */
public final class TcpForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Relay> relays = new CopyOnWriteArrayList<>();
  private final List<RecordedPacket> fromClient = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile boolean refusing;
  private volatile long delayMillis;
  private volatile long dropAfterBytes;
  private final AtomicInteger connections = new AtomicInteger();

  /** One relayed connection and the faults applied to it. */
  private static final class Relay {
    final Socket client;
    final Socket broker;
    volatile boolean blackholed;
    volatile boolean stalled;
    final AtomicLong upBytes = new AtomicLong();

    Relay(Socket client, Socket broker) {
      this.client = client;
      this.broker = broker;
    }

    void close() {
      closeQuietly(client);
      closeQuietly(broker);
    }
  }

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

  /** Connections relayed so far. */
  public int connections() {
    return connections.get();
  }

  /** Open connections drop all bytes both ways from now on, keeping their sockets open. */
  public void blackhole() {
    for (Relay r : relays) r.blackholed = true;
  }

  /** Open connections stop reading from the client: its socket buffers fill, its writes block. */
  public void stall() {
    for (Relay r : relays) r.stalled = true;
  }

  /** Ends the stream towards the client (FIN) on open connections; the sockets stay open. */
  public void halfClose() {
    for (Relay r : relays) {
      try {
        r.client.shutdownOutput();
      } catch (IOException ignored) {
        // already closed: as good as half-closed
      }
    }
  }

  /** Closes every open relayed connection now (new ones are still accepted). */
  public void cut() {
    for (Relay r : relays) r.close();
    relays.clear();
  }

  /** Delays every forwarded chunk by {@code millis} both ways (0: off). */
  public void slow(long millis) {
    this.delayMillis = millis;
  }

  /** Cuts each new connection once the client sent {@code bytes} through it (0: off). */
  public void dropAfterBytes(long bytes) {
    this.dropAfterBytes = bytes;
  }

  /** While true, new connections are closed as soon as they are accepted: a broker that is down. */
  public void refuse(boolean refuse) {
    this.refusing = refuse;
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
    closeQuietly(server);
    cut();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket broker = new Socket();
        try {
          broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
        } catch (IOException e) {
          // The broker is down: the client sees its connection closed, as with a real outage.
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        broker.setTcpNoDelay(true);
        Relay relay = new Relay(client, broker);
        relays.add(relay);
        int n = connections.incrementAndGet();
        long limit = dropAfterBytes;
        pump(relay, true, n, limit);
        pump(relay, false, n, 0);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void pump(Relay relay, boolean up, int connection, long limit) {
    Socket from = up ? relay.client : relay.broker;
    Socket to = up ? relay.broker : relay.client;
    Thread t = new Thread(() -> {
      Framer framer = up ? new Framer(connection) : null;
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while (true) {
          while (up && relay.stalled && !from.isClosed()) Thread.sleep(20);
          if ((n = in.read(buf)) < 0) break;
          if (relay.blackholed) continue;
          long delay = delayMillis;
          if (delay > 0) Thread.sleep(delay);
          if (up && limit > 0 && relay.upBytes.addAndGet(n) >= limit) {
            int keep = (int) (n - (relay.upBytes.get() - limit));
            if (keep > 0) {
              framer.feed(buf, keep);
              out.write(buf, 0, keep);
              out.flush();
            }
            break;
          }
          if (framer != null) framer.feed(buf, n);
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException ignored) {
        // one side closed
      } finally {
        relay.close();
        relays.remove(relay);
      }
    }, "TcpForwarder-pump-" + connection + (up ? "-up" : "-down"));
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
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
