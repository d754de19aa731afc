package dev.wren.cli;

import dev.wren.mqtt.BrokerUnreachableException;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.ProxyException;
import dev.wren.mqtt.PublishFailedException;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.UnsubscribeFailedException;
import dev.wren.mqtt.WebSocketHandshakeException;

/** Turns the SDK's exceptions into one line and an exit code. */
final class Errors {
  private Errors() {
  }

  /**
   * @param doing what wren was doing, for example "connecting to tcp://localhost:1883"; used
   *     where the SDK's message does not already say it
   */
  static CliException fromMqtt(MqttException e, String doing) {
    String message = oneLine(e.getMessage());
    if (e instanceof TlsException) {
      return new CliException(ExitCodes.TLS, message);
    }
    if (e instanceof BrokerUnreachableException || e instanceof ProxyException
        || e instanceof WebSocketHandshakeException) {
      return new CliException(ExitCodes.UNREACHABLE, message);
    }
    if (e instanceof ConnectionRefusedException) {
      return new CliException(ExitCodes.REFUSED, message);
    }
    if (e instanceof MqttTimeoutException) {
      return new CliException(ExitCodes.TIMEOUT, "timed out " + doing + ": " + message);
    }
    // MQTT 5.0 refusals: the SDK's message names the reason code in words and quotes the
    // broker's reason string; it is the whole line.
    if (e instanceof PublishFailedException) {
      return new CliException(ExitCodes.ERROR, message);
    }
    if (e instanceof SubscribeFailedException || e instanceof UnsubscribeFailedException) {
      return new CliException(ExitCodes.SUBSCRIBE_REFUSED, message);
    }
    if (e instanceof ConnectionLostException || e instanceof NotConnectedException) {
      // The SDK's message says which connection and why: "connection to URI lost: REASON".
      return new CliException(ExitCodes.CONNECTION_LOST, message);
    }
    if (e instanceof MqttProtocolException) {
      return new CliException(ExitCodes.CONNECTION_LOST,
          "protocol error while " + doing + ": " + message);
    }
    return new CliException(ExitCodes.ERROR, "error while " + doing + ": " + message);
  }

  /** The failure a {@code Delivery} or {@code Completion} reported, as a CliException. */
  static CliException fromFailure(Throwable failure, String doing) {
    if (failure instanceof MqttException) return fromMqtt((MqttException) failure, doing);
    return new CliException(ExitCodes.ERROR, "error while " + doing + ": " + oneLine(
        String.valueOf(failure)));
  }

  /** Collapses line breaks so that every error is one line. */
  static String oneLine(String message) {
    if (message == null) return "(no detail)";
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /** Values longer than this are shortened where a message quotes them. */
  static final int LONGEST_QUOTED = 100;

  /** {@code 'value'}, or its start and its length when it is long: {@code 'aaaa…' (70000 characters)}. */
  static String quote(String value) {
    return "'" + shorten(value) + "'";
  }

  /** {@code value}, or its first characters, an ellipsis and its length. */
  static String shorten(String value) {
    if (value.length() <= LONGEST_QUOTED) return value;
    int end = LONGEST_QUOTED / 2;
    if (Character.isHighSurrogate(value.charAt(end - 1))) end--;
    return value.substring(0, end) + "\u2026 (" + value.length() + " characters)";
  }

  /**
   * The line to print for {@code message}: one line, credentials masked, and any word longer
   * than {@link #LONGEST_QUOTED} shortened (a value quoted in full by the SDK, say).
   */
  static String display(String message, java.util.List<String> secrets) {
    String line = Redact.scrub(oneLine(message), secrets);
    if (line.length() <= LONGEST_QUOTED) return line;
    StringBuilder out = new StringBuilder();
    for (String word : line.split(" ", -1)) {
      if (out.length() > 0) out.append(' ');
      out.append(shorten(word));
    }
    return out.toString();
  }
}
