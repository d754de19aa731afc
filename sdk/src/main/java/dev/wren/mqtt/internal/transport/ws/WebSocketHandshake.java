package dev.wren.mqtt.internal.transport.ws;

import dev.wren.mqtt.internal.transport.Base64;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

/**
 * The opening handshake of RFC 6455 section 4 as pure functions: the request bytes for a key,
 * the accept value a key calls for, and the check of the server's answer. Holds no state.
 */
final class WebSocketHandshake {
  private static final Charset LATIN_1 = Charset.forName("ISO-8859-1");

  private WebSocketHandshake() {
  }

  /** A Sec-WebSocket-Key: 16 random bytes in base64 (section 4.1). */
  static String newKey(Random random) {
    byte[] nonce = new byte[WebSocketProtocol.KEY_BYTES];
    random.nextBytes(nonce);
    return Base64.encode(nonce);
  }

  /** The Sec-WebSocket-Accept a server must send for {@code key}: base64(SHA-1(key + GUID)). */
  static String acceptFor(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + WebSocketProtocol.ACCEPT_GUID).getBytes(LATIN_1));
      return Base64.encode(digest);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform and Android must provide SHA-1.
      throw new IllegalStateException("this platform has no SHA-1, which WebSocket needs", e);
    }
  }

  /** The upgrade request: the handshake's headers, then the extra ones in order. */
  static byte[] request(WebSocketSettings settings, String key) {
    StringBuilder r = new StringBuilder(256);
    r.append("GET ").append(settings.path()).append(" HTTP/1.1\r\n");
    r.append("Host: ").append(settings.hostHeader()).append("\r\n");
    r.append("Upgrade: websocket\r\n");
    r.append("Connection: Upgrade\r\n");
    r.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
    r.append("Sec-WebSocket-Version: ").append(WebSocketProtocol.VERSION).append("\r\n");
    r.append("Sec-WebSocket-Protocol: ").append(join(settings.subprotocols())).append("\r\n");
    for (int i = 0; i < settings.headerCount(); i++) {
      r.append(settings.headerName(i)).append(": ").append(settings.headerValue(i)).append("\r\n");
    }
    r.append("\r\n");
    return r.toString().getBytes(LATIN_1);
  }

  /**
   * Checks the answer (section 4.2.2): 101, {@code Upgrade: websocket}, a {@code Connection} that
   * lists {@code upgrade}, the accept value for {@code key}, one of our subprotocols, and no
   * extension (we offered none).
   *
   * @param who names the server in messages, for example {@code "127.0.0.1:8080/mqtt"}
   * @return the subprotocol the server chose
   * @throws WebSocketHandshakeException quoting the status line and saying what was wrong
   */
  static String check(HttpResponseHead head, WebSocketSettings settings, String key, String who)
      throws WebSocketHandshakeException {
    int status = head.statusCode();
    if (status != 101) {
      throw new WebSocketHandshakeException("the server at " + who + " refused the WebSocket"
          + " upgrade: " + HttpResponseHead.printable(head.statusLine())
          + " (expected 101 Switching Protocols" + hint(head, settings) + ")", status);
    }
    String upgrade = head.header("Upgrade");
    if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
      throw wrong(head, who, upgrade == null ? "no Upgrade header"
          : "Upgrade: " + quote(upgrade) + " (expected websocket)");
    }
    if (!head.headerHasToken("Connection", "upgrade")) {
      String connection = head.header("Connection");
      throw wrong(head, who, connection == null ? "no Connection header"
          : "Connection: " + quote(connection) + " (expected Upgrade)");
    }
    String accept = head.header("Sec-WebSocket-Accept");
    String expected = acceptFor(key);
    if (accept == null || !accept.trim().equals(expected)) {
      throw wrong(head, who, (accept == null ? "no Sec-WebSocket-Accept"
          : "Sec-WebSocket-Accept " + quote(accept)) + " (expected " + expected + " for key " + key
          + "; is a proxy or cache in the way?)");
    }
    String offered = join(settings.subprotocols());
    String chosen = head.header("Sec-WebSocket-Protocol");
    if (chosen == null) {
      throw wrong(head, who, "no Sec-WebSocket-Protocol: the server chose none of the"
          + " subprotocols offered (" + offered + "); is it an MQTT endpoint?");
    }
    if (!settings.subprotocols().contains(chosen.trim())) {
      throw wrong(head, who, "Sec-WebSocket-Protocol: " + quote(chosen)
          + ", which was not offered (" + offered + ")");
    }
    String extensions = head.header("Sec-WebSocket-Extensions");
    if (extensions != null && !extensions.trim().isEmpty()) {
      throw wrong(head, who, "Sec-WebSocket-Extensions: " + quote(extensions)
          + ", but no extension was offered");
    }
    return chosen.trim();
  }

  private static WebSocketHandshakeException wrong(HttpResponseHead head, String who,
      String problem) {
    return new WebSocketHandshakeException("the server at " + who + " answered the WebSocket"
        + " upgrade with " + HttpResponseHead.printable(head.statusLine()) + " but " + problem,
        head.statusCode());
  }

  /** A server's header value, cut and escaped for a message. */
  private static String quote(String value) {
    return HttpResponseHead.printable(value);
  }

  /** What to check for the usual refusals. */
  private static String hint(HttpResponseHead head, WebSocketSettings settings) {
    int status = head.statusCode();
    if (status == 401 || status == 403) {
      return "; check the credentials"
          + (settings.headerCount() > 0 ? " in the extra headers" : ": none were sent");
    }
    if (status == 404) return "; check the path " + settings.path();
    if (status >= 300 && status < 400) {
      String location = head.header("Location");
      return "; redirects are not followed" + (location != null ? ", Location: "
          + HttpResponseHead.printable(location) : "");
    }
    if (status == 200) return "; is it a plain web server rather than a WebSocket endpoint?";
    return "";
  }

  private static String join(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (String v : values) sb.append(sb.length() == 0 ? "" : ", ").append(v);
    return sb.toString();
  }
}
