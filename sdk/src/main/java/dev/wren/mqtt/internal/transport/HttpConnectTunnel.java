package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.HttpProxy;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.ProxyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;

/**
 * Opens a TCP tunnel to the broker through an HTTP proxy (RFC 9110 section 9.3.6,
 * {@code CONNECT host:port}), with optional Basic credentials. Stateless.
 */
final class HttpConnectTunnel {
  private static final Charset LATIN_1 = Charset.forName("ISO-8859-1");
  private static final Charset UTF_8 = Charset.forName("UTF-8");
  /** An answer's head larger than this is not a proxy talking HTTP. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private HttpConnectTunnel() {
  }

  /**
   * Connects to the proxy and asks it for a tunnel to {@code host:port} before
   * {@code deadlineNanos}. The returned socket carries the broker's bytes; its read timeout is 0.
   *
   * @throws ProxyException when the proxy cannot be reached or answers other than 2xx
   * @throws MqttTimeoutException when the proxy does not answer in time
   */
  static Socket open(HttpProxy proxy, String host, int port, long deadlineNanos, int timeoutMillis,
      TransportSettings settings) throws IOException {
    Socket socket = settings.newSocket();
    try {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(new InetSocketAddress(proxy.host(), proxy.port()),
            Transports.remainingMillis(deadlineNanos));
      } catch (SocketTimeoutException e) {
        throw timeout("no TCP connection to the HTTP proxy " + proxy + " within " + timeoutMillis
            + " ms", e);
      } catch (IOException e) {
        throw new ProxyException(-1, "cannot reach the HTTP proxy " + proxy + ": " + e.getMessage()
            + " (is it running, and is the host and port right?)", e);
      }
      String target = authority(host, port);
      StringBuilder request = new StringBuilder()
          .append("CONNECT ").append(target).append(" HTTP/1.1\r\n")
          .append("Host: ").append(target).append("\r\n");
      if (proxy.username() != null) {
        byte[] credentials = (proxy.username() + ":" + proxy.password()).getBytes(UTF_8);
        request.append("Proxy-Authorization: Basic ").append(Base64.encode(credentials))
            .append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(LATIN_1));
      out.flush();
      socket.setSoTimeout(Transports.remainingMillis(deadlineNanos));
      String statusLine;
      try {
        statusLine = readHead(socket.getInputStream(), proxy, target);
      } catch (SocketTimeoutException e) {
        throw timeout("the HTTP proxy " + proxy + " did not answer CONNECT " + target + " within "
            + timeoutMillis + " ms", e);
      }
      checkStatus(statusLine, proxy, target);
      socket.setSoTimeout(0);
      return socket;
    } catch (IOException | RuntimeException e) {
      Transports.closeAfterFailure(socket, e);
      throw e;
    }
  }

  /** {@code host:port}, with an IPv6 literal in brackets. */
  static String authority(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Reads the answer's head up to the empty line, one byte at a time so that not a byte of the
   * tunnel is taken from the stream, and returns the status line.
   */
  private static String readHead(InputStream in, HttpProxy proxy, String target)
      throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int newlines = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        String got = head.size() == 0 ? "nothing" : "'" + firstLine(head) + "'";
        throw new ProxyException(-1, "the HTTP proxy " + proxy + " closed the connection after "
            + "CONNECT " + target + ", having sent " + got, null);
      }
      head.write(b);
      if (b == '\n') {
        if (++newlines == 1 && !firstLine(head).startsWith("HTTP/")) {
          throw new ProxyException(-1, "the HTTP proxy " + proxy + " does not speak HTTP: it "
              + "answered CONNECT with '" + firstLine(head) + "'", null);
        }
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        if (n >= 2 && bytes[n - 2] == '\n'
            || n >= 3 && bytes[n - 2] == '\r' && bytes[n - 3] == '\n') {
          return firstLine(head);
        }
      } else if (head.size() > MAX_HEAD_BYTES) {
        throw new ProxyException(-1, "the HTTP proxy " + proxy + " answered CONNECT with more than "
            + MAX_HEAD_BYTES + " bytes of headers: '" + firstLine(head) + "'", null);
      }
    }
  }

  private static String firstLine(ByteArrayOutputStream head) {
    String text = new String(head.toByteArray(), LATIN_1);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static void checkStatus(String statusLine, HttpProxy proxy, String target)
      throws ProxyException {
    // "HTTP/1.1 200 Connection established"
    String[] parts = statusLine.split(" ", 3);
    int status = -1;
    if (parts.length >= 2 && parts[1].length() == 3) {
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        status = -1;
      }
    }
    if (status >= 200 && status <= 299) return;
    String prefix = "the HTTP proxy " + proxy + " refused CONNECT " + target + ": '" + statusLine
        + "'";
    if (status == 407) {
      throw new ProxyException(status, prefix + (proxy.username() == null
          ? " - it wants credentials: give them as http://user:password@host:port"
          : " - it did not accept the credentials of user '" + proxy.username() + "'"), null);
    }
    if (status < 0) {
      throw new ProxyException(-1, "the HTTP proxy " + proxy + " answered CONNECT " + target
          + " with a malformed status line: '" + statusLine + "'", null);
    }
    throw new ProxyException(status, prefix, null);
  }

  private static MqttTimeoutException timeout(String message, SocketTimeoutException cause) {
    MqttTimeoutException e = new MqttTimeoutException(message);
    e.initCause(cause);
    return e;
  }
}
