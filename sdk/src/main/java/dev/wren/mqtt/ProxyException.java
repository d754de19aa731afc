package dev.wren.mqtt;

/**
 * The HTTP proxy could not be reached, or refused to open a tunnel to the broker. The message
 * names the proxy and quotes its status line; {@link #statusCode()} is the HTTP status, or -1
 * when the proxy gave no HTTP answer.
 */
public class ProxyException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public ProxyException(int statusCode, String message, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The status of the proxy's answer to CONNECT (407: it wants credentials), or -1. */
  public int statusCode() {
    return statusCode;
  }
}
