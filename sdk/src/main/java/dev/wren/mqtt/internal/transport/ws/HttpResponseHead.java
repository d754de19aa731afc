package dev.wren.mqtt.internal.transport.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status line and header fields of an HTTP/1.1 response, read up to the blank line that ends
 * them and not one byte further: whatever follows (a WebSocket frame sent at once) stays in the
 * stream. Immutable.
 */
final class HttpResponseHead {
  /**
   * The most header lines an answer may have. A 101 answer has about five; the limit keeps a
   * hostile server's thousands of tiny lines from costing a String pair each.
   */
  static final int MAX_FIELDS = 100;

  private final String statusLine;
  private final int statusCode;
  private final List<String[]> fields;

  private HttpResponseHead(String statusLine, int statusCode, List<String[]> fields) {
    this.statusLine = statusLine;
    this.statusCode = statusCode;
    this.fields = fields;
  }

  /**
   * Reads a response head byte by byte (the caller's stream buffers; reading one byte at a time
   * is what keeps the bytes after the head unread). Lines end with CRLF; a bare LF is accepted.
   *
   * @param maxBytes the most bytes the head may take, blank line included
   * @param who names the server in messages, for example {@code "127.0.0.1:8080/mqtt"}
   * @throws EOFException when the stream ends before the blank line
   * @throws WebSocketHandshakeException when the head is too big (more than {@code maxBytes}
   *     or {@link #MAX_FIELDS} header lines) or is not HTTP
   */
  static HttpResponseHead read(InputStream in, int maxBytes, String who) throws IOException {
    StringBuilder line = new StringBuilder();
    String statusLine = null;
    int statusCode = -1;
    List<String[]> fields = new ArrayList<String[]>();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new EOFException("the server at " + who + " closed the connection "
            + (statusLine == null && line.length() == 0 ? "without answering"
                : "in the middle of its answer to") + " the WebSocket upgrade request"
            + " (check the path, and that this port serves WebSocket)");
      }
      if (++total > maxBytes) {
        throw new WebSocketHandshakeException("the answer of " + who + " to the WebSocket"
            + " upgrade request has a head larger than " + maxBytes + " bytes"
            + (statusLine != null ? ": " + statusLine : ""), statusCode);
      }
      if (b != '\n') {
        line.append((char) b);
        continue;
      }
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') end--;
      String text = line.substring(0, end);
      line.setLength(0);
      if (statusLine == null) {
        statusLine = text;
        statusCode = parseStatus(text, who);
      } else if (text.isEmpty()) {
        return new HttpResponseHead(statusLine, statusCode, fields);
      } else {
        int colon = text.indexOf(':');
        if (colon <= 0 || !WebSocketSettings.isToken(text.substring(0, colon))) {
          throw new WebSocketHandshakeException("the answer of " + who + " to the WebSocket"
              + " upgrade request has a malformed header line '" + printable(text) + "' after "
              + statusLine, statusCode);
        }
        if (fields.size() == MAX_FIELDS) {
          throw new WebSocketHandshakeException("the answer of " + who + " to the WebSocket"
              + " upgrade request has more than " + MAX_FIELDS + " header lines: " + statusLine,
              statusCode);
        }
        fields.add(new String[] {text.substring(0, colon), text.substring(colon + 1).trim()});
      }
    }
  }

  private static int parseStatus(String line, String who) throws WebSocketHandshakeException {
    // "HTTP/1.1 101 Switching Protocols": version, space, three digits, then space or the end.
    boolean ok = line.startsWith("HTTP/") && line.length() >= 12 && line.charAt(8) == ' '
        && (line.length() == 12 || line.charAt(12) == ' ');
    for (int i = 9; ok && i < 12; i++) ok = line.charAt(i) >= '0' && line.charAt(i) <= '9';
    if (!ok) {
      throw new WebSocketHandshakeException("the server at " + who + " did not answer the"
          + " WebSocket upgrade request with HTTP: '" + printable(line)
          + "' (is it a WebSocket endpoint?)", -1);
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  /** The line cut to 100 characters, control characters escaped, for messages. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return s.length() > 100 ? out + "..." : out.toString();
  }

  String statusLine() {
    return statusLine;
  }

  int statusCode() {
    return statusCode;
  }

  /**
   * The values of every field named {@code name} (any case), joined with ", " as RFC 9110
   * section 5.3 allows; null when there is none.
   */
  String header(String name) {
    StringBuilder joined = null;
    for (String[] f : fields) {
      if (!f[0].equalsIgnoreCase(name)) continue;
      if (joined == null) {
        joined = new StringBuilder(f[1]);
      } else {
        joined.append(", ").append(f[1]);
      }
    }
    return joined == null ? null : joined.toString();
  }

  /** Whether the comma-separated field {@code name} lists {@code token} (any case). */
  boolean headerHasToken(String name, String token) {
    String value = header(name);
    if (value == null) return false;
    for (String part : value.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) return true;
    }
    return false;
  }
}
