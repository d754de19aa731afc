package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsOptions;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The TLS socket's streams, which name a broker's late refusal of the client as a
 * {@link dev.wren.mqtt.TlsException}. A TLS 1.3 server checks the client certificate (or its
 * absence) only after the client's side of the handshake has finished, so its refusal arrives as
 * an alert on the first read, or as a broken pipe when CONNECT is written after the server has
 * closed. Once the broker has sent a byte, errors pass unchanged. Thread-safe.
 */
final class TlsStreams {
  final InputStream in;
  final OutputStream out;
  private final String peer;
  private final TlsOptions options;
  private final TlsContexts.Context context;
  private volatile boolean received;
  private volatile boolean closing;

  TlsStreams(InputStream in, OutputStream out, String peer, TlsOptions options,
      TlsContexts.Context context) {
    this.peer = peer;
    this.options = options;
    this.context = context;
    this.in = new FilterInputStream(in) {
      @Override public int read() throws IOException {
        try {
          int b = super.read();
          received |= b >= 0;
          return b;
        } catch (IOException e) {
          throw translate(e);
        }
      }

      @Override public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
          int n = super.read(buffer, offset, length);
          received |= n > 0;
          return n;
        } catch (IOException e) {
          throw translate(e);
        }
      }
    };
    this.out = new FilterOutputStream(out) {
      @Override public void write(byte[] buffer, int offset, int length) throws IOException {
        try {
          out.write(buffer, offset, length);
        } catch (IOException e) {
          throw translate(e);
        }
      }

      @Override public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException e) {
          throw translate(e);
        }
      }

      @Override public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException e) {
          throw translate(e);
        }
      }
    };
  }

  /** The client is closing the connection: what fails from now on is no refusal. */
  void closing() {
    closing = true;
  }

  private IOException translate(IOException e) {
    if (received || closing || e instanceof SocketTimeoutException) return e;
    boolean alert = e instanceof SSLException && mentionsAlert(e);
    if (!alert && !context.keys.clientCertificateRequested()) return e;
    return TlsLayer.handshakeFailed(peer, options, context, e);
  }

  private static boolean mentionsAlert(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = (t.getClass().getName() + " " + t.getMessage()).toLowerCase(Locale.ROOT);
      if (text.contains("alert")) return true;
    }
    return false;
  }
}
