package dev.wren.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTP proxy that the client asks, with {@code CONNECT host:port}, for a tunnel to the broker;
 * TLS runs end to end through the tunnel. Optional Basic credentials. Immutable; the password
 * never appears in {@link #toString()}.
 */
public final class HttpProxy {
  private final String host;
  private final int port;
  private final String username;
  private final String password;

  private HttpProxy(String host, int port, String username, String password) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /**
   * Parses {@code http://[user:password@]host:port}; user and password may be percent-encoded
   * (for example {@code %40} for {@code @}).
   *
   * @throws IllegalArgumentException naming the URI and what is wrong with it
   */
  public static HttpProxy parse(String uri) {
    if (uri == null) throw new NullPointerException("httpProxy == null");
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("httpProxy is not a URI: " + redact(uri) + " ("
          + e.getReason() + "); expected http://[user:password@]host:port", e);
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !scheme.toLowerCase(Locale.ROOT).equals("http")) {
      throw new IllegalArgumentException("httpProxy must be http://[user:password@]host:port, not "
          + redact(uri) + (scheme != null && scheme.equalsIgnoreCase("https")
              ? " (TLS to the proxy itself is not supported; the tunnel still carries ssl://)" : ""));
    }
    String host = parsed.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("httpProxy has no host: " + redact(uri));
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (parsed.getPort() < 1 || parsed.getPort() > 65535) {
      throw new IllegalArgumentException("httpProxy needs a port 1..65535: " + redact(uri));
    }
    String path = parsed.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || parsed.getRawQuery() != null) {
      throw new IllegalArgumentException("httpProxy takes no path or query: " + redact(uri));
    }
    String username = null;
    String password = null;
    String userInfo = parsed.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = colon < 0 ? userInfo : userInfo.substring(0, colon);
      password = colon < 0 ? "" : userInfo.substring(colon + 1);
      if (username.isEmpty()) {
        throw new IllegalArgumentException("httpProxy has an empty user name: " + redact(uri));
      }
    }
    return new HttpProxy(host, parsed.getPort(), username, password);
  }

  /**
   * A copy with Basic credentials (for passwords awkward to put in a URI).
   *
   * @throws IllegalArgumentException for an empty user name or one holding ':'
   */
  public HttpProxy withCredentials(String username, String password) {
    if (username == null) throw new NullPointerException("username == null");
    if (password == null) throw new NullPointerException("password == null");
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "proxy user name must be non-empty and hold no ':' (Basic authentication): " + username);
    }
    return new HttpProxy(host, port, username, password);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The Basic user name, or null for no credentials. */
  public String username() {
    return username;
  }

  /** The Basic password (empty when the URI had none), or null for no credentials. */
  public String password() {
    return password;
  }

  @Override public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "http://" + (username != null ? username + ":<hidden>@" : "") + h + ":" + port;
  }

  /** The URI without its user info, which may hold a password. */
  private static String redact(String uri) {
    int at = uri.lastIndexOf('@');
    int start = uri.indexOf("://");
    if (at < 0 || start < 0 || at < start) return uri;
    return uri.substring(0, start + 3) + "<credentials hidden>" + uri.substring(at);
  }
}
