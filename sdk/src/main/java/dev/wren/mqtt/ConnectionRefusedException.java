package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;

/**
 * The broker answered CONNECT with a CONNACK refusal. {@link #code()} carries the code: an MQTT
 * 3.1.1 return code 1 to 5, or an MQTT 5 reason code (0x80 and above). The refusals an
 * application handles on its own have their own subclass under both versions (bad credentials,
 * not authorized, identifier rejected, server unavailable or busy, unsupported version).
 */
public class ConnectionRefusedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reasonString;
  private final String serverReference;

  public ConnectionRefusedException(int code, String message) {
    this(code, message, null, null);
  }

  /**
   * @param reasonString the broker's Reason String (MQTT 5), or null
   * @param serverReference the broker's Server Reference (MQTT 5), or null
   */
  public ConnectionRefusedException(int code, String message, String reasonString,
      String serverReference) {
    super("broker refused the connection: " + message + " (CONNACK "
        + (code >= 0x80 ? "reason code " + hex(code) : "code " + code) + ")"
        + (reasonString != null ? ": \"" + reasonString + "\"" : "")
        + (serverReference != null ? "; it refers the client to " + serverReference : ""));
    this.code = code;
    this.reasonString = reasonString;
    this.serverReference = serverReference;
  }

  /** The CONNACK return code (3.1.1: 1 to 5) or reason code (5.0: 0x80 and above). */
  public int code() {
    return code;
  }

  /** The broker's human-readable reason (MQTT 5 Reason String), or null. */
  public String reasonString() {
    return reasonString;
  }

  /** Another server to use (MQTT 5 Server Reference, with codes 0x9C and 0x9D), or null. */
  public String serverReference() {
    return serverReference;
  }

  /** The exception for an MQTT 3.1.1 CONNACK return code other than 0. */
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

  /** The exception for an MQTT 5 CONNACK reason code of 0x80 or more. */
  public static ConnectionRefusedException forReasonCode(int code, String reasonString,
      String serverReference) {
    String name = ReasonCode.name(code);
    switch (code) {
      case ReasonCode.UNSUPPORTED_PROTOCOL_VERSION:
        return new UnacceptableProtocolVersionException(code, name
            + " (the broker does not support MQTT 5.0; use ProtocolVersion.MQTT_3_1_1)",
            reasonString);
      case ReasonCode.CLIENT_IDENTIFIER_NOT_VALID:
        return new IdentifierRejectedException(code, name + " (try another client id)",
            reasonString);
      case ReasonCode.SERVER_UNAVAILABLE:
      case ReasonCode.SERVER_BUSY:
        return new ServerUnavailableException(code, name, reasonString);
      case ReasonCode.BAD_USER_NAME_OR_PASSWORD:
        return new BadUsernameOrPasswordException(code, name, reasonString);
      case ReasonCode.NOT_AUTHORIZED:
        return new NotAuthorizedException(code, name, reasonString);
      default:
        return new ConnectionRefusedException(code, name, reasonString, serverReference);
    }
  }

  private static String hex(int code) {
    return String.format("0x%02X", code);
  }

  /** 3.1.1 code 1, 5.0 code 0x84: the broker does not speak the version asked for. */
  public static final class UnacceptableProtocolVersionException
      extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public UnacceptableProtocolVersionException() {
      super(1, "unacceptable protocol version (the broker does not support MQTT 3.1.1)");
    }

    UnacceptableProtocolVersionException(int code, String message, String reasonString) {
      super(code, message, reasonString, null);
    }
  }

  /** 3.1.1 code 2, 5.0 code 0x85: the client identifier is not allowed. */
  public static final class IdentifierRejectedException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public IdentifierRejectedException() {
      super(2, "identifier rejected (try another client id, or a clean session with an empty id)");
    }

    IdentifierRejectedException(int code, String message, String reasonString) {
      super(code, message, reasonString, null);
    }
  }

  /** 3.1.1 code 3, 5.0 codes 0x88 and 0x89: the MQTT service is unavailable or busy. */
  public static final class ServerUnavailableException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public ServerUnavailableException() {
      super(3, "server unavailable");
    }

    ServerUnavailableException(int code, String message, String reasonString) {
      super(code, message, reasonString, null);
    }
  }

  /** 3.1.1 code 4, 5.0 code 0x86: bad user name or password. */
  public static final class BadUsernameOrPasswordException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public BadUsernameOrPasswordException() {
      super(4, "bad user name or password");
    }

    BadUsernameOrPasswordException(int code, String message, String reasonString) {
      super(code, message, reasonString, null);
    }
  }

  /** 3.1.1 code 5, 5.0 code 0x87: the client is not authorized to connect. */
  public static final class NotAuthorizedException extends ConnectionRefusedException {
    private static final long serialVersionUID = 1L;

    public NotAuthorizedException() {
      super(5, "not authorized");
    }

    NotAuthorizedException(int code, String message, String reasonString) {
      super(code, message, reasonString, null);
    }
  }
}
