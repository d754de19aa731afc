package dev.wren.mqtt.internal.transport.ws;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What one WebSocket upgrade needs: the Host header, the request path, the subprotocols to
 * offer, extra request headers (in order), the largest frame payload to accept, and the random
 * source for the handshake key and the frame masks. Immutable once built; the builder checks each
 * value as it is set. Build one per connection: the random source is that connection's own.
 * {@link #toString()} shows header names but never their values (they may hold credentials).
 */
public final class WebSocketSettings {
  /** The subprotocol MQTT 3.1.1 registers for WebSocket (MQTT 3.1.1 section 6). */
  public static final String MQTT_SUBPROTOCOL = "mqtt";
  public static final String DEFAULT_PATH = "/mqtt";
  /**
   * Added to the maximum inbound packet size to give the default inbound frame limit. Brokers
   * send one packet per frame (Mosquitto, HiveMQ); the slack lets a frame carry a few small
   * packets beside the largest one.
   */
  public static final int INBOUND_FRAME_SLACK = 65_536;
  /** The inbound frame limit for the client's default maximum packet size of 1 MiB. */
  public static final long DEFAULT_MAX_INBOUND_FRAME_PAYLOAD = 1024 * 1024 + INBOUND_FRAME_SLACK;
  /**
   * Netty's default frame limit, which Moquette keeps: a longer frame is refused with 1009.
   * Longer writes go out as several frames, which MQTT over WebSocket allows.
   */
  public static final int DEFAULT_MAX_OUTBOUND_FRAME_PAYLOAD = 65_536;

  private final String hostHeader;
  private final String path;
  private final List<String> subprotocols;
  private final List<String[]> headers;
  private final long maxInboundFramePayload;
  private final int maxOutboundFramePayload;
  private final SecureRandom random;

  private WebSocketSettings(Builder b) {
    this.hostHeader = b.hostHeader;
    this.path = b.path;
    this.subprotocols = Collections.unmodifiableList(new ArrayList<String>(b.subprotocols));
    List<String[]> copy = new ArrayList<String[]>();
    for (String[] h : b.headers) copy.add(new String[] {h[0], h[1]});
    this.headers = copy;
    this.maxInboundFramePayload = b.maxInboundFramePayload;
    this.maxOutboundFramePayload = b.maxOutboundFramePayload;
    this.random = b.random != null ? b.random : new SecureRandom();
  }

  /**
   * A builder whose Host header names {@code host} and {@code port}: see {@link #hostHeader}.
   */
  public static Builder builder(String host, int port, boolean secure) {
    return new Builder(hostHeader(host, port, secure));
  }

  /**
   * The Host header value for a server: {@code host[:port]}, the port left out when it is the
   * scheme's default (80 for ws, 443 for wss), an IPv6 literal in brackets.
   */
  public static String hostHeader(String host, int port, boolean secure) {
    if (host == null) throw new NullPointerException("host == null");
    if (host.isEmpty()) throw new IllegalArgumentException("host is empty");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    checkValue("Host", h);
    return port == (secure ? 443 : 80) ? h : h + ":" + port;
  }

  public String hostHeader() {
    return hostHeader;
  }

  /** The request target: an absolute path, with a query if one was given. */
  public String path() {
    return path;
  }

  /** The subprotocols offered, in order of preference; never empty. */
  public List<String> subprotocols() {
    return subprotocols;
  }

  /** The number of extra request headers. */
  public int headerCount() {
    return headers.size();
  }

  public String headerName(int index) {
    return headers.get(index)[0];
  }

  public String headerValue(int index) {
    return headers.get(index)[1];
  }

  /** Inbound frames with a longer payload are refused with close code 1009. */
  public long maxInboundFramePayload() {
    return maxInboundFramePayload;
  }

  /** Writes longer than this go out as several binary frames of at most this many bytes. */
  public int maxOutboundFramePayload() {
    return maxOutboundFramePayload;
  }

  /** The connection's random source: the handshake key and every frame's mask come from it. */
  public SecureRandom random() {
    return random;
  }

  /** A builder holding these settings, to change some; it shares the random source. */
  public Builder newBuilder() {
    Builder b = new Builder(hostHeader);
    b.path = path;
    b.subprotocols.clear();
    b.subprotocols.addAll(subprotocols);
    for (String[] h : headers) b.headers.add(new String[] {h[0], h[1]});
    b.maxInboundFramePayload = maxInboundFramePayload;
    b.maxOutboundFramePayload = maxOutboundFramePayload;
    b.random = random;
    return b;
  }

  @Override public String toString() {
    StringBuilder names = new StringBuilder();
    for (String[] h : headers) names.append(names.length() == 0 ? "" : ", ").append(h[0]);
    return "WebSocketSettings{host=" + hostHeader + ", path=" + path + ", subprotocols="
        + subprotocols + ", headers=[" + names + "], maxInboundFramePayload="
        + maxInboundFramePayload + ", maxOutboundFramePayload=" + maxOutboundFramePayload + "}";
  }

  /**
   * Checks a request target for {@link Builder#path}: starts with {@code /}, printable ASCII only.
   *
   * @throws IllegalArgumentException naming the character at fault
   */
  public static void checkPath(String path) {
    if (path == null) throw new NullPointerException("path == null");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("WebSocket path must start with '/': '" + path + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException("WebSocket path has a space, control or non-ASCII"
            + " character (0x" + Integer.toHexString(c) + ") at index " + i
            + "; percent-encode it: '" + path + "'");
      }
    }
  }

  /**
   * Checks a subprotocol list for {@link Builder#subprotocols}: not empty, tokens, no repeats.
   *
   * @return a copy of the list
   * @throws IllegalArgumentException naming the subprotocol at fault
   */
  public static List<String> checkSubprotocols(List<String> subprotocols) {
    if (subprotocols == null) throw new NullPointerException("subprotocols == null");
    if (subprotocols.isEmpty()) {
      throw new IllegalArgumentException("at least one WebSocket subprotocol is needed;"
          + " MQTT uses '" + MQTT_SUBPROTOCOL + "'");
    }
    List<String> checked = new ArrayList<String>();
    for (String p : subprotocols) {
      if (p == null || !isToken(p)) {
        throw new IllegalArgumentException("WebSocket subprotocol must be a token (letters,"
            + " digits, no spaces or commas): '" + p + "' in " + subprotocols);
      }
      if (checked.contains(p)) {
        throw new IllegalArgumentException("WebSocket subprotocol '" + p + "' given twice: "
            + subprotocols);
      }
      checked.add(p);
    }
    return checked;
  }

  /**
   * Checks an extra request header for {@link Builder#addHeader}: the name a token and not one
   * the handshake sets, the value one line of Latin-1 text.
   *
   * @throws IllegalArgumentException naming the header and what is wrong (never its value)
   */
  public static void checkHeader(String name, String value) {
    if (name == null) throw new NullPointerException("header name == null");
    if (value == null) throw new NullPointerException("value of header " + name + " == null");
    if (!isToken(name)) {
      throw new IllegalArgumentException("WebSocket header name must be a token (letters,"
          + " digits and !#$%&'*+-.^_`|~, no spaces, colons or line breaks): '" + name + "'");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("host") || lower.equals("upgrade") || lower.equals("connection")
        || lower.startsWith("sec-websocket-") || lower.equals("content-length")
        || lower.equals("transfer-encoding")) {
      throw new IllegalArgumentException("WebSocket header " + name + " is set by the"
          + " handshake itself and cannot be given as an extra header");
    }
    checkValue(name, value);
  }

  static void checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
        throw new IllegalArgumentException("WebSocket header " + name + " has a "
            + (c == '\r' || c == '\n' ? "line break" : "control or non-Latin-1 character")
            + " (0x" + Integer.toHexString(c) + ") at index " + i
            + "; header values must be one line of text");
      }
    }
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) return false;
    }
    return true;
  }

  /** Builds {@link WebSocketSettings}; every setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final String hostHeader;
    private String path = DEFAULT_PATH;
    private final List<String> subprotocols = new ArrayList<String>();
    private final List<String[]> headers = new ArrayList<String[]>();
    private long maxInboundFramePayload = DEFAULT_MAX_INBOUND_FRAME_PAYLOAD;
    private int maxOutboundFramePayload = DEFAULT_MAX_OUTBOUND_FRAME_PAYLOAD;
    private SecureRandom random;

    private Builder(String hostHeader) {
      this.hostHeader = hostHeader;
      subprotocols.add(MQTT_SUBPROTOCOL);
    }

    /**
     * The request target, for example {@code /mqtt} or {@code /mqtt?token=abc}: starts with
     * {@code /}, printable ASCII only (percent-encode the rest, as a URI's raw path does).
     */
    public Builder path(String path) {
      checkPath(path);
      this.path = path;
      return this;
    }

    /**
     * The subprotocols to offer, in order of preference (default {@code mqtt}); the server must
     * choose one of them. Some older servers want {@code mqttv3.1}.
     */
    public Builder subprotocols(List<String> subprotocols) {
      List<String> checked = checkSubprotocols(subprotocols);
      this.subprotocols.clear();
      this.subprotocols.addAll(checked);
      return this;
    }

    /**
     * Adds a request header, such as {@code Authorization}, after the handshake's own. A name may
     * repeat. The handshake's headers ({@code Host}, {@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-*}) and body headers cannot be set.
     */
    public Builder addHeader(String name, String value) {
      checkHeader(name, value);
      headers.add(new String[] {name, value});
      return this;
    }

    /**
     * The largest inbound frame payload (default {@value #DEFAULT_MAX_INBOUND_FRAME_PAYLOAD},
     * the client's default packet limit plus {@value #INBOUND_FRAME_SLACK}). Longer frames are
     * refused with 1009 before their payload is read. The client sets its maximum inbound packet
     * size plus the slack unless told otherwise: payloads are streamed, but a broker that
     * announces more than that in one frame is not one to wait on.
     */
    public Builder maxInboundFramePayload(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxInboundFramePayload < 1: " + bytes);
      this.maxInboundFramePayload = bytes;
      return this;
    }

    /**
     * The longest frame to send (default 65,536 bytes, the limit of Netty-based servers such as
     * Moquette). A packet longer than this is sent as consecutive binary frames, each final: MQTT
     * lets packets span frames, and separate messages pass servers that cannot reassemble
     * fragmented ones.
     */
    public Builder maxOutboundFramePayload(int bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxOutboundFramePayload < 1: " + bytes);
      this.maxOutboundFramePayload = bytes;
      return this;
    }

    /** The connection's random source; a new {@link SecureRandom} when not set. */
    public Builder random(SecureRandom random) {
      if (random == null) throw new NullPointerException("random == null");
      this.random = random;
      return this;
    }

    public WebSocketSettings build() {
      return new WebSocketSettings(this);
    }
  }
}
