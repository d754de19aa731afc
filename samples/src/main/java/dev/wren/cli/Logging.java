package dev.wren.cli;

import java.util.Locale;
import org.tinylog.configuration.Configuration;

/**
 * The SDK's own log lines (tinylog, {@code tinylog.properties}: warnings and errors on stderr).
 * {@code pub} and {@code sub} print one line of their own per failed connection attempt or lost
 * connection, so for them the class that logs those ({@code ConnectionLoop}) is silenced; other
 * warnings (such as {@code --insecure}'s) stay. The commands that ride out outages
 * ({@code gateway}, {@code demo}, {@code pub --queue-dir}) keep every warning: they tell of each
 * lost connection. {@code --log-level LEVEL} shows all of the SDK's logs from that level on, on
 * stderr, with the level named.
 */
final class Logging {
  /** Logs each failed attempt and lost connection, which pub and sub report themselves. */
  private static final String CONNECTION_LOOP = "dev.wren.mqtt.internal.client.ConnectionLoop";
  static final String[] LEVELS = {"trace", "debug", "info", "warn", "error", "off"};

  private Logging() {
  }

  /** The --log-level value, checked. */
  static String level(String flag, String value) throws CliException {
    String v = value.toLowerCase(Locale.ROOT);
    for (String level : LEVELS) {
      if (level.equals(v)) return v;
    }
    throw CliException.usage(flag + " " + value + ": use trace, debug, info, warn, error or off");
  }

  /**
   * Sets the writer's level before anything logs. A JVM that has logged already (tests that run
   * several commands in one process) keeps its configuration.
   */
  static void configure(CliOptions o) {
    if (Configuration.isFrozen()) return;
    if (o.logLevel != null) {
      Configuration.set("writer.level", o.logLevel);
      Configuration.set("writer.format", "wren: {level}: {message}");
    } else if (ownErrorLines(o)) {
      Configuration.set("level@" + CONNECTION_LOOP, "off");
    }
  }

  /** Whether the command reports every failure itself, so an SDK line would repeat it. */
  private static boolean ownErrorLines(CliOptions o) {
    return (o.command.equals("pub") || o.command.equals("sub")) && o.queueDir == null;
  }
}
