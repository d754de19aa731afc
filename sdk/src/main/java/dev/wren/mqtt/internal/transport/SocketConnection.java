package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.internal.transport.tls.TlsLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.tinylog.Logger;

/**
 * A {@link Connection} over a socket: plain TCP, or TLS layered on the TCP socket (which may be a
 * proxy tunnel). Thread-safe as {@link Connection} requires.
 */
final class SocketConnection implements Connection {
  private final Socket socket;
  private final Socket tcp;
  private final InputStream in;
  private final OutputStream out;
  private final String peer;
  private final TlsLayer.Established tls;
  /** The timeout last set, -1 before the first: unchanged ones skip the socket (and its boxing). */
  private volatile int readTimeoutMillis = -1;

  /**
   * @param socket what MQTT bytes go through (the TLS socket, or {@code tcp} itself)
   * @param tcp the TCP socket underneath
   * @param in the stream to read, already buffered
   * @param out the stream to write
   * @param tls the TLS session, or null for plain TCP
   */
  private SocketConnection(Socket socket, Socket tcp, InputStream in, OutputStream out,
      String peer, TlsLayer.Established tls) {
    this.socket = socket;
    this.tcp = tcp;
    this.in = in;
    this.out = out;
    this.peer = peer;
    this.tls = tls;
  }

  static SocketConnection plain(Socket tcp, String peer) throws IOException {
    // A buffered stream keeps its state when the socket read times out: nothing is lost.
    return new SocketConnection(tcp, tcp, new ElasticInputStream(tcp.getInputStream()),
        tcp.getOutputStream(), peer, null);
  }

  static SocketConnection tls(TlsLayer.Established tls, Socket tcp, String peer) {
    return new SocketConnection(tls.socket, tcp, tls.in, tls.out, peer, tls);
  }

  @Override public InputStream in() {
    return in;
  }

  @Override public OutputStream out() {
    return out;
  }

  /** Set before each read by the reader; most calls repeat the last value. */
  @Override public void setReadTimeout(int millis) throws IOException {
    if (millis == readTimeoutMillis) return;
    socket.setSoTimeout(millis);
    readTimeoutMillis = millis;
  }

  @Override public void shutdownOutput() throws IOException {
    if (socket.isClosed() || socket.isOutputShutdown()) return;
    try {
      // On TLS this sends close_notify (Java 11+).
      socket.shutdownOutput();
    } catch (UnsupportedOperationException e) {
      // Java 8's and Android's SSLSocket cannot half-close. The broker closes the connection
      // after reading DISCONNECT anyway, which ends the read loop the same way.
      Logger.debug("{} cannot half-close ({}); waiting for the broker to close", peer, e.getMessage());
    }
  }

  @Override public String peer() {
    return peer;
  }

  @Override public void close() throws IOException {
    // Closing the TCP socket unblocks a read in progress on every JVM; an SSLSocket's own close()
    // may wait for that read on older ones. DISCONNECT already gave the broker an orderly end.
    if (tls != null) tls.closing();
    tcp.close();
  }
}
