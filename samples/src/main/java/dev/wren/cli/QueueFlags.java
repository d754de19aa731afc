package dev.wren.cli;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SyncPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The file-queue flags of {@code pub} and {@code gateway} ({@code --queue-dir}, {@code --sync},
 * {@code --drain}, {@code --expiry}, {@code --rate}): their values, how they go with the other flags, and the client
 * id a queue directory gets by default. Stateless.
 */
final class QueueFlags {
  /** The largest --expiry: ten years, in seconds. */
  static final int MAX_EXPIRY_SECONDS = 10 * 366 * 86400;

  private QueueFlags() {
  }

  /** The message builder with the --expiry lifetime, if one was given. */
  static Message.Builder withExpiry(Message.Builder builder, CliOptions o) {
    return o.expirySeconds > 0 ? builder.expiresAfter(o.expirySeconds, TimeUnit.SECONDS) : builder;
  }

  /** A directory, created later if missing; a file of that name is an error now. */
  static Path dir(String flag, String value) throws CliException {
    if (value.isEmpty()) throw CliException.usage(flag + " needs a directory");
    Path path = Paths.get(value);
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw CliException.usage(flag + " " + value + ": not a directory (a file has that name);"
          + " give a directory of its own, which wren creates if missing");
    }
    return path;
  }

  static SyncPolicy sync(String flag, String value) throws CliException {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "always": return SyncPolicy.ALWAYS;
      case "batch": return SyncPolicy.BATCH;
      case "never": return SyncPolicy.NEVER;
      default:
        throw CliException.usage(flag + " " + value + ": use always, batch or never");
    }
  }

  /** Readings per second per sensor, 0.01 to 1000. */
  static double rate(String flag, String value) throws CliException {
    double hz;
    try {
      hz = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + " " + value + ": not a number");
    }
    if (!(hz >= 0.01 && hz <= 1000)) {
      throw CliException.usage(flag + " " + value + ": must be 0.01..1000 (readings a second)");
    }
    return hz;
  }

  /** Checks the queue flags against the rest; called by {@link Args} after parsing. */
  static void validate(Args.Cmd cmd, CliOptions o) throws CliException {
    if (o.queueDir == null) {
      if (o.sync != null) throw CliException.usage("--sync needs --queue-dir DIR");
      if (o.expirySeconds > 0 && o.protocolVersion != dev.wren.mqtt.ProtocolVersion.MQTT_5_0) {
        throw CliException.usage("--expiry needs --queue-dir DIR: it limits how long a message"
            + " waits in the queue (with -V mqttv5 it also limits how long the broker keeps it)");
      }
      if (o.drain) {
        throw CliException.usage("--drain needs --queue-dir DIR: it sends what that directory"
            + " holds");
      }
    }
    if (cmd == Args.Cmd.PUB && o.drain) {
      String dir = o.queueDir.toString();
      if (!o.topics.isEmpty()) {
        throw CliException.usage("--drain sends what " + dir + " holds, each message to its own"
            + " topic: -t " + o.topics.get(0) + " does not go with it");
      }
      if (o.payloadKind != null) {
        throw CliException.usage("--drain sends only what " + dir + " holds: -m, -f, -l, -s and"
            + " -n do not go with it");
      }
      if (o.expirySeconds > 0) {
        throw CliException.usage("--drain: the queued messages keep the deadlines they were"
            + " queued with; --expiry does not go with it");
      }
      if (o.qosGiven || o.retain) {
        throw CliException.usage("--drain: the queued messages keep their own QoS and retain"
            + " flag; -q and -r do not go with it");
      }
      if (!Files.isDirectory(o.queueDir)) {
        throw CliException.usage("--queue-dir " + dir + ": no such directory; --drain sends what"
            + " a queue directory already holds");
      }
    }
    if (cmd == Args.Cmd.PUB && o.queueDir != null && !o.drain) {
      if (o.qosGiven && o.qos == Qos.AT_MOST_ONCE) {
        throw CliException.usage("-q 0 does not go with --queue-dir: the queue keeps QoS 1 and 2"
            + " messages; use -q 1 (the default with --queue-dir) or -q 2");
      }
      if (!o.qosGiven) o.qos = Qos.AT_LEAST_ONCE;
    }
    if (cmd == Args.Cmd.GATEWAY) {
      if (o.queueDir == null) {
        throw CliException.usage("gateway needs --queue-dir DIR: its readings wait there while"
            + " the broker is away");
      }
      if (o.topics.size() > 1) {
        throw CliException.usage("gateway takes one topic prefix, not " + o.topics.size() + ": "
            + o.topics);
      }
      if (!o.topics.isEmpty()) {
        String prefix = o.topics.get(0);
        if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
          throw CliException.usage("-t " + prefix + ": a topic prefix cannot hold + or #");
        }
      }
    }
  }

  /**
   * The default client id of a client on {@code dir}: {@code wren-q-} and 12 hex digits of the
   * SHA-256 of its absolute path. The same directory gets the same id in every run, so a broker's
   * persistent session resumes with the queue it belongs to.
   */
  static String clientId(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    StringBuilder id = new StringBuilder("wren-q-");
    for (int i = 0; i < 6; i++) id.append(String.format(Locale.ROOT, "%02x", hash[i] & 0xff));
    return id.toString();
  }
}
