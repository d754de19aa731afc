package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.WebSocketHandshakeException;
import dev.wren.mqtt.internal.transport.tls.TlsLayer;
import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import dev.wren.mqtt.internal.transport.ws.WebSocketUpgrade;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Opens the connection to a broker as a chain: a TCP socket (direct, or a tunnel through an HTTP
 * proxy), then TLS for {@code ssl://}, {@code mqtts://} and {@code wss://}, then the WebSocket
 * upgrade for {@code ws://} and {@code wss://}. The whole chain shares one deadline. Stateless.
 */
public final class Transports {
  private Transports() {
  }

  /**
   * Opens a connection within {@code timeoutMillis}, with TLS verified and the WebSocket upgraded
   * before it returns: nothing of MQTT has been sent yet.
   *
   * @throws java.net.SocketTimeoutException when the TCP connection is not made in time
   * @throws dev.wren.mqtt.MqttTimeoutException when the proxy, the TLS handshake or the WebSocket
   *     upgrade is too slow
   * @throws dev.wren.mqtt.TlsException when TLS cannot be set up or verified
   * @throws dev.wren.mqtt.ProxyException when the proxy cannot be reached or refuses
   * @throws WebSocketHandshakeException when the server does not accept the WebSocket upgrade
   * @throws IOException when the broker cannot be reached
   */
  public static Connection open(ServerAddress address, TransportSettings settings,
      int timeoutMillis) throws IOException {
    return open(address, settings, System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), timeoutMillis);
  }

  /**
   * Opens a connection by {@code deadlineNanos}, part of a longer attempt (the CONNACK comes
   * after it); {@code timeoutMillis} is the whole attempt's timeout, which errors name.
   */
  public static Connection open(ServerAddress address, TransportSettings settings,
      long deadlineNanos, int timeoutMillis) throws IOException {
    long deadline = deadlineNanos;
    // Built first: nothing is open yet if a setting is refused.
    WebSocketSettings ws = address.webSocket() ? settings.webSocket(address) : null;
    String peer = HttpConnectTunnel.authority(address.host(), address.port());
    Socket tcp = settings.proxy() != null
        ? HttpConnectTunnel.open(settings.proxy(), address.host(), address.port(), deadline,
            timeoutMillis, settings)
        : connect(address, settings, remainingMillis(deadline));
    Connection stream;
    try {
      if (address.secure()) {
        TlsLayer.Established tls = TlsLayer.handshake(tcp, address.host(), address.port(),
            settings.tls(), deadline, timeoutMillis);
        stream = SocketConnection.tls(tls, tcp, peer);
      } else {
        stream = SocketConnection.plain(tcp, peer);
      }
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(tcp, e);
      throw e;
    }
    return ws == null ? stream : upgrade(stream, ws, peer, deadline, timeoutMillis);
  }

  /**
   * The WebSocket upgrade in the time left, its failures made public: a refusal or a server
   * that hangs up becomes {@link WebSocketHandshakeException}, a silent one
   * {@link MqttTimeoutException}. TLS failures (a TLS 1.3 broker refuses a client certificate on
   * the first read) pass unchanged.
   */
  private static Connection upgrade(Connection stream, WebSocketSettings ws, String peer,
      long deadline, int timeoutMillis) throws IOException {
    try {
      return WebSocketUpgrade.upgrade(stream, ws, remainingMillis(deadline));
    } catch (dev.wren.mqtt.internal.transport.ws.WebSocketHandshakeException e) {
      throw new WebSocketHandshakeException(e.statusCode(), e.getMessage(), e);
    } catch (SocketTimeoutException e) {
      MqttTimeoutException timeout = new MqttTimeoutException("the WebSocket handshake with "
          + peer + ws.path() + " did not finish within the connect timeout of " + timeoutMillis
          + " ms (is it a WebSocket port?)");
      timeout.initCause(e);
      throw timeout;
    } catch (EOFException e) {
      throw new WebSocketHandshakeException(-1, e.getMessage(), e);
    }
  }

  private static Socket connect(ServerAddress address, TransportSettings settings,
      int timeoutMillis) throws IOException {
    Socket socket = settings.newSocket();
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
