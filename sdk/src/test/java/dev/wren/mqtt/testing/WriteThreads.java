package dev.wren.mqtt.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * A socket factory for {@code MqttOptions.socketFactory} that records which threads write to
 * the sockets it made: the check at the transport seam that no socket write runs on a thread
 * that must not make one (TLS and WebSocket write through the same TCP stream). Thread-safe.
 */
public final class WriteThreads extends SocketFactory {
  private final Set<Thread> writers = new LinkedHashSet<>();
  private int sockets;

  @Override public Socket createSocket() {
    synchronized (this) {
      sockets++;
    }
    return new Socket() {
      @Override public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
          @Override public void write(int b) throws IOException {
            record();
            out.write(b);
          }

          @Override public void write(byte[] b, int off, int len) throws IOException {
            record();
            out.write(b, off, len);
          }
        };
      }
    };
  }

  private synchronized void record() {
    writers.add(Thread.currentThread());
  }

  /** Every thread that wrote so far, in the order of their first write. */
  public synchronized List<Thread> writers() {
    return new ArrayList<>(writers);
  }

  /** Sockets made so far. */
  public synchronized int sockets() {
    return sockets;
  }

  /** Whether {@code thread} ever wrote to a socket of this factory. */
  public synchronized boolean wrote(Thread thread) {
    return writers.contains(thread);
  }

  /** The client asks only for unconnected sockets; the connected variants are refused. */
  @Override public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException("the client connects sockets itself");
  }

  @Override public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("the client connects sockets itself");
  }

  @Override public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("the client connects sockets itself");
  }

  @Override public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) {
    throw new UnsupportedOperationException("the client connects sockets itself");
  }
}
