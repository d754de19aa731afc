package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed broker URI: scheme, host, port, whether it runs over TLS and, for WebSocket, the
 * request path. Immutable.
 */
public final class ServerAddress {
  /** The schemes this build speaks, in the order error messages list them. */
  static final String KNOWN_SCHEMES = "tcp, ssl, mqtts, ws, wss";

  private final String uri;
  private final String scheme;
  private final String host;
  private final int port;
  private final String path;

  private ServerAddress(String uri, String scheme, String host, int port, String path) {
    this.uri = uri;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.path = path;
  }

  /**
   * Parses {@code tcp://host[:port]} (port 1883 by default), {@code ssl://} and
   * {@code mqtts://} (TLS, port 8883 by default), or {@code ws://host[:port][/path][?query]}
   * (WebSocket, port 80) and {@code wss://} (WebSocket over TLS, port 443), whose path is
   * {@code /mqtt} when the URI has none.
   *
   * @throws IllegalArgumentException naming the URI and what is wrong with it
   */
  public static ServerAddress parse(String uri) {
    if (uri == null) throw new NullPointerException("serverUri == null");
    // "localhost:1883" would parse with "localhost" as its scheme.
    if (!uri.contains("://")) {
      throw new IllegalArgumentException(
          "serverUri has no scheme: " + uri + "; expected tcp://host[:port]");
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("serverUri is not a URI: " + uri + " (" + e.getReason()
          + "); expected tcp://host[:port]", e);
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort;
    if (scheme.equals("tcp")) {
      defaultPort = 1883;
    } else if (scheme.equals("ssl") || scheme.equals("mqtts")) {
      defaultPort = 8883;
    } else if (scheme.equals("ws")) {
      defaultPort = 80;
    } else if (scheme.equals("wss")) {
      defaultPort = 443;
    } else {
      throw new IllegalArgumentException("serverUri scheme '" + scheme + "' is not supported: " + uri
          + "; known schemes: " + KNOWN_SCHEMES);
    }
    String host = parsed.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("serverUri has no host: " + uri
          + "; expected " + scheme + "://host[:port]");
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port = parsed.getPort() == -1 ? defaultPort : parsed.getPort();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("serverUri port must be 1..65535: " + uri);
    }
    String path = parsed.getRawPath();
    String query = parsed.getRawQuery();
    if (scheme.equals("ws") || scheme.equals("wss")) {
      return new ServerAddress(uri, scheme, host, port, requestTarget(uri, path, query,
          parsed.getRawFragment()));
    }
    if ((path != null && !path.isEmpty() && !path.equals("/")) || query != null) {
      throw new IllegalArgumentException("serverUri of scheme " + scheme
          + " takes no path or query: " + uri);
    }
    return new ServerAddress(uri, scheme, host, port, null);
  }

  /** The WebSocket request target: the raw path ({@code /mqtt} when empty) and query. */
  private static String requestTarget(String uri, String path, String query, String fragment) {
    if (fragment != null) {
      throw new IllegalArgumentException("serverUri has a fragment ('#" + fragment
          + "'), which is never sent to a server: " + uri);
    }
    String target = (path == null || path.isEmpty() ? WebSocketSettings.DEFAULT_PATH : path)
        + (query != null ? "?" + query : "");
    try {
      WebSocketSettings.checkPath(target);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("serverUri " + uri + ": " + e.getMessage(), e);
    }
    return target;
  }

  public String uri() {
    return uri;
  }

  public String scheme() {
    return scheme;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Whether the scheme runs over TLS: {@code ssl}, {@code mqtts} and {@code wss}. */
  public boolean secure() {
    return scheme.equals("ssl") || scheme.equals("mqtts") || scheme.equals("wss");
  }

  /** Whether the scheme carries MQTT in WebSocket frames: {@code ws} and {@code wss}. */
  public boolean webSocket() {
    return path != null;
  }

  /**
   * The WebSocket request target: the URI's raw path ({@code /mqtt} when it has none) and query,
   * for example {@code /mqtt?token=abc}; null unless {@link #webSocket()}.
   */
  public String path() {
    return path;
  }

  @Override public String toString() {
    return uri;
  }
}
