package dev.wren.cli;

import dev.wren.mqtt.Qos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code wren pub|sub|demo [flags]} into {@link CliOptions}. Flags follow mosquitto_pub and
 * mosquitto_sub; long forms take {@code --flag value} or {@code --flag=value}. Every error names
 * the flag and the value.
 */
final class Args {
  enum Cmd { PUB, SUB, DEMO, GATEWAY }

  private static final Set<Cmd> ALL = EnumSet.allOf(Cmd.class);
  static final Set<Cmd> PUB_SUB = EnumSet.of(Cmd.PUB, Cmd.SUB);
  private static final Set<Cmd> PUB = EnumSet.of(Cmd.PUB);
  private static final Set<Cmd> SUB = EnumSet.of(Cmd.SUB);
  private static final Set<Cmd> PUB_SUB_GATEWAY = EnumSet.of(Cmd.PUB, Cmd.SUB, Cmd.GATEWAY);
  private static final Set<Cmd> PUB_GATEWAY = EnumSet.of(Cmd.PUB, Cmd.GATEWAY);
  private static final Set<Cmd> SUB_GATEWAY = EnumSet.of(Cmd.SUB, Cmd.GATEWAY);
  private static final Set<Cmd> GATEWAY = EnumSet.of(Cmd.GATEWAY);

  /** Sets one option from a flag's value (null for flags without a value). */
  interface Setter {
    void set(CliOptions o, String flag, String value) throws CliException;
  }

  private static final class Flag {
    final String shortName;
    final String longName;
    final boolean takesValue;
    final Set<Cmd> commands;
    final Setter setter;

    Flag(String shortName, String longName, boolean takesValue, Set<Cmd> commands, Setter setter) {
      this.shortName = shortName;
      this.longName = longName;
      this.takesValue = takesValue;
      this.commands = commands;
      this.setter = setter;
    }

    String name() {
      return shortName != null ? shortName : longName;
    }
  }

  private static final Map<String, Flag> FLAGS = new LinkedHashMap<>();

  static {
    add("-h", "--host", true, ALL, (o, f, v) -> o.host = nonEmpty(f, v));
    add("-p", "--port", true, ALL, (o, f, v) -> o.port = intIn(f, v, 1, 65535));
    add("-L", "--url", true, ALL, (o, f, v) -> o.url = v);
    add("-i", "--id", true, PUB_SUB_GATEWAY, (o, f, v) -> o.clientId = v);
    add("-c", "--disable-clean-session", false, PUB_SUB, (o, f, v) -> o.cleanSession = false);
    add("-k", "--keepalive", true, ALL, (o, f, v) -> o.keepAliveSeconds = intIn(f, v, 0, 65535));
    add("-u", "--username", true, ALL, (o, f, v) -> o.username = v);
    add("-P", "--pw", true, ALL, (o, f, v) -> o.password = v);
    add(null, "--timeout", true, ALL, (o, f, v) -> o.timeoutSeconds = intIn(f, v, 1, 86400));
    add(null, "--will-topic", true, PUB_SUB, (o, f, v) -> o.willTopic = nonEmpty(f, v));
    add(null, "--will-payload", true, PUB_SUB, (o, f, v) -> o.willPayload = v);
    add(null, "--will-qos", true, PUB_SUB, (o, f, v) -> o.willQos = qos(f, v));
    add(null, "--will-retain", false, PUB_SUB, (o, f, v) -> o.willRetain = true);
    add("-t", "--topic", true, PUB_SUB_GATEWAY, (o, f, v) -> {
      o.topics.add(nonEmpty(f, v));
      o.topicFlags.add(f);
    });
    add("-q", "--qos", true, PUB_SUB, (o, f, v) -> {
      o.qos = qos(f, v);
      o.qosGiven = true;
    });
    add("-m", "--message", true, PUB, (o, f, v) -> {
      payload(o, f, CliOptions.PayloadKind.MESSAGE);
      o.message = v;
    });
    add("-f", "--file", true, PUB, (o, f, v) -> {
      payload(o, f, CliOptions.PayloadKind.FILE);
      o.file = readableFile(f, v);
    });
    add("-l", "--stdin-line", false, PUB, (o, f, v) -> payload(o, f, CliOptions.PayloadKind.LINES));
    add("-s", "--stdin-file", false, PUB, (o, f, v) -> payload(o, f, CliOptions.PayloadKind.STDIN));
    add("-n", "--null-message", false, PUB, (o, f, v) -> payload(o, f, CliOptions.PayloadKind.NULL));
    add("-r", "--retain", false, PUB, (o, f, v) -> o.retain = true);
    add(null, "--queue-dir", true, PUB_GATEWAY, (o, f, v) -> o.queueDir = QueueFlags.dir(f, v));
    add(null, "--sync", true, PUB_GATEWAY, (o, f, v) -> o.sync = QueueFlags.sync(f, v));
    add(null, "--drain", false, PUB, (o, f, v) -> o.drain = true);
    add(null, "--expiry", true, PUB_GATEWAY,
        (o, f, v) -> o.expirySeconds = intIn(f, v, 1, QueueFlags.MAX_EXPIRY_SECONDS));
    add(null, "--progress", false, PUB, (o, f, v) -> o.progress = true);
    add(null, "--sensors", true, GATEWAY, (o, f, v) -> o.sensors = intIn(f, v, 1, 1000));
    add(null, "--rate", true, GATEWAY, (o, f, v) -> o.rateHz = QueueFlags.rate(f, v));
    add("-C", "--count", true, SUB_GATEWAY,
        (o, f, v) -> o.count = intIn(f, v, 1, Integer.MAX_VALUE));
    add("-W", null, true, SUB, (o, f, v) -> o.waitSeconds = intIn(f, v, 1, 86400 * 365));
    add("-v", "--verbose", false, SUB, (o, f, v) -> o.verbose = true);
    add("-N", null, false, SUB, (o, f, v) -> o.noNewline = true);
    add(null, "--cafile", true, ALL, (o, f, v) -> o.caFile = readableFile(f, v));
    add(null, "--capath", true, ALL, (o, f, v) -> o.caPath = directory(f, v));
    add(null, "--cert", true, ALL, (o, f, v) -> o.certFile = readableFile(f, v));
    add(null, "--key", true, ALL, (o, f, v) -> o.keyFile = readableFile(f, v));
    add(null, "--key-password-file", true, ALL,
        (o, f, v) -> o.keyPasswordFile = readableFile(f, v));
    add(null, "--insecure", false, ALL, (o, f, v) -> o.insecure = true);
    add(null, "--tls-version", true, ALL, (o, f, v) -> o.tlsVersion = tlsVersion(f, v));
    add(null, "--tls-alpn", true, ALL, (o, f, v) -> o.tlsAlpn = nonEmpty(f, v));
    add(null, "--proxy", true, ALL, (o, f, v) -> o.proxy = nonEmpty(f, v));
    add(null, "--ws-header", true, PUB_SUB, (o, f, v) -> o.wsHeaders.add(wsHeader(f, v)));
    // mosquitto_pub/sub 2.0's other flags
    add(null, "--log-level", true, ALL, (o, f, v) -> o.logLevel = Logging.level(f, v));
    add("-d", "--debug", false, PUB_SUB, (o, f, v) -> o.debug = true);
    add(null, "--quiet", false, PUB_SUB, (o, f, v) -> o.quiet = true);
    add("-V", "--protocol-version", true, ALL,
        (o, f, v) -> Mqtt5Flags.protocolVersion(o, f, v));
    add("-x", null, true, PUB_SUB_GATEWAY, (o, f, v) -> Mqtt5Flags.sessionExpiry(o, f, v));
    add("-D", "--property", true, PUB_SUB_GATEWAY, (o, f, v) -> {
      throw new AssertionError("-D is parsed by Args.parse");
    });
    add("-I", "--id-prefix", true, PUB_SUB, (o, f, v) -> o.idPrefix = nonEmpty(f, v));
    add(null, "--nodelay", false, PUB_SUB, (o, f, v) -> { }); // TCP_NODELAY is always on
    add(null, "--tls-use-os-certs", false, PUB_SUB, (o, f, v) -> o.osCerts = true);
    add(null, "--repeat", true, PUB, (o, f, v) -> o.repeat = intIn(f, v, 1, Integer.MAX_VALUE));
    add(null, "--repeat-delay", true, PUB, (o, f, v) -> o.repeatDelayMillis = seconds(f, v));
    add("-F", null, true, SUB, (o, f, v) -> o.format = SubFormat.parse(f, v));
    add("-R", null, false, SUB, (o, f, v) -> o.noRetained = true);
    add(null, "--retained-only", false, SUB, (o, f, v) -> o.retainedOnly = true);
    add(null, "--remove-retained", false, SUB, (o, f, v) -> o.removeRetained = true);
    add("-T", "--filter-out", true, SUB, (o, f, v) -> o.filterOuts.add(filter(f, v)));
    add("-U", "--unsubscribe", true, SUB, (o, f, v) -> o.unsubscribe.add(filter(f, v)));
    add("-E", null, false, SUB, (o, f, v) -> o.exitAfterSubscribe = true);
    add(null, "--random-filter", true, SUB, (o, f, v) -> o.randomFilter = percent(f, v));
    UnsupportedFlags.register();
  }

  static void add(String s, String l, boolean value, Set<Cmd> cmds, Setter setter) {
    Flag flag = new Flag(s, l, value, cmds, setter);
    if (s != null) FLAGS.put(s, flag);
    if (l != null) FLAGS.put(l, flag);
  }

  private Args() {
  }

  /**
   * Parses the words after the command name.
   *
   * @throws CliException (exit 2) naming the flag and value at fault
   */
  static CliOptions parse(Cmd cmd, List<String> words) throws CliException {
    CliOptions o = new CliOptions();
    o.command = cmd.name().toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--help")) {
        o.help = true;
        return o;
      }
      String inlineValue = null;
      String name = word;
      if (word.startsWith("--") && word.indexOf('=') > 2) {
        name = word.substring(0, word.indexOf('='));
        inlineValue = word.substring(word.indexOf('=') + 1);
      }
      Flag flag = FLAGS.get(name);
      if (flag == null) {
        throw CliException.usage(word.startsWith("-")
            ? "unknown flag " + word + " for " + o.command + " (see wren " + o.command + " --help)"
            : "unexpected argument '" + Errors.shorten(word) + "' (values follow their flag, e.g."
                + " -m '" + Errors.shorten(word) + "'; see wren " + o.command + " --help)");
      }
      if (!flag.commands.contains(cmd)) {
        throw CliException.usage(name + " is not a flag of wren " + o.command
            + " (see wren " + o.command + " --help)");
      }
      if (flag.longName != null && flag.longName.equals("--property")) {
        if (inlineValue != null) {
          throw CliException.usage(name + " takes COMMAND IDENTIFIER VALUE as three words, e.g."
              + " -D publish content-type text/plain: " + word);
        }
        int n = Mqtt5Flags.words(words, i + 1);
        if (i + n >= words.size()) {
          throw CliException.usage(name + " needs " + (n == 4 ? "COMMAND user-property NAME VALUE"
              : "COMMAND IDENTIFIER VALUE") + ", e.g. -D publish content-type text/plain");
        }
        o.properties.add(Mqtt5Flags.property(name, words.subList(i + 1, i + 1 + n)));
        i += n;
        continue;
      }
      String value = null;
      if (flag.takesValue) {
        if (inlineValue != null) {
          value = inlineValue;
        } else if (i + 1 < words.size()) {
          value = words.get(++i);
        } else {
          throw CliException.usage(name + " needs a value" + (name.equals("-h")
              ? " (the broker host; for help use --help)" : ""));
        }
      } else if (inlineValue != null) {
        throw CliException.usage(name + " takes no value: " + word);
      }
      flag.setter.set(o, name, value);
    }
    validate(cmd, o);
    return o;
  }

  private static void validate(Cmd cmd, CliOptions o) throws CliException {
    if (o.url != null) {
      String url = Redact.url(o.url);
      if (o.host != null || o.port != null) {
        throw CliException.usage("-L " + url + " and -h/-p both name the broker; use one");
      }
      BrokerUrl parsed = BrokerUrl.parse(o.url);
      o.host = parsed.host;
      o.port = parsed.port;
      o.tls = parsed.tls;
      o.wsPath = parsed.wsPath;
      if (!parsed.tls && o.tlsFlagGiven()) {
        throw CliException.usage("-L " + url + " is not TLS but TLS flags were given; use "
            + (parsed.wsPath != null ? "wss://" : "mqtts:// (or ssl://)") + " for TLS");
      }
      if (parsed.username != null) {
        if (o.username != null) {
          throw CliException.usage("-L " + url + " and -u both give a user name; use one");
        }
        o.username = parsed.username;
        if (parsed.password != null) o.password = parsed.password;
      }
      if (parsed.topic != null) {
        if (cmd == Cmd.PUB && !o.topics.isEmpty()) {
          throw CliException.usage("-L " + url + " has the topic " + Errors.quote(parsed.topic)
              + " and -t gives another; use one");
        }
        if (cmd != Cmd.DEMO) {
          o.topics.add(parsed.topic);
          o.topicFlags.add("-L " + url + ": its topic");
        }
      }
    }
    if (!o.wsHeaders.isEmpty() && o.wsPath == null) {
      throw CliException.usage("--ws-header needs a WebSocket broker: -L ws://HOST[:PORT][/PATH]"
          + " or wss://");
    }
    // As mosquitto_pub/sub: a TLS flag turns TLS on for -h/-p (and the default port to 8883).
    if (o.url == null && o.tlsFlagGiven()) o.tls = true;
    if (cmd == Cmd.DEMO && o.protocolVersion == dev.wren.mqtt.ProtocolVersion.MQTT_5_0
        && !o.brokerGiven()) {
      throw CliException.usage(o.protocolFlag + ": the embedded broker (Moquette 0.17) speaks"
          + " MQTT 3.1.1 only; give an MQTT 5.0 broker with -h/-p or -L for the 5.0 demo");
    }
    if (cmd == Cmd.DEMO && o.tlsFlagGiven() && !o.brokerGiven()) {
      throw CliException.usage("TLS flags need a broker (-h/-p or -L): demo's embedded broker"
          + " speaks plain TCP only");
    }
    if (o.keyPasswordFile != null && o.keyFile == null) {
      throw CliException.usage("--key-password-file needs --key: it holds the key's passphrase");
    }
    if ((o.certFile == null) != (o.keyFile == null)) {
      throw CliException.usage("--cert and --key go together: the client certificate and its"
          + " private key");
    }
    Mqtt5Flags.validate(cmd, o);
    if (o.password != null && o.username == null
        && o.protocolVersion != dev.wren.mqtt.ProtocolVersion.MQTT_5_0) {
      throw CliException.usage("-P needs -u: MQTT 3.1.1 sends a password only with a user name"
          + " (MQTT 5.0, -V mqttv5, sends one alone)");
    }
    if (o.idPrefix != null && o.clientId != null) {
      throw CliException.usage("-i and -I both set the client id; use one");
    }
    if (!o.cleanSession && o.queueDir == null && (o.clientId == null || o.clientId.isEmpty())) {
      throw CliException.usage("-c needs a client id: give one with -i"
          + (o.idPrefix != null ? " (-I makes a new one each run)" : ""));
    }
    if (o.osCerts && (o.caFile != null || o.caPath != null)) {
      throw CliException.usage("--tls-use-os-certs trusts the system's CAs, which wren does"
          + " whenever --cafile and --capath are absent; it cannot trust both");
    }
    if (o.noRetained && o.retainedOnly) {
      throw CliException.usage("-R skips retained messages and --retained-only prints only"
          + " them; use one");
    }
    if (o.repeat > 1 || o.repeatDelayMillis > 0) {
      if (o.payloadKind == CliOptions.PayloadKind.LINES || o.queueDir != null) {
        throw CliException.usage("--repeat and --repeat-delay repeat one message (-m, -f, -s or"
            + " -n); they do not go with " + (o.queueDir != null ? "--queue-dir" : "-l"));
      }
    }
    if (o.debug && o.queueDir != null) {
      throw CliException.usage("-d does not go with --queue-dir yet: the queue's client reports"
          + " its connection with --progress");
    }
    if (o.willTopic != null) TopicCheck.name("--will-topic", o.willTopic);
    if (o.willTopic == null && (o.willPayload != null || o.willQos != null || o.willRetain)) {
      throw CliException.usage("--will-payload, --will-qos and --will-retain need --will-topic");
    }
    QueueFlags.validate(cmd, o);
    if (cmd == Cmd.PUB && !o.drain) {
      if (o.topics.isEmpty()) throw CliException.usage("pub needs a topic: -t TOPIC");
      if (o.topics.size() > 1) {
        throw CliException.usage("pub takes one topic, not " + o.topics.size() + ": " + o.topics);
      }
      if (o.payloadKind == null) {
        throw CliException.usage("pub needs a payload: -m MSG, -f FILE, -l, -s or -n");
      }
      TopicCheck.name(o.topicFlags.get(0), o.topics.get(0));
    }
    if (cmd == Cmd.SUB) {
      if (o.topics.isEmpty()) {
        throw CliException.usage("sub needs at least one topic filter: -t FILTER"
            + (o.unsubscribe.isEmpty() ? "" : " (-U unsubscribes in addition, as in"
            + " mosquitto_sub)"));
      }
      for (int i = 0; i < o.topics.size(); i++) TopicCheck.filter(o.topicFlags.get(i), o.topics.get(i));
    }
  }

  private static void payload(CliOptions o, String flag, CliOptions.PayloadKind kind)
      throws CliException {
    if (o.payloadKind != null) {
      throw CliException.usage(flag + ": only one of -m, -f, -l, -s and -n may be given");
    }
    o.payloadKind = kind;
  }

  private static String filter(String flag, String value) throws CliException {
    TopicCheck.filter(flag, value);
    return value;
  }

  /** Seconds, fractions allowed (as mosquitto's --repeat-delay), as milliseconds. */
  private static long seconds(String flag, String value) throws CliException {
    double s;
    try {
      s = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + " " + Errors.quote(value) + ": not a number of seconds");
    }
    if (!(s >= 0 && s <= 86_400)) {
      throw CliException.usage(flag + " " + value + ": must be 0..86400 seconds");
    }
    return Math.round(s * 1000);
  }

  /** A chance in percent, 0.1 to 100, as --random-filter takes it. */
  private static double percent(String flag, String value) throws CliException {
    double p;
    try {
      p = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + " " + Errors.shorten(value) + ": not a number");
    }
    if (!(p >= 0.1 && p <= 100)) {
      throw CliException.usage(flag + " " + value + ": must be 0.1..100 (percent of messages"
          + " printed)");
    }
    return p;
  }

  private static String nonEmpty(String flag, String value) throws CliException {
    if (value.isEmpty()) throw CliException.usage(flag + " needs a non-empty value");
    return value;
  }

  private static int intIn(String flag, String value, int min, int max) throws CliException {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + " " + Errors.shorten(value) + ": not a number");
    }
    if (n < min || n > max) {
      throw CliException.usage(flag + " " + value + ": must be " + min + ".." + max);
    }
    return n;
  }

  private static Qos qos(String flag, String value) throws CliException {
    if (value.equals("0") || value.equals("1") || value.equals("2")) {
      return Qos.of(Integer.parseInt(value));
    }
    throw CliException.usage(flag + " " + Errors.shorten(value) + ": QoS must be 0, 1 or 2");
  }

  private static Path readableFile(String flag, String value) throws CliException {
    Path path = Paths.get(value);
    if (!Files.isRegularFile(path)) {
      throw CliException.usage(flag + " " + value + ": no such file");
    }
    if (!Files.isReadable(path)) {
      throw CliException.usage(flag + " " + value + ": file is not readable");
    }
    return path;
  }

  private static Path directory(String flag, String value) throws CliException {
    Path path = Paths.get(value);
    if (!Files.isDirectory(path)) throw CliException.usage(flag + " " + value + ": no such directory");
    return path;
  }

  /** {@code Name: value} as {name, value}; the SDK checks both when the options are built. */
  private static String[] wsHeader(String flag, String value) throws CliException {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw CliException.usage(flag + " '" + value + "': expected 'Name: value'");
    }
    return new String[] {value.substring(0, colon).trim(), value.substring(colon + 1).trim()};
  }

  private static String tlsVersion(String flag, String value) throws CliException {
    String v = value.toLowerCase(java.util.Locale.ROOT);
    if (v.equals("tlsv1.2") || v.equals("tlsv1.3")) return v;
    throw CliException.usage(flag + " " + value + ": use tlsv1.2 or tlsv1.3");
  }

  /** The flags {@code cmd} accepts, for tests. */
  static List<String> flagsOf(Cmd cmd) {
    List<String> names = new ArrayList<>();
    for (Flag flag : new java.util.LinkedHashSet<>(FLAGS.values())) {
      if (flag.commands.contains(cmd)) names.add(flag.name());
    }
    return names;
  }
}
