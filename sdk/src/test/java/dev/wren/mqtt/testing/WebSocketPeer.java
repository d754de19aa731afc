package dev.wren.mqtt.testing;

import static dev.wren.mqtt.testing.WebSocketWire.BINARY;
import static dev.wren.mqtt.testing.WebSocketWire.CLOSE;
import static dev.wren.mqtt.testing.WebSocketWire.CONTINUATION;
import static dev.wren.mqtt.testing.WebSocketWire.PING;
import static dev.wren.mqtt.testing.WebSocketWire.acceptFor;
import static dev.wren.mqtt.testing.WebSocketWire.closePayload;
import static dev.wren.mqtt.testing.WebSocketWire.readFrame;
import static dev.wren.mqtt.testing.WebSocketWire.serverFrame;

import dev.wren.mqtt.testing.WebSocketWire.Frame;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A scripted WebSocket server for what real servers rarely do: odd handshake answers, fragments,
 * interleaved pings, close codes, broken frames. Listens on 127.0.0.1; each accepted connection
 * runs the next {@link Script}. Everything the client sends is recorded decoded: the upgrade
 * request ({@link #takeRequest}) and each frame unmasked, with its mask bit ({@link #takeFrame}).
 * Frames are coded by {@link WebSocketWire}, independently of the client's code. A failed script step is
 * rethrown by {@link #verify()} and {@link #close()}.
 */
public final class WebSocketPeer implements AutoCloseable {
  private static final long STEP_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final Thread acceptor;
  private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** The client's upgrade request: request line and header fields in order. */
  public record Request(String requestLine, List<String[]> headers) {
    /** The first field named {@code name} (any case), or null. */
    public String header(String name) {
      for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
      return null;
    }

    public List<String> headerNames() {
      return headers.stream().map(h -> h[0]).toList();
    }
  }

  private WebSocketPeer() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::acceptLoop, "WebSocketPeer-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static WebSocketPeer start() throws IOException {
    return new WebSocketPeer();
  }

  /** Adds the script the next accepted connection runs. */
  public WebSocketPeer enqueue(Script script) {
    scripts.add(script);
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  public Request takeRequest(long timeoutMillis) throws InterruptedException {
    Request r = requests.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (r == null) throw new AssertionError("WebSocketPeer: no request within " + timeoutMillis + " ms" + failureSummary());
    return r;
  }

  /** The next frame the client sent (any connection), or an AssertionError on timeout. */
  public Frame takeFrame(long timeoutMillis) throws InterruptedException {
    Frame f = inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("WebSocketPeer: no frame within " + timeoutMillis
          + " ms; received so far: " + frames + failureSummary());
    }
    return f;
  }

  /** Every frame received so far, in order. */
  public List<Frame> frames() {
    return new ArrayList<>(frames);
  }

  /** Waits until every connection's script has ended. */
  public void awaitScriptsDone(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    for (Thread t : threads) {
      t.join(Math.max(1, deadline - System.currentTimeMillis()));
      if (t.isAlive()) throw new AssertionError("WebSocketPeer: " + t.getName() + " still running");
    }
  }

  public void verify() {
    if (failures.isEmpty()) return;
    AssertionError e = new AssertionError("WebSocketPeer script failed: " + failures.get(0), failures.get(0));
    for (int i = 1; i < failures.size(); i++) e.addSuppressed(failures.get(i));
    throw e;
  }

  @Override public void close() throws InterruptedException {
    closed = true;
    closeQuietly(server);
    for (Socket s : sockets) closeQuietly(s);
    acceptor.join(2_000);
    for (Thread t : threads) t.join(2_000);
    verify();
  }

  private String failureSummary() {
    return failures.isEmpty() ? "" : "; script failures: " + failures;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void acceptLoop() {
    int number = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) failures.add(e);
        return;
      }
      sockets.add(socket);
      Script script = scripts.poll();
      Thread t = new Thread(() -> run(socket, script), "WebSocketPeer-conn-" + ++number);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void run(Socket socket, Script script) {
    String step = "start";
    try (socket) {
      if (script == null) throw new AssertionError("a connection arrived but no script was enqueued");
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) STEP_TIMEOUT_MILLIS);
      Conn c = new Conn(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
      for (Step s : script.steps) {
        step = s.name;
        s.action.run(c);
      }
    } catch (Throwable t) {
      if (!closed) failures.add(new AssertionError("at step '" + step + "': " + t, t));
    }
  }

  private final class Conn {
    final InputStream in;
    final OutputStream out;
    Request request;

    Conn(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    Request readRequest() throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b < 0) throw new EOFException("client closed before ending its request: " + lines);
        if (b != '\n') {
          line.append((char) b);
          continue;
        }
        if (line.length() == 0 || line.charAt(line.length() - 1) != '\r') {
          throw new AssertionError("request line without CRLF: " + line);
        }
        String text = line.substring(0, line.length() - 1);
        line.setLength(0);
        if (text.isEmpty()) break;
        lines.add(text);
      }
      List<String[]> headers = new ArrayList<>();
      for (String h : lines.subList(1, lines.size())) {
        int colon = h.indexOf(':');
        headers.add(new String[] {h.substring(0, colon), h.substring(colon + 1).trim()});
      }
      request = new Request(lines.get(0), headers);
      requests.add(request);
      return request;
    }

    Frame readAndRecord() throws IOException {
      Frame f = readFrame(in);
      if (f != null) {
        frames.add(f);
        inbox.add(f);
      }
      return f;
    }
  }

  private interface Action {
    void run(Conn c) throws Exception;
  }

  private record Step(String name, Action action) {
  }

  /** What {@link Script#step} runs on the connection's raw streams. */
  public interface IoStep {
    void run(InputStream in, OutputStream out) throws Exception;
  }

  /** The steps one connection runs, in order; the socket closes after the last. */
  public static final class Script {
    private final List<Step> steps = new ArrayList<>();

    private Script add(String name, Action action) {
      steps.add(new Step(name, action));
      return this;
    }

    /** Reads the upgrade request and answers with the head {@code answer} makes of it (CRLFs included). */
    public Script answer(Function<Request, String> answer) {
      return add("answer", c -> c.write(answer.apply(c.readRequest())
          .getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Reads the upgrade request and accepts it with subprotocol {@code mqtt}. */
    public Script accept() {
      return answer(r -> switchingProtocols(r, "mqtt"));
    }

    /** A correct 101 answer for {@code r}; {@code protocol} null leaves the header out. */
    public static String switchingProtocols(Request r, String protocol) {
      return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + acceptFor(r.header("Sec-WebSocket-Key")) + "\r\n"
          + (protocol != null ? "Sec-WebSocket-Protocol: " + protocol + "\r\n" : "") + "\r\n";
    }

    /** Reads the upgrade request and never answers; waits for the client to close. */
    public Script readRequestAndStall() {
      return add("readRequestAndStall", c -> {
        c.readRequest();
        drain(c);
      });
    }

    public Script send(byte[] bytes) {
      byte[] copy = bytes.clone();
      return add("send " + Wire.hex(copy.length > 16 ? java.util.Arrays.copyOf(copy, 16) : copy),
          c -> c.write(copy));
    }

    public Script sendFrame(int firstByte, byte[] payload) {
      return send(serverFrame(firstByte, payload));
    }

    /** A step of the test's own on the connection's streams, such as a frame made as it goes. */
    public Script step(String name, IoStep io) {
      return add(name, c -> io.run(c.in, c.out));
    }

    public Script sendBinary(byte[] payload) {
      return sendFrame(0x80 | BINARY, payload);
    }

    public Script sendPing(byte[] payload) {
      return sendFrame(0x80 | PING, payload);
    }

    public Script sendClose(int code, String reason) {
      return sendFrame(0x80 | CLOSE, closePayload(code, reason));
    }

    /** Reads one frame from the client, records it and asserts its opcode and mask. */
    public Script expectFrame(int opcode) {
      return expectFrame(opcode, f -> { });
    }

    public Script expectFrame(int opcode, Consumer<Frame> check) {
      return add("expect frame " + opcode, c -> {
        Frame f;
        try {
          f = c.readAndRecord();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("no frame from the client within " + STEP_TIMEOUT_MILLIS + " ms");
        }
        if (f == null) throw new AssertionError("expected opcode " + opcode + " but the client closed");
        if (f.opcode() != opcode) throw new AssertionError("expected opcode " + opcode + " but got " + f);
        if (!f.masked()) throw new AssertionError("client frame not masked: " + f);
        check.accept(f);
      });
    }

    /** Sends every binary frame from the client back as a server frame, until a close frame. */
    public Script echo() {
      return add("echo", c -> {
        Frame f;
        while ((f = c.readAndRecord()) != null) {
          if (f.opcode() == CLOSE) {
            c.write(serverFrame(0x80 | CLOSE, f.payload()));
            return;
          }
          if (f.opcode() == BINARY || f.opcode() == CONTINUATION) {
            c.write(serverFrame((f.fin() ? 0x80 : 0) | f.opcode(), f.payload()));
          }
        }
      });
    }

    /** Records frames until the client closes the connection. */
    public Script stall() {
      return add("stall", WebSocketPeer::drain);
    }

    /** Waits (up to 10 s) until the test counts {@code latch} down. */
    public Script await(CountDownLatch latch) {
      return add("await", c -> {
        if (!latch.await(STEP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
          throw new AssertionError("the test did not release the script within " + STEP_TIMEOUT_MILLIS + " ms");
        }
      });
    }

    public Script sleep(long millis) {
      return add("sleep(" + millis + ")", c -> Thread.sleep(millis));
    }
  }

  private static void drain(Conn c) throws IOException {
    try {
      while (c.readAndRecord() != null) {
        // recorded
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the client did not close within " + STEP_TIMEOUT_MILLIS + " ms");
    } catch (java.net.SocketException e) {
      // reset or closed by the client or the fixture: the end of a stall
    }
  }
}
