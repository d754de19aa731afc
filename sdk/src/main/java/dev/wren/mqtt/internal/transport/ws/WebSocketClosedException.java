package dev.wren.mqtt.internal.transport.ws;

import java.io.EOFException;

/**
 * The server closed the WebSocket unasked, with a close frame: its message names the status code
 * and reason ("broker closed the WebSocket: 1001 going away"). The client answered with a close
 * frame of its own. An {@link EOFException} because the stream has ended, but one that says why.
 */
public final class WebSocketClosedException extends EOFException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;

  WebSocketClosedException(String message, int code, String reason) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  /** The status code of the server's close frame, or 1005 when it had none. */
  public int code() {
    return code;
  }

  /** The reason text of the server's close frame; empty when it had none. */
  public String reason() {
    return reason;
  }
}
