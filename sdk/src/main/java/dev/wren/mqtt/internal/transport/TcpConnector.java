package dev.wren.mqtt.internal.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Plain TCP. Stateless; {@link #INSTANCE} is shared. */
public final class TcpConnector implements Connector {
  public static final TcpConnector INSTANCE = new TcpConnector();

  private TcpConnector() {
  }

  @Override public Connection open(ServerAddress address, int timeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      // MQTT packets are small and latency matters more than segment count.
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
      return new TcpConnection(socket, address.host() + ":" + address.port());
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket, e);
      throw e;
    }
  }

  private static void closeQuietly(Socket socket, Exception primary) {
    try {
      socket.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  private static final class TcpConnection implements Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;

    TcpConnection(Socket socket, String peer) throws IOException {
      this.socket = socket;
      // A buffered stream keeps its state when the socket read times out: nothing is lost.
      this.in = new BufferedInputStream(socket.getInputStream(), 8192);
      this.out = socket.getOutputStream();
      this.peer = peer;
    }

    @Override public InputStream in() {
      return in;
    }

    @Override public OutputStream out() {
      return out;
    }

    @Override public void setReadTimeout(int millis) throws IOException {
      socket.setSoTimeout(millis);
    }

    @Override public void shutdownOutput() throws IOException {
      if (!socket.isClosed() && !socket.isOutputShutdown()) socket.shutdownOutput();
    }

    @Override public String peer() {
      return peer;
    }

    @Override public void close() throws IOException {
      socket.close();
    }
  }
}
