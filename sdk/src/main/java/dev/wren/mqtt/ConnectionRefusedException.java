package dev.wren.mqtt;

/**
 * The broker answered CONNECT with a CONNACK refusal. Each return code 1 to 5 has its own
 * subclass; {@link #code()} carries the code.
 */
public class ConnectionRefusedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int code;

  public ConnectionRefusedException(int code, String message) {
    super("broker refused the connection: " + message + " (CONNACK code " + code + ")");
    this.code = code;
  }

  /** The CONNACK return code, 1 to 5 (or another value a broker made up). */
  public int code() {
    return code;
  }

  /** The exception for a CONNACK return code other than 0. */
  public static ConnectionRefusedException forCode(int code) {
    switch (code) {
      case 1: return new UnacceptableProtocolVersionException();
      case 2: return new IdentifierRejectedException();
      case 3: return new ServerUnavailableException();
      case 4: return new BadUsernameOrPasswordException();
      case 5: return new NotAuthorizedException();
      default: return new ConnectionRefusedException(code, "unknown reason");
    }
  }

  /** Code 1: the broker does not speak MQTT 3.1.1. */
  public static final class UnacceptableProtocolVersionException
      extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public UnacceptableProtocolVersionException() {
      super(1, "unacceptable protocol version (the broker does not support MQTT 3.1.1)");
    }
  }

  /** Code 2: the client identifier is not allowed. */
  public static final class IdentifierRejectedException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public IdentifierRejectedException() {
      super(2, "identifier rejected (try another client id, or a clean session with an empty id)");
    }
  }

  /** Code 3: the MQTT service is unavailable. */
  public static final class ServerUnavailableException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public ServerUnavailableException() {
      super(3, "server unavailable");
    }
  }

  /** Code 4: bad user name or password. */
  public static final class BadUsernameOrPasswordException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public BadUsernameOrPasswordException() {
      super(4, "bad user name or password");
    }
  }

  /** Code 5: the client is not authorized to connect. */
  public static final class NotAuthorizedException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public NotAuthorizedException() {
      super(5, "not authorized");
    }
  }
}
