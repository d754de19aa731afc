package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;

/**
 * An MQTT 5 broker ended the connection with a DISCONNECT packet: {@link #reasonCode()} says why
 * (0x8B server shutting down, 0x8E session taken over, 0x87 not authorized, 0x9C use another
 * server, ...). The client reconnects by itself unless the code says a retry cannot help (see
 * {@link ReconnectOptions}); {@link ClientListener#disconnected} receives this exception.
 */
public final class DisconnectedByBrokerException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  private final int reasonCode;
  private final String reasonString;
  private final String serverReference;

  public DisconnectedByBrokerException(String server, int reasonCode, String reasonString,
      String serverReference) {
    super("broker at " + server + " disconnected the client: reason code "
        + String.format("0x%02X", reasonCode) + " " + ReasonCode.name(reasonCode)
        + (reasonString != null ? ": \"" + reasonString + "\"" : "")
        + (serverReference != null ? "; it refers the client to " + serverReference : ""),
        null);
    this.reasonCode = reasonCode;
    this.reasonString = reasonString;
    this.serverReference = serverReference;
  }

  public int reasonCode() {
    return reasonCode;
  }

  /** The broker's Reason String, or null. */
  public String reasonString() {
    return reasonString;
  }

  /** The Server Reference the broker gave (with 0x9C and 0x9D), or null. */
  public String serverReference() {
    return serverReference;
  }
}
