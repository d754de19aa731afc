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
  private static final Set<Cmd> PUB_SUB = EnumSet.of(Cmd.PUB, Cmd.SUB);
  private static final Set<Cmd> PUB = EnumSet.of(Cmd.PUB);
  private static final Set<Cmd> SUB = EnumSet.of(Cmd.SUB);
  private static final Set<Cmd> PUB_SUB_GATEWAY = EnumSet.of(Cmd.PUB, Cmd.SUB, Cmd.GATEWAY);
  private static final Set<Cmd> PUB_GATEWAY = EnumSet.of(Cmd.PUB, Cmd.GATEWAY);
  private static final Set<Cmd> SUB_GATEWAY = EnumSet.of(Cmd.SUB, Cmd.GATEWAY);
  private static final Set<Cmd> GATEWAY = EnumSet.of(Cmd.GATEWAY);

  /** Sets one option from a flag's value (null for flags without a value). */
  private interface Setter {
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
    add("-t", "--topic", true, PUB_SUB_GATEWAY, (o, f, v) -> o.topics.add(nonEmpty(f, v)));
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
    add(null, "--insecure", false, ALL, (o, f, v) -> o.insecure = true);
    add(null, "--tls-version", true, ALL, (o, f, v) -> o.tlsVersion = tlsVersion(f, v));
    add(null, "--tls-alpn", true, ALL, (o, f, v) -> o.tlsAlpn = nonEmpty(f, v));
    add(null, "--proxy", true, ALL, (o, f, v) -> o.proxy = nonEmpty(f, v));
    add(null, "--ws-header", true, PUB_SUB, (o, f, v) -> o.wsHeaders.add(wsHeader(f, v)));
  }

  private static void add(String s, String l, boolean value, Set<Cmd> cmds, Setter setter) {
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
            : "unexpected argument '" + word + "' (values follow their flag, e.g. -m '"
                + word + "'; see wren " + o.command + " --help)");
      }
      if (!flag.commands.contains(cmd)) {
        throw CliException.usage(name + " is not a flag of wren " + o.command
            + " (see wren " + o.command + " --help)");
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
      if (o.host != null || o.port != null) {
        throw CliException.usage("-L " + o.url + " and -h/-p both name the broker; use one");
      }
      BrokerUrl url = BrokerUrl.parse(o.url);
      o.host = url.host;
      o.port = url.port;
      o.tls = url.tls;
      o.wsPath = url.wsPath;
      if (!url.tls && o.tlsFlagGiven()) {
        throw CliException.usage("-L " + o.url + " is not TLS but TLS flags were given; use "
            + (url.wsPath != null ? "wss://" : "mqtts:// (or ssl://)") + " for TLS");
      }
      if (url.username != null) {
        if (o.username != null) {
          throw CliException.usage("-L " + o.url + " and -u both give a user name; use one");
        }
        o.username = url.username;
        if (url.password != null) o.password = url.password;
      }
      if (url.topic != null) {
        if (cmd == Cmd.PUB && !o.topics.isEmpty()) {
          throw CliException.usage("-L " + o.url + " has the topic " + url.topic
              + " and -t gives another; use one");
        }
        if (cmd != Cmd.DEMO) o.topics.add(url.topic);
      }
    }
    if (!o.wsHeaders.isEmpty() && o.wsPath == null) {
      throw CliException.usage("--ws-header needs a WebSocket broker: -L ws://HOST[:PORT][/PATH]"
          + " or wss://");
    }
    // As mosquitto_pub/sub: a TLS flag turns TLS on for -h/-p (and the default port to 8883).
    if (o.url == null && o.tlsFlagGiven()) o.tls = true;
    if (cmd == Cmd.DEMO && o.tlsFlagGiven() && !o.brokerGiven()) {
      throw CliException.usage("TLS flags need a broker (-h/-p or -L): demo's embedded broker"
          + " speaks plain TCP only");
    }
    if ((o.certFile == null) != (o.keyFile == null)) {
      throw CliException.usage("--cert and --key go together: the client certificate and its"
          + " private key");
    }
    if (o.password != null && o.username == null) {
      throw CliException.usage("-P needs -u: MQTT 3.1.1 sends a password only with a user name");
    }
    if (!o.cleanSession && o.queueDir == null && (o.clientId == null || o.clientId.isEmpty())) {
      throw CliException.usage("-c needs a client id: give one with -i");
    }
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
    }
    if (cmd == Cmd.SUB && o.topics.isEmpty()) {
      throw CliException.usage("sub needs at least one topic filter: -t FILTER");
    }
  }

  private static void payload(CliOptions o, String flag, CliOptions.PayloadKind kind)
      throws CliException {
    if (o.payloadKind != null) {
      throw CliException.usage(flag + ": only one of -m, -f, -l, -s and -n may be given");
    }
    o.payloadKind = kind;
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
      throw CliException.usage(flag + " " + value + ": not a number");
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
    throw CliException.usage(flag + " " + value + ": QoS must be 0, 1 or 2");
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
