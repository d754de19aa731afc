package dev.wren.cli;

import java.util.Locale;

/**
 * mosquitto_pub/sub flags that wren knows but cannot honour, each refused with the reason and what
 * to do instead (exit 2, before connecting), so that a script written for mosquitto fails clearly
 * instead of with "unknown flag". {@code -V} takes MQTT 3.1.1 only. Stateless.
 */
final class UnsupportedFlags {
  static final String NO_MQTT5 = "MQTT 5.0, which this version of wren does not speak yet"
      + " (it speaks MQTT 3.1.1)";

  private UnsupportedFlags() {
  }

  /** -V / --protocol-version: mqttv311 or 311 pass; MQTT 3.1 and 5.0 are refused. */
  static void protocolVersion(String flag, String value) throws CliException {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "mqttv311": case "311":
        return;
      case "mqttv31": case "31":
        throw CliException.usage(flag + " " + value + ": MQTT 3.1 is not supported; wren speaks"
            + " MQTT 3.1.1 (-V mqttv311 or 311), which brokers that speak 3.1 also speak");
      case "mqttv5": case "5":
        throw CliException.usage(flag + " " + value + ": MQTT 5.0 is not supported yet; wren"
            + " speaks MQTT 3.1.1 (-V mqttv311 or 311)");
      default:
        throw CliException.usage(flag + " " + Errors.quote(value) + ": not a protocol version;"
            + " use mqttv311 or 311 (mqttv31/31 and mqttv5/5 are not supported)");
    }
  }

  /** -x SECONDS: checked as mosquitto checks it, then refused: 3.1.1 has no session expiry. */
  static void sessionExpiry(String flag, String value) throws CliException {
    boolean valid = value.equals("\u221e") || value.equals("-1");
    if (!valid) {
      try {
        long n = Long.parseLong(value);
        valid = n >= 0 && n <= 4_294_967_295L;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw CliException.usage(flag + " " + Errors.quote(value) + ": a session expiry interval"
          + " is 0..4294967295 seconds, or -1 or \u221e for none");
    }
    throw CliException.usage(flag + " " + value + ": the session expiry interval is a property"
        + " of " + NO_MQTT5 + "; -c keeps a 3.1.1 session until it is cleaned");
  }

  /** The words {@code -D} takes: COMMAND IDENTIFIER VALUE, or COMMAND user-property NAME VALUE. */
  static int propertyWords(java.util.List<String> words, int at) {
    return at + 1 < words.size() && words.get(at + 1).equalsIgnoreCase("user-property") ? 4 : 3;
  }

  /** -D with its words: the shape is checked, then refused. */
  static void property(String flag, java.util.List<String> values) throws CliException {
    String command = values.get(0).toLowerCase(Locale.ROOT);
    switch (command) {
      case "connect": case "publish": case "subscribe": case "unsubscribe": case "disconnect":
      case "will": case "auth":
        break;
      default:
        throw CliException.usage(flag + " " + Errors.quote(values.get(0)) + ": not a command;"
            + " -D takes connect, publish, subscribe, unsubscribe, disconnect or will, then the"
            + " property and its value");
    }
    throw CliException.usage(flag + " " + command + " " + values.get(1) + ": MQTT 5.0"
        + " properties need " + NO_MQTT5);
  }

  /** Registers the flags that are refused whatever their value. */
  static void register() {
    refuse("-A", null, true, "binding to a local address is not supported: the SDK has no"
        + " option for it; the system's routing picks the interface");
    refuse(null, "--unix", true, "Unix domain sockets are not supported: the SDK runs on Java 8"
        + " and Android, whose sockets cannot reach one (Java 16 added them); reach the broker"
        + " over TCP with -h/-p");
    refuse(null, "--ciphers", true, "the JVM's TLS provider chooses the cipher suites; limit them"
        + " with java -Djdk.tls.client.cipherSuites=SUITE,... -jar wren.jar");
    refuse(null, "--tls-engine", true, "OpenSSL engines do not exist in the JVM");
    refuse(null, "--keyform", true, "OpenSSL engines do not exist in the JVM; --key takes a PEM"
        + " file");
    refuse(null, "--tls-engine-kpass-sha1", true, "OpenSSL engines do not exist in the JVM");
    refuse(null, "--psk", true, "TLS-PSK is not supported: the JVM's TLS provider has no PSK"
        + " cipher suites for clients; use certificates (--cafile, --cert, --key)");
    refuse(null, "--psk-identity", true, "TLS-PSK is not supported: the JVM's TLS provider has"
        + " no PSK cipher suites for clients; use certificates (--cafile, --cert, --key)");
    refuse("-S", null, false, "DNS SRV lookup is not supported; give the host with -h");
    refuse(null, "--pretty", false, "pretty JSON is not supported; pipe -F %j through jq");
    refuse(null, "--retain-as-published", false, "the retain-as-published option needs "
        + NO_MQTT5);
  }

  private static void refuse(String shortName, String longName, boolean value, String why) {
    Args.add(shortName, longName, value, Args.PUB_SUB, (o, f, v) -> {
      throw CliException.usage(f + ": " + why);
    });
  }
}
