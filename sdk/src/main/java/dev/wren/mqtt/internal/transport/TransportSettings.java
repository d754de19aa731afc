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
  private final int maxInboundPacketSize;

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
    this(tls, proxy, webSocket, sockets, MqttOptions.DEFAULT_MAX_INBOUND_PACKET_SIZE);
  }

  /**
   * @param maxInboundPacketSize the client's packet limit, from which the WebSocket frame limit
   *     follows unless {@link WebSocketOptions#maxInboundFramePayload()} is set
   */
  public TransportSettings(TlsOptions tls, HttpProxy proxy, WebSocketOptions webSocket,
      SocketFactory sockets, int maxInboundPacketSize) {
    this.maxInboundPacketSize = maxInboundPacketSize;
    this.tls = tls;
    this.proxy = proxy;
    this.webSocket = webSocket;
    this.sockets = sockets != null ? sockets : SocketFactory.getDefault();
  }

  public static TransportSettings from(MqttOptions options) {
    return new TransportSettings(options.tls(), options.httpProxy(), options.webSocket(),
        options.socketFactory(), options.maxInboundPacketSize());
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
   * The inbound frame limit is the option's, else the maximum inbound packet size plus
   * {@link WebSocketSettings#INBOUND_FRAME_SLACK}: brokers send a packet per frame, so a longer
   * frame cannot be one, and a peer announcing 200 MB is refused before it sends them.
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
        .maxOutboundFramePayload(options.maxOutboundFramePayload())
        .maxInboundFramePayload(options.maxInboundFramePayload() != 0
            ? options.maxInboundFramePayload()
            : (long) maxInboundPacketSize + WebSocketSettings.INBOUND_FRAME_SLACK);
    for (Map.Entry<String, String> h : options.headers()) b.addHeader(h.getKey(), h.getValue());
    return b.build();
  }
}
