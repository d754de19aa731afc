package dev.wren.mqtt;

/** The TCP connection to the broker could not be made (refused, no route, unknown host). The message names host and port. */
public class BrokerUnreachableException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;

  public BrokerUnreachableException(String host, int port, Throwable cause) {
    super("cannot reach the broker at " + host + ":" + port + ": " + cause.getMessage()
        + " (is it running, and is the host and port right?)", cause);
    this.host = host;
    this.port = port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }
}
