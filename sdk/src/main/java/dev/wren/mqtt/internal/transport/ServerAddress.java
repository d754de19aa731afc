package dev.wren.mqtt.internal.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A parsed broker URI: scheme, host, port and whether it runs over TLS. Immutable. */
public final class ServerAddress {
  /** The schemes this build speaks, in the order error messages list them. */
  static final String KNOWN_SCHEMES = "tcp, ssl, mqtts";

  private final String uri;
  private final String scheme;
  private final String host;
  private final int port;

  private ServerAddress(String uri, String scheme, String host, int port) {
    this.uri = uri;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  /**
   * Parses {@code tcp://host[:port]} (port 1883 by default), or {@code ssl://} and
   * {@code mqtts://} (TLS, port 8883 by default).
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
    String path = parsed.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || parsed.getRawQuery() != null) {
      throw new IllegalArgumentException("serverUri of scheme " + scheme
          + " takes no path or query: " + uri);
    }
    int port = parsed.getPort() == -1 ? defaultPort : parsed.getPort();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("serverUri port must be 1..65535: " + uri);
    }
    return new ServerAddress(uri, scheme, host, port);
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

  /** Whether the scheme runs MQTT over TLS. */
  public boolean secure() {
    return scheme.equals("ssl") || scheme.equals("mqtts");
  }

  @Override public String toString() {
    return uri;
  }
}
