package dev.wren.cli;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueLockedException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.SyncPolicy;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Options and errors of a client on a file queue ({@code pub --queue-dir}, {@code gateway}): a
 * stable client id and a persistent session per directory, the queue, reconnecting, and error
 * lines that say what stays in the directory.
 */
final class QueueSetup {
  /**
   * 1 s doubling to 10 s (with the SDK's jitter): shorter than the SDK's 120 s limit, because
   * someone is usually waiting on the command line for a broker that comes back.
   */
  static final ReconnectOptions RECONNECT = ReconnectOptions.builder()
      .initialDelay(1, TimeUnit.SECONDS)
      .maxDelay(10, TimeUnit.SECONDS)
      .build();

  private QueueSetup() {
  }

  /**
   * The options of {@link ClientSetup#options} with the file queue in {@code o.queueDir}, the
   * client id from -i or {@link QueueFlags#clientId}, a persistent session, and
   * {@code reconnect}.
   *
   * @throws CliException (exit 2) when the SDK rejects a value
   */
  static MqttOptions options(CliOptions o, ClientListener listener, ReconnectOptions reconnect)
      throws CliException {
    MqttOptions base = ClientSetup.options(o, "wren");
    try {
      return base.toBuilder()
          .clientId(o.clientId != null ? o.clientId : QueueFlags.clientId(o.queueDir))
          .cleanSession(false)
          .queue(QueueOptions.files(o.queueDir.toFile())
              .sync(o.sync != null ? o.sync : SyncPolicy.BATCH)
              .build())
          .reconnect(reconnect)
          .listener(listener)
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.usage(Errors.oneLine(e.getMessage()));
    }
  }

  /**
   * A failure while the queue holds {@code left} messages: the SDK's reason, the exit status it
   * maps to (queue problems exit {@link ExitCodes#QUEUE}), and what stays in the directory.
   */
  static CliException failure(MqttException e, String doing, Path dir, int left) {
    if (e instanceof QueueLockedException || e instanceof QueueStorageException
        || e instanceof QueueFullException) {
      return new CliException(ExitCodes.QUEUE, Errors.oneLine(e.getMessage()) + left(dir, left));
    }
    CliException mapped = Errors.fromMqtt(e, doing);
    String message = mapped.getMessage() != null ? mapped.getMessage()
        : Errors.oneLine(e.getMessage());
    return new CliException(mapped.exitCode(), message + left(dir, left));
  }

  /** The queue in {@code dir} could not be opened: locked, unreadable, not a directory. */
  static CliException openFailure(MqttException e) {
    return new CliException(ExitCodes.QUEUE, Errors.oneLine(e.getMessage()));
  }

  /** "; N messages stay in DIR: ..." or nothing when none does. */
  static String left(Path dir, int left) {
    if (left <= 0) return "";
    return "; " + left + (left == 1 ? " message stays in " : " messages stay in ") + dir
        + ": wren pub --queue-dir " + dir + " --drain sends them";
  }
}
