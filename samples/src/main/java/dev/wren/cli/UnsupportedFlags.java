package dev.wren.cli;

/**
 * mosquitto_pub/sub flags that wren knows but cannot honour, each refused with the reason and what
 * to do instead (exit 2, before connecting), so that a script written for mosquitto fails clearly
 * instead of with "unknown flag". Stateless.
 */
final class UnsupportedFlags {
  private UnsupportedFlags() {
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
    refuse(null, "--retain-as-published", false, "not supported yet: the SDK has no MQTT 5.0"
        + " subscription options yet");
  }

  private static void refuse(String shortName, String longName, boolean value, String why) {
    Args.add(shortName, longName, value, Args.PUB_SUB, (o, f, v) -> {
      throw CliException.usage(f + ": " + why);
    });
  }
}
