package dev.wren.mqtt.testing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A scripted MQTT broker for failure modes real brokers will not produce (in the spirit of
 * OkHttp's MockWebServer). It listens on 127.0.0.1 on a free port; each accepted connection runs
 * the next {@link Script} given to {@link #enqueue} on its own thread. Every packet read is framed
 * by hand (first byte, 1-4 byte remaining length, body), recorded as a {@link RecordedPacket} and
 * can be awaited with {@link #takePacket}. A failed expectation is kept and rethrown in the test
 * thread by {@link #verify()} and {@link #close()}.
 *
 * <pre>{@code
 * try (FakeBroker fake = FakeBroker.start()) {
 *   fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).sendConnAck(false, 0).stall());
 *   ... connect a client to fake.uri() ...
 *   RecordedPacket ping = fake.takePacket(Wire.PINGREQ, 5_000);
 * }
 * }</pre>
 */
public final class FakeBroker implements AutoCloseable {
  /** How long an {@code expect} step waits for a packet unless the script says otherwise. */
  public static final long DEFAULT_EXPECT_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final Thread acceptor;
  private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
  private final BlockingQueue<RecordedPacket> inbox = new LinkedBlockingQueue<>();
  private final List<RecordedPacket> all = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private FakeBroker() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::acceptLoop, "FakeBroker-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static FakeBroker start() throws IOException {
    return new FakeBroker();
  }

  /** Adds the script the next accepted connection runs (one script per connection, in order). */
  public FakeBroker enqueue(Script script) {
    scripts.add(script);
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port();
  }

  /** The next received packet (of any type, any connection), or an AssertionError on timeout. */
  public RecordedPacket takePacket(long timeoutMillis) throws InterruptedException {
    RecordedPacket p = inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (p == null) {
      throw new AssertionError("FakeBroker: no packet within " + timeoutMillis + " ms; received so far: "
          + all + failureSummary());
    }
    return p;
  }

  /**
   * The next received packet of {@code type}, skipping (and discarding from the queue) others;
   * every packet stays in {@link #packets()}.
   */
  public RecordedPacket takePacket(int type, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = deadline - System.nanoTime();
      RecordedPacket p = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
      if (p == null) {
        throw new AssertionError("FakeBroker: no " + Wire.typeName(type) + " within "
            + timeoutMillis + " ms; received so far: " + all + failureSummary());
      }
      if (p.type() == type) return p;
    }
  }

  /** Every packet received so far, in order. */
  public List<RecordedPacket> packets() {
    return new ArrayList<>(all);
  }

  /** Received packets of one type, in order. */
  public List<RecordedPacket> packets(int type) {
    return all.stream().filter(p -> p.type() == type).toList();
  }

  public int connectionCount() {
    return connections.size();
  }

  /** Waits until at least {@code n} connections were accepted. */
  public void awaitConnections(int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (connections) {
      while (connections.size() < n) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("FakeBroker: " + connections.size() + " connection(s) within "
              + timeoutMillis + " ms, expected " + n);
        }
        connections.wait(left);
      }
    }
  }

  /**
   * Waits until the script of every connection accepted so far has ended (finished, failed or
   * closed); call {@link #awaitConnections} first when the client may not be accepted yet.
   */
  public void awaitScriptsDone(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    for (Connection c : connections) {
      c.thread.join(Math.max(1, deadline - System.currentTimeMillis()));
      if (c.thread.isAlive()) {
        throw new AssertionError("FakeBroker: script of connection #" + c.number
            + " still running after " + timeoutMillis + " ms (at step " + c.step + ")");
      }
    }
  }

  /** True when the connection's socket was closed by the peer or the script. */
  public boolean isClosed(int connection) {
    return connections.get(connection - 1).socket.isClosed();
  }

  /** Writes bytes on the latest connection now, from the calling thread. */
  public void send(byte[] bytes) throws IOException {
    if (connections.isEmpty()) throw new IllegalStateException("no connection yet");
    connections.get(connections.size() - 1).write(bytes);
  }

  public void send(String hex) throws IOException {
    send(Wire.hex(hex));
  }

  /** Closes every accepted connection now. */
  public void dropConnections() {
    for (Connection c : connections) c.closeQuietly();
  }

  /** Throws the first script failure (others suppressed), if any. */
  public void verify() {
    if (failures.isEmpty()) return;
    Throwable first = failures.get(0);
    AssertionError e = new AssertionError("FakeBroker script failed: " + first.getMessage(), first);
    for (int i = 1; i < failures.size(); i++) e.addSuppressed(failures.get(i));
    throw e;
  }

  /** Stops listening, closes every connection, waits for the threads, then {@link #verify()}. */
  @Override public void close() throws InterruptedException {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    dropConnections();
    acceptor.join(2_000);
    for (Connection c : connections) c.thread.join(2_000);
    verify();
  }

  private String failureSummary() {
    return failures.isEmpty() ? "" : "; script failures: " + failures;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) failures.add(e);
        return;
      }
      synchronized (connections) {
        Connection c = new Connection(connections.size() + 1, socket);
        c.thread.start(); // before it is listed, so awaitScriptsDone never joins an unstarted thread
        connections.add(c);
        connections.notifyAll();
      }
    }
  }

  /** One accepted connection running one script. */
  private final class Connection {
    final int number;
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final Thread thread;
    volatile String step = "start";
    long expectTimeoutMillis = DEFAULT_EXPECT_TIMEOUT_MILLIS;

    Connection(int number, Socket socket) {
      this.number = number;
      this.socket = socket;
      InputStream i = null;
      OutputStream o = null;
      try {
        socket.setTcpNoDelay(true);
        i = new BufferedInputStream(socket.getInputStream());
        o = socket.getOutputStream();
      } catch (IOException e) {
        failures.add(e);
      }
      this.in = i;
      this.out = o;
      this.thread = new Thread(this::run, "FakeBroker-conn-" + number);
      this.thread.setDaemon(true);
    }

    void run() {
      // The acceptor lists this connection while holding the lock: a script (and so the client)
      // must not get ahead of connectionCount().
      synchronized (connections) {
        step = "listed";
      }
      Script script = scripts.poll();
      if (script == null) {
        failures.add(new AssertionError("FakeBroker: connection #" + number
            + " arrived but no script was enqueued for it"));
        closeQuietly();
        return;
      }
      try {
        for (Step s : script.steps) {
          step = s.name;
          s.action.run(this);
        }
        step = "done";
        closeQuietly(); // like a broker: the connection ends with its script
      } catch (Throwable t) {
        step = "failed: " + step;
        if (!closed) {
          failures.add(t instanceof AssertionError ? t
              : new AssertionError("connection #" + number + " at step " + stepName(t) + ": " + t, t));
        }
        closeQuietly();
      }
    }

    private String stepName(Throwable t) {
      return step.replace("failed: ", "");
    }

    synchronized void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Reads one packet; null on a clean end of stream before its first byte. */
    RecordedPacket read() throws IOException {
      int first = in.read();
      if (first < 0) return null;
      int length = 0;
      int multiplier = 1;
      for (int i = 0; ; i++) {
        int b = in.read();
        if (b < 0) throw new EOFException("end of stream inside a remaining length");
        length += (b & 0x7f) * multiplier;
        if ((b & 0x80) == 0) break;
        if (i == 3) throw new IOException("malformed remaining length: more than 4 bytes");
        multiplier *= 128;
      }
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new EOFException("end of stream after " + body.length + " of " + length
            + " body bytes of a " + Wire.typeName(first >> 4));
      }
      RecordedPacket p = new RecordedPacket(number, first >> 4, first & 0x0f, body,
          System.nanoTime());
      all.add(p);
      inbox.add(p);
      return p;
    }

    RecordedPacket expect(int type) throws IOException {
      socket.setSoTimeout((int) expectTimeoutMillis);
      RecordedPacket p;
      try {
        p = read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("connection #" + number + ": expected " + Wire.typeName(type)
            + " within " + expectTimeoutMillis + " ms, got nothing; received so far: " + all);
      } finally {
        if (!socket.isClosed()) socket.setSoTimeout(0);
      }
      if (p == null) {
        throw new AssertionError("connection #" + number + ": expected " + Wire.typeName(type)
            + " but the client closed the connection; received so far: " + all);
      }
      if (p.type() != type) {
        throw new AssertionError("connection #" + number + ": expected " + Wire.typeName(type)
            + " but got " + p);
      }
      return p;
    }

    void closeQuietly() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private interface Action {
    void run(Connection c) throws Exception;
  }

  private record Step(String name, Action action) {
  }

  /**
   * The steps one connection runs, in order. Build it fluently; it is consumed by one
   * connection. When the last step is done the fake closes the socket, as a broker does after
   * DISCONNECT; end with {@link #stall()} or {@link #autoReply()} to keep it open. Open-ended steps ({@link #stall()}, {@link #autoReply()}) end quietly when the
   * client or the fake closes the connection.
   */
  public static final class Script {
    private final List<Step> steps = new ArrayList<>();

    private Script add(String name, Action action) {
      steps.add(new Step(name, action));
      return this;
    }

    /** How long the following {@code expect} steps wait (default 10 s). */
    public Script expectTimeout(long millis) {
      return add("expectTimeout(" + millis + ")", c -> c.expectTimeoutMillis = millis);
    }

    /** Reads one packet and asserts its type. */
    public Script expect(int type) {
      return add("expect " + Wire.typeName(type), c -> c.expect(type));
    }

    /** Reads one packet, asserts its type, then runs {@code check} (which may assert more). */
    public Script expect(int type, Consumer<RecordedPacket> check) {
      return add("expect " + Wire.typeName(type), c -> check.accept(c.expect(type)));
    }

    /** Reads one packet, asserts its type, and sends what {@code reply} makes of it (if not null). */
    public Script expectAndReply(int type, Function<RecordedPacket, byte[]> reply) {
      return add("expect " + Wire.typeName(type) + " and reply", c -> {
        byte[] bytes = reply.apply(c.expect(type));
        if (bytes != null) c.write(bytes);
      });
    }

    /** Asserts that the client closes the connection (end of stream) within the expect timeout. */
    public Script expectClosed() {
      return add("expect end of stream", c -> {
        c.socket.setSoTimeout((int) c.expectTimeoutMillis);
        try {
          RecordedPacket p = c.read();
          if (p != null) {
            throw new AssertionError("connection #" + c.number
                + ": expected the client to close, but got " + p);
          }
        } catch (SocketTimeoutException e) {
          throw new AssertionError("connection #" + c.number + ": the client did not close within "
              + c.expectTimeoutMillis + " ms");
        } catch (IOException e) {
          if (e instanceof java.net.SocketException && !c.socket.isClosed()) return; // reset = closed
          throw e;
        }
      });
    }

    public Script send(byte[] bytes) {
      byte[] copy = bytes.clone();
      return add("send " + Wire.hex(copy), c -> c.write(copy));
    }

    public Script send(String hex) {
      return send(Wire.hex(hex));
    }

    public Script sendConnAck(boolean sessionPresent, int returnCode) {
      return send(Wire.connAck(sessionPresent, returnCode));
    }

    /** Sends bytes that are not MQTT; same as {@link #send(byte[])}, named for the intent. */
    public Script garbage(byte[] bytes) {
      return send(bytes);
    }

    /**
     * From now until the connection ends, writes {@code bytes} every {@code periodMillis} on a
     * background thread, while the following steps run.
     */
    public Script sendEvery(long periodMillis, byte[] bytes) {
      byte[] copy = bytes.clone();
      return add("sendEvery(" + periodMillis + ")", c -> {
        Thread t = new Thread(() -> {
          try {
            while (!c.socket.isClosed()) {
              Thread.sleep(periodMillis);
              c.write(copy);
            }
          } catch (IOException | InterruptedException ignored) {
            // connection over
          }
        }, "FakeBroker-sendEvery-" + c.number);
        t.setDaemon(true);
        t.start();
      });
    }

    /**
     * From now on, writes {@code bytes} one at a time, one every {@code periodMillis}, on a
     * background thread while the following steps run (a slow-loris broker): the first byte goes
     * after one period. Stops when every byte is written or the connection ends.
     */
    public Script trickle(long periodMillis, byte[] bytes) {
      byte[] copy = bytes.clone();
      return add("trickle(" + periodMillis + ", " + copy.length + " bytes)", c -> {
        Thread t = new Thread(() -> {
          try {
            for (byte b : copy) {
              Thread.sleep(periodMillis);
              if (c.socket.isClosed()) return;
              c.write(new byte[] {b});
            }
          } catch (IOException | InterruptedException ignored) {
            // connection over
          }
        }, "FakeBroker-trickle-" + c.number);
        t.setDaemon(true);
        t.start();
      });
    }

    public Script trickle(long periodMillis, String hex) {
      return trickle(periodMillis, Wire.hex(hex));
    }

    /**
     * Answers the next {@code n} packets like a broker without routing: PINGREQ → PINGRESP,
     * PUBLISH QoS 1 → PUBACK, QoS 2 → PUBREC, PUBREL → PUBCOMP, SUBSCRIBE → SUBACK granting the
     * requested QoS, UNSUBSCRIBE → UNSUBACK, DISCONNECT → close. CONNECT → CONNACK 0.
     */
    public Script autoReply(int n) {
      return add("autoReply(" + n + ")", c -> {
        for (int i = 0; i < n; i++) {
          RecordedPacket p = c.read();
          if (p == null) throw new AssertionError("connection #" + c.number
              + ": client closed after " + i + " of " + n + " auto-replied packets");
          if (!reply(c, p)) return;
        }
      });
    }

    /** {@link #autoReply(int)} until the connection ends. */
    public Script autoReply() {
      return add("autoReply", c -> {
        try {
          RecordedPacket p;
          while ((p = c.read()) != null) {
            if (!reply(c, p)) return;
          }
        } catch (IOException e) {
          if (!c.socket.isClosed() && !(e instanceof java.net.SocketException)) throw e;
        }
      });
    }

    private static boolean reply(Connection c, RecordedPacket p) throws IOException {
      switch (p.type()) {
        case Wire.CONNECT -> c.write(Wire.connAck(false, 0));
        case Wire.PINGREQ -> c.write(Wire.pingResp());
        case Wire.PUBLISH -> {
          if (p.qos() == 1) c.write(Wire.pubAck(p.packetId()));
          if (p.qos() == 2) c.write(Wire.pubRec(p.packetId()));
        }
        case Wire.PUBREL -> c.write(Wire.pubComp(p.packetId()));
        case Wire.SUBSCRIBE -> c.write(Wire.subAck(p.packetId(),
            p.requestedQos().stream().mapToInt(Integer::intValue).toArray()));
        case Wire.UNSUBSCRIBE -> c.write(Wire.unsubAck(p.packetId()));
        case Wire.DISCONNECT -> {
          c.closeQuietly();
          return false;
        }
        default -> {
          // acks from the client need no answer
        }
      }
      return true;
    }

    public Script sleep(long millis) {
      return add("sleep(" + millis + ")", c -> Thread.sleep(millis));
    }

    /** Closes the socket. */
    public Script close() {
      return add("close", Connection::closeQuietly);
    }

    /** Shuts down the output side (the client reads end of stream); keeps reading nothing. */
    public Script halfClose() {
      return add("halfClose", c -> c.socket.shutdownOutput());
    }

    /** Reads and records every packet and never answers, until the connection ends. */
    public Script stall() {
      return add("stall", c -> {
        try {
          while (c.read() != null) {
            // recorded by read()
          }
        } catch (IOException e) {
          // the connection ended: that is how a stall finishes
        }
      });
    }
  }
}
