package dev.wren.bench.footprint;

import dev.wren.bench.Result;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

/**
 * Child JVM main: opens a queue {@link QueueFiles} filled, as a restarted process would, and
 * reports how long that took ({@code nanos}) and how many messages it found ({@code recovered}).
 * Wren: {@code Queues.open} of the file queue, which is what {@code MqttClient} runs on its first
 * connect or publish. Paho: {@code new MqttAsyncClient(uri, id, MqttDefaultFilePersistence)},
 * whose constructor restores every persisted message. Each is opened twice, a small warm-up
 * queue first, so that class loading is not counted. Arguments: library key, warm-up directory,
 * measured directory.
 */
public final class RecoveryChild {
  private RecoveryChild() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    // The first open pays for class loading and cold code; the measured one is the second.
    ChildJvm.report("warmup.nanos", open(library, Path.of(args[1]))[0]);
    long[] measured = open(library, Path.of(args[2]));
    ChildJvm.report("nanos", measured[0]);
    ChildJvm.report("recovered", measured[1]);
  }

  /** Opens the queue in {@code dir}: {nanoseconds taken, messages recovered}. */
  private static long[] open(String library, Path dir) throws Exception {
    switch (library) {
      case Result.WREN: {
        long start = System.nanoTime();
        try (OutboundQueue queue = QueueFiles.openWren(dir, SyncPolicy.BATCH)) {
          return new long[] {System.nanoTime() - start, queue.size()};
        }
      }
      case Result.PAHO: {
        long start = System.nanoTime();
        MqttAsyncClient client = new MqttAsyncClient(QueueFiles.PAHO_SERVER_URI,
            QueueFiles.PAHO_CLIENT_ID, new MqttDefaultFilePersistence(dir.toString()));
        long nanos = System.nanoTime() - start;
        int recovered = client.getPendingDeliveryTokens().length;
        client.close();
        return new long[] {nanos, recovered};
      }
      default: throw new IllegalArgumentException("no recovery measurement for " + library);
    }
  }
}
