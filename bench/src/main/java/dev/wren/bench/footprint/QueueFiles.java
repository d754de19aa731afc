package dev.wren.bench.footprint;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import dev.wren.mqtt.internal.queue.Queues;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;

/**
 * Fills and opens the on-disk queues the recovery rows measure: Wren's file queue and Paho's
 * {@code MqttDefaultFilePersistence}, each written by the library's own code, as its client would
 * have left it with every message unacknowledged. Stateless.
 */
final class QueueFiles {
  static final String TOPIC = "wren/bench/queue";
  static final int PAYLOAD_BYTES = 64;
  /** Paho keys a sent message by its packet identifier ("s-ID"): it cannot hold more than this. */
  static final int PAHO_MAX_MESSAGES = 65_535;
  static final String PAHO_CLIENT_ID = "foot-paho-recovery";
  /** Paho names its directory after the server URI; this one is never connected to. */
  static final String PAHO_SERVER_URI = "tcp://127.0.0.1:1";

  private QueueFiles() {}

  /** The options of the measured file queue: the default BATCH policy, room for 1 GiB. */
  static QueueOptions wrenOptions(Path dir, SyncPolicy sync) {
    return QueueOptions.files(dir.toFile()).sync(sync).maxBytes(1L << 30).build();
  }

  static OutboundQueue openWren(Path dir, SyncPolicy sync) throws IOException {
    return Queues.open(wrenOptions(dir, sync), new OutboundQueue.Listener() {
      @Override public void synced(long seq) {
        // Nothing waits for a sync here.
      }

      @Override public void dropped(QueuedMessage message, String reason) {
        throw new IllegalStateException("the bench queue dropped " + message + ": " + reason);
      }

      @Override public void expired(QueuedMessage message) {
        throw new IllegalStateException("the bench queue has no deadlines: " + message);
      }
    });
  }

  /** Appends {@code n} QoS 1 messages of 64 bytes and closes the queue (synced once, at close). */
  static void fillWren(Path dir, int n) throws IOException {
    byte[] payload = new byte[PAYLOAD_BYTES];
    try (OutboundQueue queue = openWren(dir, SyncPolicy.BATCH)) {
      for (int i = 0; i < n; i++) queue.append(TOPIC, payload, 1, false);
      if (queue.size() != n) throw new IllegalStateException("queued " + queue.size() + " of " + n);
    }
  }

  /**
   * Writes {@code n} sent-but-unacknowledged QoS 1 PUBLISH packets through Paho's file
   * persistence, under the keys its client uses ("s-" + packet identifier).
   */
  static void fillPaho(Path dir, int n) throws Exception {
    if (n > PAHO_MAX_MESSAGES) {
      throw new IllegalArgumentException("Paho holds at most 65535 messages: " + n);
    }
    MqttDefaultFilePersistence persistence = new MqttDefaultFilePersistence(dir.toString());
    persistence.open(PAHO_CLIENT_ID, PAHO_SERVER_URI);
    try {
      for (int id = 1; id <= n; id++) {
        MqttMessage message = new MqttMessage(new byte[PAYLOAD_BYTES]);
        message.setQos(1);
        MqttPublish publish = new MqttPublish(TOPIC, message);
        publish.setMessageId(id);
        persistence.put("s-" + id, publish);
      }
    } finally {
      persistence.close();
    }
  }
}
