package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.HttpProxy;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.WebSocketOptions;
import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import java.util.Map;
import java.io.IOException;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * What {@link Transports} needs to know besides the address: the TLS settings, the proxy and the
 * WebSocket settings. The one place where the transport layer reads {@link MqttOptions}.
 * Immutable.
 */
public final class TransportSettings {
  private final TlsOptions tls;
  private final HttpProxy proxy;
  private final WebSocketOptions webSocket;
  private final SocketFactory sockets;

  /**
   * @param tls the TLS settings, used when the address is secure; null for the defaults
   * @param proxy the HTTP proxy, or null to connect directly
   */
  public TransportSettings(TlsOptions tls, HttpProxy proxy) {
    this(tls, proxy, null);
  }

  /** @param webSocket used when the address is WebSocket; null for the defaults */
  public TransportSettings(TlsOptions tls, HttpProxy proxy, WebSocketOptions webSocket) {
    this(tls, proxy, webSocket, null);
  }

  /** @param sockets makes the TCP sockets; null for {@link SocketFactory#getDefault()} */
  public TransportSettings(TlsOptions tls, HttpProxy proxy, WebSocketOptions webSocket,
      SocketFactory sockets) {
    this.tls = tls;
    this.proxy = proxy;
    this.webSocket = webSocket;
    this.sockets = sockets != null ? sockets : SocketFactory.getDefault();
  }

  public static TransportSettings from(MqttOptions options) {
    return new TransportSettings(options.tls(), options.httpProxy(), options.webSocket(),
        options.socketFactory());
  }

  /**
   * A new unconnected TCP socket from the factory.
   *
   * @throws IOException naming the factory when it fails or returns null
   */
  Socket newSocket() throws IOException {
    Socket socket = sockets.createSocket();
    if (socket == null) {
      throw new IOException("the socketFactory " + sockets.getClass().getName() + " returned null");
    }
    return socket;
  }

  /** The TLS settings for a secure address (the defaults when none were given). */
  public TlsOptions tls() {
    return tls != null ? tls : TlsOptions.defaults();
  }

  /** The HTTP proxy, or null. */
  public HttpProxy proxy() {
    return proxy;
  }

  /**
   * The settings for one WebSocket upgrade to {@code address}, with a random source of its own.
   * The inbound frame limit stays at the MQTT maximum: a frame may hold several packets, and
   * frames are streamed, not buffered; each packet is checked against the client's maximum
   * inbound packet size as it is read.
   */
  public WebSocketSettings webSocket(ServerAddress address) {
    if (!address.webSocket()) {
      throw new IllegalArgumentException("not a WebSocket address: " + address);
    }
    WebSocketOptions options = webSocket != null ? webSocket : WebSocketOptions.defaults();
    WebSocketSettings.Builder b = WebSocketSettings
        .builder(address.host(), address.port(), address.secure())
        .path(address.path())
        .subprotocols(options.subprotocols())
        .maxOutboundFramePayload(options.maxOutboundFramePayload());
    for (Map.Entry<String, String> h : options.headers()) b.addHeader(h.getKey(), h.getValue());
    return b.build();
  }
}
