package dev.wren.cli;

import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SyncPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the command line asked for; filled by {@link Args}, read by the commands. */
final class CliOptions {
  /** What {@code pub} sends: one of the payload flags. */
  enum PayloadKind { MESSAGE, FILE, LINES, STDIN, NULL }

  String command;
  boolean help;
  /** -d: each packet on stderr, as mosquitto's debug output. */
  boolean debug;
  /** --quiet: no line for a failure after the command line was accepted. */
  boolean quiet;
  /** --log-level: the SDK's log lines from this level on, or null for the command's default. */
  String logLevel;

  // Connection
  /** -V, or MQTT 5.0 when -D was given without it (as mosquitto); 3.1.1 by default. */
  ProtocolVersion protocolVersion = ProtocolVersion.MQTT_3_1_1;
  /** -V as given ("-V 311"), or null. */
  String protocolFlag;
  /** -x: the session expiry interval in seconds (4294967295: never), or null. */
  Long sessionExpirySeconds;
  /** -x as given, or null. */
  String sessionExpiryFlag;
  /** Every -D, in order. */
  final List<Mqtt5Flags.Property> properties = new ArrayList<>();
  String host;
  Integer port;
  String url;
  String clientId;
  /** -I: the client id is this and the process id. */
  String idPrefix;
  boolean cleanSession = true;
  int keepAliveSeconds = 60;
  String username;
  String password;
  int timeoutSeconds = 30;
  String willTopic;
  String willPayload;
  Qos willQos;
  boolean willRetain;

  // TLS and proxy
  /** MQTT over TLS: -L mqtts:// or ssl://, or any TLS flag with -h/-p. */
  boolean tls;
  Path caFile;
  Path caPath;
  Path certFile;
  Path keyFile;
  /** --key-password-file: the passphrase of an encrypted --key, on its first line. */
  Path keyPasswordFile;
  boolean insecure;
  /** --tls-use-os-certs: the system's CAs, which is the default anyway. */
  boolean osCerts;
  String tlsVersion;
  String tlsAlpn;
  String proxy;
  /** The WebSocket path and query for -L ws:// and wss://, or null for MQTT over TCP. */
  String wsPath;
  /** --ws-header values as {name, value}, in order. */
  final List<String[]> wsHeaders = new ArrayList<>();

  // pub and sub
  final List<String> topics = new ArrayList<>();
  /** Where each of {@link #topics} came from, for messages: "-t", or the -L URL (redacted). */
  final List<String> topicFlags = new ArrayList<>();
  Qos qos = Qos.AT_MOST_ONCE;

  // pub
  PayloadKind payloadKind;
  String message;
  Path file;
  boolean retain;
  /** Whether -q was given; with --queue-dir the default QoS is 1 instead of 0. */
  boolean qosGiven;
  /** Status lines on stderr (pub). */
  boolean progress;
  /** --repeat: how many times the message is published, each after the last was delivered. */
  int repeat = 1;
  /** --repeat-delay: the wait after each delivery before the next repeat. */
  long repeatDelayMillis;

  // pub and gateway: the file queue (see QueueFlags)
  Path queueDir;
  /** Null: the file queue's default, BATCH. */
  SyncPolicy sync;
  boolean drain;
  /** --expiry: seconds a queued message may wait before it is first sent; 0 for no limit. */
  int expirySeconds;
  int sensors = 3;
  double rateHz = 1;

  // sub
  int count;
  int waitSeconds;
  boolean verbose;
  boolean noNewline;
  /** -F, or null: payload only, or topic and payload with -v. */
  SubFormat format;
  /** -R: retained messages are not printed. */
  boolean noRetained;
  /** --retained-only: only retained messages are printed; the first other one ends sub. */
  boolean retainedOnly;
  /** --remove-retained: each retained message received is cleared on the broker. */
  boolean removeRetained;
  /** -T: messages on topics matching these filters are not printed. */
  final List<String> filterOuts = new ArrayList<>();
  /** -U: filters unsubscribed from after subscribing. */
  final List<String> unsubscribe = new ArrayList<>();
  /** -E: exit once subscribed (and unsubscribed). */
  boolean exitAfterSubscribe;
  /** --random-filter: the percentage of messages printed (100: all). */
  double randomFilter = 100;

  /** True when -h, -p or -L named a broker. */
  boolean brokerGiven() {
    return host != null || port != null || url != null;
  }

  String hostOrDefault() {
    return host != null ? host : "localhost";
  }

  int portOrDefault() {
    return port != null ? port : tls ? 8883 : 1883;
  }

  /** Whether a TLS flag was given. */
  boolean tlsFlagGiven() {
    return caFile != null || caPath != null || certFile != null || keyFile != null || insecure
        || tlsVersion != null || tlsAlpn != null || osCerts || keyPasswordFile != null;
  }

  /** The broker as an SDK server URI, for example {@code tcp://localhost:1883}. */
  String serverUri() {
    String h = hostOrDefault();
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) h = "[" + h + "]";
    if (wsPath != null) return (tls ? "wss://" : "ws://") + h + ":" + portOrDefault() + wsPath;
    return (tls ? "ssl://" : "tcp://") + h + ":" + portOrDefault();
  }
}
