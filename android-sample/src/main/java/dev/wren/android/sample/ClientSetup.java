package dev.wren.android.sample;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.OverflowPolicy;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;

/**
 * The client options the sample runs with, from its settings and the app's files directory, and
 * why each differs from the SDK's default. No Android types: the service passes
 * {@code getFilesDir()}. Stateless.
 */
public final class ClientSetup {
  /** Where the queue lives under the files directory. */
  public static final String QUEUE_DIRECTORY = "wren-queue";
  /** About a week of readings at the default interval (~120 bytes each on disk). */
  static final long QUEUE_MAX_BYTES = 16L * 1024 * 1024;
  /**
   * A minute: mobile carriers' NAT tables forget an idle TCP connection after a few minutes, so
   * the keep-alive must be shorter than that; each PINGREQ wakes the radio, so not much shorter.
   */
  static final int KEEP_ALIVE_SECONDS = 60;

  private ClientSetup() {
  }

  /**
   * The queue: in {@code filesDir} (private to the app, kept until uninstall; not the cache
   * directory, which Android may clear when storage runs low, nor external storage, which may be
   * unmounted or readable by other apps), synced in batches, dropping the oldest reading when a
   * long outage fills it.
   */
  public static QueueOptions queue(File filesDir) {
    return QueueOptions.files(new File(filesDir, QUEUE_DIRECTORY))
        // BATCH: every policy keeps a reading when Android kills the process, which it does
        // routinely; BATCH also syncs within 10 ms, so only a phone losing power mid-window (rare
        // with a battery) loses anything, and publish never waits for the flash as with ALWAYS.
        .sync(SyncPolicy.BATCH)
        .maxBytes(QUEUE_MAX_BYTES)
        // The newest readings matter most; each drop is reported to the listener.
        .overflow(OverflowPolicy.DROP_OLDEST)
        .build();
  }

  public static MqttOptions options(File filesDir, SampleSettings settings, ClientListener listener) {
    return MqttOptions.builder()
        .serverUri(settings.brokerUri())
        .clientId(settings.clientId())
        .keepAliveSeconds(KEEP_ALIVE_SECONDS)
        .queue(queue(filesDir))
        .listener(listener)
        .build();
  }
}
