package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The TLS socket's stream, which turns a TLS alert received before the broker's first byte into
 * a {@link dev.wren.mqtt.TlsException}: a TLS 1.3 server refuses a client certificate (or its
 * absence) only after the client's handshake has finished, so the refusal arrives on the first
 * read. Later errors pass unchanged. Read by one thread, the I/O thread.
 */
final class TlsInputStream extends FilterInputStream {
  private final Socket socket;
  private final String peer;
  private final TlsOptions options;
  private boolean received;

  TlsInputStream(InputStream in, Socket socket, String peer, TlsOptions options) {
    super(in);
    this.socket = socket;
    this.peer = peer;
    this.options = options;
  }

  @Override public int read() throws IOException {
    try {
      int b = super.read();
      received |= b >= 0;
      return b;
    } catch (SSLException e) {
      throw translate(e);
    }
  }

  @Override public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = super.read(buffer, offset, length);
      received |= n > 0;
      return n;
    } catch (SSLException e) {
      throw translate(e);
    }
  }

  private IOException translate(SSLException e) {
    if (received || socket.isClosed() || !mentionsAlert(e)) return e;
    return TlsLayer.handshakeFailed(peer, options, e);
  }

  private static boolean mentionsAlert(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = (t.getClass().getName() + " " + t.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("alert")) return true;
    }
    return false;
  }
}
