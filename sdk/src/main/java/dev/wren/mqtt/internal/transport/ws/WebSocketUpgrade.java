package dev.wren.mqtt.internal.transport.ws;

import dev.wren.mqtt.internal.transport.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The entry point: turns an open connection (TCP for ws, TLS for wss) into a WebSocket
 * {@link Connection} that carries MQTT. Holds no state.
 */
public final class WebSocketUpgrade {
  /** The most bytes the server's status line and headers may take. */
  static final int MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

  private WebSocketUpgrade() {
  }

  /**
   * Sends the upgrade request and checks the answer within {@code timeoutMillis}. Takes ownership
   * of {@code raw}: the returned connection closes it, and so does a failure here. Bytes the
   * server sends right after its 101 answer stay in {@code raw}'s stream for the returned
   * connection. {@code raw.in()} should buffer: the answer is read one byte at a time so as not
   * to read past it.
   *
   * @param timeoutMillis the whole handshake's budget; 0 waits forever
   * @return a connection whose {@code in()} and {@code out()} carry the MQTT bytes; its read
   *     timeout is 0 (forever) until set
   * @throws WebSocketHandshakeException when the server does not accept the upgrade; the message
   *     quotes its status line
   * @throws SocketTimeoutException when the answer did not arrive in time
   * @throws IOException when the connection fails or ends during the handshake
   */
  public static Connection upgrade(Connection raw, WebSocketSettings settings, int timeoutMillis)
      throws IOException {
    if (timeoutMillis < 0) {
      throw new IllegalArgumentException("timeoutMillis < 0: " + timeoutMillis);
    }
    String who = raw.peer() + settings.path();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      String key = WebSocketHandshake.newKey(settings.random());
      OutputStream out = raw.out();
      out.write(WebSocketHandshake.request(settings, key));
      out.flush();
      InputStream in = new DeadlineInput(raw, deadline, timeoutMillis, who);
      HttpResponseHead head = HttpResponseHead.read(in, MAX_RESPONSE_HEAD_BYTES, who);
      String subprotocol = WebSocketHandshake.check(head, settings, key, who);
      raw.setReadTimeout(0);
      Logger.debug("WebSocket to {} open, subprotocol {}", who, subprotocol);
      return new WebSocketConnection(raw, settings);
    } catch (IOException | RuntimeException e) {
      try {
        raw.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /** Reads single bytes from {@code raw}, each with the time left until the deadline. */
  private static final class DeadlineInput extends InputStream {
    private final Connection raw;
    private final long deadlineNanos;
    private final int timeoutMillis;
    private final String who;

    DeadlineInput(Connection raw, long deadlineNanos, int timeoutMillis, String who) {
      this.raw = raw;
      this.deadlineNanos = deadlineNanos;
      this.timeoutMillis = timeoutMillis;
      this.who = who;
    }

    @Override public int read() throws IOException {
      if (timeoutMillis != 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) throw timedOut(null);
        // Round up: a 0 ms timeout would mean forever.
        long millis = (left + 999_999) / 1_000_000;
        raw.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
      }
      try {
        return raw.in().read();
      } catch (SocketTimeoutException e) {
        throw timedOut(e);
      }
    }

    private SocketTimeoutException timedOut(SocketTimeoutException cause) {
      SocketTimeoutException e = new SocketTimeoutException("no complete answer to the WebSocket"
          + " upgrade request from " + who + " within " + timeoutMillis + " ms");
      if (cause != null) e.initCause(cause);
      return e;
    }
  }
}
