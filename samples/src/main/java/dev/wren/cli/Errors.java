package dev.wren.cli;

import dev.wren.mqtt.BrokerUnreachableException;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.ProxyException;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.TlsException;

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
    if (e instanceof BrokerUnreachableException || e instanceof ProxyException) {
      return new CliException(ExitCodes.UNREACHABLE, message);
    }
    if (e instanceof ConnectionRefusedException) {
      return new CliException(ExitCodes.REFUSED, message);
    }
    if (e instanceof MqttTimeoutException) {
      return new CliException(ExitCodes.TIMEOUT, "timed out " + doing + ": " + message);
    }
    if (e instanceof SubscribeFailedException) {
      return new CliException(ExitCodes.SUBSCRIBE_REFUSED, message);
    }
    if (e instanceof ConnectionLostException || e instanceof NotConnectedException) {
      // An established connection ended. The SDK has already logged (WARN, on stderr, as
      // "wren: connection to URI lost: REASON") the one line that says why; say nothing more.
      return lost();
    }
    if (e instanceof MqttProtocolException) {
      return new CliException(ExitCodes.CONNECTION_LOST,
          "protocol error while " + doing + ": " + message);
    }
    return new CliException(ExitCodes.ERROR, "error while " + doing + ": " + message);
  }

  /** Exit 6 without a line of its own: the SDK's WARN log line has told why. */
  static CliException lost() {
    return new CliException(ExitCodes.CONNECTION_LOST, null);
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
}
