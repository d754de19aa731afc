package dev.wren.mqtt;

/**
 * A {@code ws://} or {@code wss://} server did not accept the WebSocket upgrade: it answered with
 * a status other than 101 (a wrong path, missing credentials in the extra headers), answered 101
 * without the right headers, accept key or subprotocol, or closed the connection without an
 * answer. The message names the server and path and quotes the status line; {@link #statusCode()}
 * is the HTTP status, or -1 when there was no readable status line. Nothing of MQTT has been sent.
 */
public class WebSocketHandshakeException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public WebSocketHandshakeException(int statusCode, String message, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The status of the server's answer (404: no WebSocket at that path; 401, 403), or -1. */
  public int statusCode() {
    return statusCode;
  }
}
