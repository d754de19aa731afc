package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.internal.transport.tls.TlsLayer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Opens the connection to a broker as a chain: a TCP socket (direct, or a tunnel through an HTTP
 * proxy), then TLS for {@code ssl://} and {@code mqtts://}. The whole chain shares one deadline.
 * Stateless.
 */
public final class Transports {
  private Transports() {
  }

  /**
   * Opens a connection within {@code timeoutMillis}, with TLS verified before it returns: nothing
   * of MQTT has been sent yet.
   *
   * @throws java.net.SocketTimeoutException when the TCP connection is not made in time
   * @throws dev.wren.mqtt.MqttTimeoutException when the proxy or the TLS handshake is too slow
   * @throws dev.wren.mqtt.TlsException when TLS cannot be set up or verified
   * @throws dev.wren.mqtt.ProxyException when the proxy cannot be reached or refuses
   * @throws IOException when the broker cannot be reached
   */
  public static Connection open(ServerAddress address, TransportSettings settings,
      int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    String peer = HttpConnectTunnel.authority(address.host(), address.port());
    Socket tcp = settings.proxy() != null
        ? HttpConnectTunnel.open(settings.proxy(), address.host(), address.port(), deadline,
            timeoutMillis)
        : connect(address, timeoutMillis);
    try {
      if (!address.secure()) return SocketConnection.plain(tcp, peer);
      TlsLayer.Established tls = TlsLayer.handshake(tcp, address.host(), address.port(),
          settings.tls(), deadline, timeoutMillis);
      return SocketConnection.tls(tls, tcp, peer);
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(tcp, e);
      throw e;
    }
  }

  private static Socket connect(ServerAddress address, int timeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      // MQTT packets are small and latency matters more than segment count.
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
      return socket;
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(socket, e);
      throw e;
    }
  }

  /** Milliseconds left before {@code deadlineNanos}, at least 1 (0 would mean forever). */
  static int remainingMillis(long deadlineNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  static void closeAfterFailure(Socket socket, Exception primary) {
    try {
      socket.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
