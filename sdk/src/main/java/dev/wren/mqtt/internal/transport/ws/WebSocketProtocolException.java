package dev.wren.mqtt.internal.transport.ws;

import java.io.IOException;

/**
 * The server broke RFC 6455 (or sent what MQTT over WebSocket forbids, such as a text frame). The
 * reader sends a close frame with {@link #closeCode()} before throwing this; the connection is
 * unusable afterwards. An {@link IOException}, so the client ends the connection with it like with
 * any other I/O failure, and its message names what was wrong.
 */
public final class WebSocketProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int closeCode;

  WebSocketProtocolException(String message, int closeCode) {
    super(message);
    this.closeCode = closeCode;
  }

  /** The close code sent to the server: 1002 (protocol error), 1003 or 1009 (too big). */
  public int closeCode() {
    return closeCode;
  }
}
