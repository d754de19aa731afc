package dev.wren.mqtt;

import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How the client speaks WebSocket to {@code ws://} and {@code wss://} servers: the subprotocols
 * it offers, extra request headers (an {@code Authorization} token, say) and the largest frame it
 * sends. The path comes from the server URI. Immutable; build with {@link #builder()}, copy and
 * change with {@link #toBuilder()}; each setter checks its argument. {@link #toString()} shows
 * header names, never their values.
 */
public final class WebSocketOptions {
  private static final WebSocketOptions DEFAULTS = builder().build();

  private final List<String> subprotocols;
  private final List<Map.Entry<String, String>> headers;
  private final int maxOutboundFramePayload;
  private final long maxInboundFramePayload;

  private WebSocketOptions(Builder b) {
    this.subprotocols = Collections.unmodifiableList(new ArrayList<String>(b.subprotocols));
    this.headers = Collections.unmodifiableList(
        new ArrayList<Map.Entry<String, String>>(b.headers));
    this.maxOutboundFramePayload = b.maxOutboundFramePayload;
    this.maxInboundFramePayload = b.maxInboundFramePayload;
  }

  /** Subprotocol {@code mqtt}, no extra headers, frames of at most 65,536 bytes. */
  public static WebSocketOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The subprotocols offered, in order of preference; never empty. */
  public List<String> subprotocols() {
    return subprotocols;
  }

  /** The extra request headers, in the order they are sent; a name may repeat. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** Writes longer than this go out as several binary frames of at most this many bytes. */
  public int maxOutboundFramePayload() {
    return maxOutboundFramePayload;
  }

  /**
   * The largest inbound frame payload set with {@link Builder#maxInboundFramePayload}, or 0 when
   * none was: the client then accepts {@link MqttOptions#maxInboundPacketSize()} + 65,536 bytes.
   */
  public long maxInboundFramePayload() {
    return maxInboundFramePayload;
  }

  @Override public String toString() {
    StringBuilder names = new StringBuilder();
    for (Map.Entry<String, String> h : headers) {
      names.append(names.length() == 0 ? "" : ", ").append(h.getKey());
    }
    return "WebSocketOptions{subprotocols=" + subprotocols + ", headers=[" + names
        + "], maxOutboundFramePayload=" + maxOutboundFramePayload
        + (maxInboundFramePayload != 0 ? ", maxInboundFramePayload=" + maxInboundFramePayload : "")
        + "}";
  }

  /**
   * Fails {@link MqttOptions.Builder#build()} when WebSocket options were given but no server is
   * {@code ws://} or {@code wss://}: they would be silently unused.
   */
  static void checkUsed(WebSocketOptions options, List<ServerAddress> servers) {
    if (options == null) return;
    for (ServerAddress s : servers) {
      if (s.webSocket()) return;
    }
    String uri = servers.get(0).uri();
    throw new IllegalArgumentException("WebSocket options were given but the server URI " + uri
        + " is not WebSocket; use ws://" + uri.substring(uri.indexOf("://") + 3)
        + " (or wss:// for WebSocket over TLS)");
  }

  /** Builds {@link WebSocketOptions}. Not thread-safe. */
  public static final class Builder {
    private List<String> subprotocols =
        Collections.singletonList(WebSocketSettings.MQTT_SUBPROTOCOL);
    private final List<Map.Entry<String, String>> headers =
        new ArrayList<Map.Entry<String, String>>();
    private int maxOutboundFramePayload = WebSocketSettings.DEFAULT_MAX_OUTBOUND_FRAME_PAYLOAD;
    private long maxInboundFramePayload;

    private Builder() {
    }

    private Builder(WebSocketOptions o) {
      this.subprotocols = o.subprotocols;
      this.headers.addAll(o.headers);
      this.maxOutboundFramePayload = o.maxOutboundFramePayload;
      this.maxInboundFramePayload = o.maxInboundFramePayload;
    }

    /**
     * The subprotocols to offer, in order of preference (default {@code mqtt}, which MQTT 3.1.1
     * registers); the server must choose one of them. Some older servers want {@code mqttv3.1}.
     *
     * @throws IllegalArgumentException when none is given, one is not a token, or one repeats
     */
    public Builder subprotocols(String... subprotocols) {
      if (subprotocols == null) throw new NullPointerException("subprotocols == null");
      this.subprotocols = WebSocketSettings.checkSubprotocols(Arrays.asList(subprotocols));
      return this;
    }

    /**
     * Adds a request header to the upgrade request, after the handshake's own, for example
     * {@code addHeader("Authorization", "Bearer " + token)}. Headers go in the order added; a
     * name may repeat.
     *
     * @throws IllegalArgumentException when the name is not a token or is one the handshake sets
     *     ({@code Host}, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}), or the
     *     value has a line break or a character outside Latin-1
     */
    public Builder addHeader(String name, String value) {
      WebSocketSettings.checkHeader(name, value);
      headers.add(new AbstractMap.SimpleImmutableEntry<String, String>(name, value));
      return this;
    }

    /**
     * The longest frame to send (default 65,536 bytes, the limit of Netty-based servers such as
     * Moquette). A longer packet goes out as several consecutive binary frames, which MQTT over
     * WebSocket allows.
     *
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxOutboundFramePayload(int bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxOutboundFramePayload < 1: " + bytes);
      this.maxOutboundFramePayload = bytes;
      return this;
    }

    /**
     * The longest inbound frame payload to accept (default: {@code maxInboundPacketSize} +
     * 65,536 bytes). A frame announcing more is refused from its header, before any of its payload
     * is read: the client sends close code 1009 and the connection ends with an
     * {@link MqttProtocolException} naming the length and this limit. Brokers send each packet in
     * a frame of its own (Mosquitto, HiveMQ), so the default only refuses frames that could not
     * hold a packet the client accepts; MQTT allows a frame to carry several packets, and a server
     * that packs many into one frame needs this raised. Payloads are streamed, never buffered,
     * whatever the limit.
     *
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxInboundFramePayload(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxInboundFramePayload < 1: " + bytes);
      this.maxInboundFramePayload = bytes;
      return this;
    }

    public WebSocketOptions build() {
      return new WebSocketOptions(this);
    }
  }
}
