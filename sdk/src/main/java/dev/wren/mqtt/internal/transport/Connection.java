package dev.wren.mqtt.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open byte stream to a broker, whatever carries it (TCP now; TLS and WebSocket wrap the same
 * shape). Reads honour {@link #setReadTimeout} by throwing {@link java.net.SocketTimeoutException}
 * without losing bytes, so the I/O thread can wake up for keep-alive between packets.
 * {@link #close()} may be called from any thread and unblocks a pending read or write.
 */
public interface Connection extends Closeable {
  InputStream in();

  OutputStream out();

  /** Milliseconds a read may block; 0 blocks forever. */
  void setReadTimeout(int millis) throws IOException;

  /** Closes the sending side after the last write, so the broker sees an orderly end. */
  void shutdownOutput() throws IOException;

  /** Who is on the other end, for logs and error messages: {@code host:port}. */
  String peer();
}
