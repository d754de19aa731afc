package dev.wren.mqtt.internal.transport.ws;

import java.io.IOException;

/**
 * The server did not accept the WebSocket upgrade: a status other than 101, a missing or wrong
 * header, a wrong accept key, a subprotocol we did not offer, or a response head that is not HTTP.
 * The message quotes the status line and says what to check. An internal {@link IOException}
 * because the transport layer does not know the public exceptions; the client maps it (it is not
 * "broker unreachable": the server answered).
 */
public final class WebSocketHandshakeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  WebSocketHandshakeException(String message, int statusCode) {
    super(message);
    this.statusCode = statusCode;
  }

  /** The HTTP status code of the answer, or -1 when there was no readable status line. */
  public int statusCode() {
    return statusCode;
  }
}
