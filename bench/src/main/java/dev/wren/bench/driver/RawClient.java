package dev.wren.bench.driver;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A minimal MQTT 3.1.1 client over a plain socket, the ceiling the libraries are compared with.
 * Writes go to a 64 KiB buffer that is flushed when the harness is about to wait (see
 * {@link BenchClient#flush}) and, for the acknowledgements the reader sends, just before the
 * reader would block on an empty input buffer, so one write carries many acknowledgements. The reader thread parses frames minimally and answers QoS 1/2 as the
 * protocol asks (PUBACK; PUBREC, then PUBCOMP on PUBREL; PUBREL on PUBREC), so the QoS 1/2 rows
 * are a fair ceiling. Thread-safe for one publishing thread plus its reader thread.
 */
final class RawClient implements BenchClient {
  private static final int BUFFER = 64 * 1024;
  private static final long TIMEOUT_MILLIS = 30_000;

  private final Socket socket;
  private final InputStream in;
  private final byte[] inBuffer = new byte[BUFFER];
  private int inPos;
  private int inLimit;
  private boolean acksToFlush;
  private final OutputStream out;
  private final Thread reader;
  private final AtomicReferenceArray<Done> pending = new AtomicReferenceArray<>(65536);
  private final CompletableFuture<Integer> subAck = new CompletableFuture<>();
  private final byte[] ackOut = new byte[4];
  private volatile Receiver receiver;
  private volatile boolean closing;
  private volatile Throwable failure;
  private int nextPacketId = 1;
  private byte[] prefix = new byte[0];
  private String prefixKey = "";

  private RawClient(Socket socket, String clientId) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    this.reader = new Thread(this::readLoop, "raw-reader-" + clientId);
    reader.setDaemon(true);
  }

  static RawClient connect(String host, int port, String clientId) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT_MILLIS);
      socket.setSoTimeout((int) TIMEOUT_MILLIS);
      RawClient client = new RawClient(socket, clientId);
      client.out.write(RawPackets.connect(clientId));
      client.out.flush();
      int type = client.readByte();
      int length = client.readByte();
      client.readByte(); // session present
      int code = client.readByte();
      if (type != RawPackets.CONNACK || length != 2 || code != 0) {
        throw new ProtocolException("expected CONNACK 0, got type 0x" + Integer.toHexString(type)
            + " length " + length + " code " + code);
      }
      socket.setSoTimeout(0); // the reader waits for traffic as long as the run takes
      client.reader.start();
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override public void subscribe(String topic, int qos, Receiver receiver) throws Exception {
    this.receiver = receiver;
    synchronized (out) {
      out.write(RawPackets.subscribe(1, topic, qos));
      out.flush();
    }
    int granted = subAck.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    if (granted != qos) throw new IllegalStateException("broker granted " + granted + " for QoS " + qos);
  }

  @Override public void publish(String topic, byte[] payload, int qos, Done done) throws IOException {
    Throwable failed = failure;
    if (failed != null) throw new IOException("raw client failed before this publish", failed);
    String key = topic + '\0' + qos + '\0' + payload.length;
    if (!key.equals(prefixKey)) {
      prefix = RawPackets.publishPrefix(topic, qos, payload.length);
      prefixKey = key;
    }
    int id = 0;
    if (qos > 0) {
      id = nextPacketId;
      nextPacketId = id == 65535 ? 1 : id + 1;
      pending.set(id, done);
    }
    synchronized (out) {
      out.write(prefix);
      if (qos > 0) {
        out.write(id >>> 8);
        out.write(id & 0xFF);
      }
      out.write(payload);
    }
    if (qos == 0) done.done(null);
  }

  @Override public void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }

  @Override public void close() throws Exception {
    closing = true;
    try {
      synchronized (out) {
        out.write(RawPackets.DISCONNECT);
        out.flush();
      }
    } finally {
      socket.close();
      reader.join(TIMEOUT_MILLIS);
    }
  }

  private void readLoop() {
    byte[] body = new byte[BUFFER];
    try {
      while (true) {
        int type = readByte();
        int length = readRemainingLength();
        if (length > body.length) body = new byte[Math.max(length, body.length * 2)];
        readFully(body, length);
        handle(type, body, length);
      }
    } catch (IOException | RuntimeException e) {
      if (closing) return; // the socket was closed under the reader on purpose
      failure = e;
      System.err.println("raw client " + reader.getName() + " failed: " + e);
      for (int id = 1; id < pending.length(); id++) {
        Done done = pending.getAndSet(id, null);
        if (done != null) done.done(e);
      }
    }
  }

  private void handle(int type, byte[] body, int length) throws IOException {
    switch (type & 0xF0) {
      case RawPackets.PUBLISH: {
        int qos = (type >>> 1) & 3;
        int at = 2 + ((body[0] & 0xFF) << 8 | body[1] & 0xFF);
        int id = 0;
        if (qos > 0) {
          id = (body[at] & 0xFF) << 8 | body[at + 1] & 0xFF;
          at += 2;
        }
        receiver.onMessage(body, at, length - at);
        if (qos == 1) sendAck(RawPackets.PUBACK, id);
        if (qos == 2) sendAck(RawPackets.PUBREC, id);
        return;
      }
      case RawPackets.PUBREL & 0xF0:
        sendAck(RawPackets.PUBCOMP, idOf(body));
        return;
      case RawPackets.PUBREC:
        sendAck(RawPackets.PUBREL, idOf(body));
        return;
      case RawPackets.PUBACK:
      case RawPackets.PUBCOMP: {
        int id = idOf(body);
        Done done = pending.getAndSet(id, null);
        if (done == null) throw new ProtocolException("acknowledgement 0x" + Integer.toHexString(type) + " for unknown packet id " + id);
        done.done(null);
        return;
      }
      case RawPackets.SUBACK:
        subAck.complete(body[2] & 0xFF);
        return;
      case RawPackets.PINGRESP:
        return;
      default:
        throw new ProtocolException("unexpected packet type 0x" + Integer.toHexString(type));
    }
  }

  private void sendAck(int type, int packetId) throws IOException {
    synchronized (out) {
      RawPackets.ack(type, packetId, ackOut);
      out.write(ackOut);
    }
    acksToFlush = true;
  }

  private int readByte() throws IOException {
    if (inPos == inLimit) fill();
    return inBuffer[inPos++] & 0xFF;
  }

  private void readFully(byte[] dst, int length) throws IOException {
    int done = 0;
    while (done < length) {
      if (inPos == inLimit) fill();
      int n = Math.min(length - done, inLimit - inPos);
      System.arraycopy(inBuffer, inPos, dst, done, n);
      inPos += n;
      done += n;
    }
  }

  /** Refills the input buffer, sending the acknowledgements written so far before blocking. */
  private void fill() throws IOException {
    if (acksToFlush) {
      acksToFlush = false;
      flush();
    }
    int n = in.read(inBuffer, 0, inBuffer.length);
    if (n < 0) throw new EOFException("broker closed the connection");
    inPos = 0;
    inLimit = n;
  }

  private static int idOf(byte[] body) {
    return (body[0] & 0xFF) << 8 | body[1] & 0xFF;
  }

  private int readRemainingLength() throws IOException {
    int value = 0;
    for (int shift = 0; shift <= 21; shift += 7) {
      int digit = readByte();
      value |= (digit & 0x7F) << shift;
      if ((digit & 0x80) == 0) return value;
    }
    throw new ProtocolException("remaining length longer than 4 bytes");
  }
}
