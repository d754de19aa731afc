package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.testing.HeapHistogram;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap a client retains does not grow with the number of messages waiting in its file queue:
 * a gateway queues millions through a long outage on a small heap. Measured with class
 * histograms of the live heap (a full collection each), not with timings.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClientQueuedHeapTest {
  private static final int MANY = 100_000;
  private static final int FEW = 10;
  /** The target: heap(100,000 queued) - heap(10 queued). */
  private static final long LIMIT_BYTES = 64 * 1024;

  @TempDir Path dir;

  @Test void retainedHeapIsTheSameWith100000QueuedMessagesAsWith10() throws Exception {
    String unreachable = "tcp://127.0.0.1:" + closedPort();
    // Class loading and static state are paid by a first client, closed again.
    offlineClient(dir.resolve("warm-up"), unreachable, FEW).close();

    HeapHistogram beforeFew = HeapHistogram.settled();
    MqttClient few = offlineClient(dir.resolve("few"), unreachable, FEW);
    HeapHistogram withFew = HeapHistogram.settled();
    assertEquals(FEW, few.statistics().queued());
    Reference.reachabilityFence(few);
    few.close();

    HeapHistogram beforeMany = HeapHistogram.settled();
    MqttClient many = offlineClient(dir.resolve("many"), unreachable, MANY);
    HeapHistogram withMany = HeapHistogram.settled();
    assertEquals(MANY, many.statistics().queued());
    Reference.reachabilityFence(many);
    many.close();

    // Each difference spans the taking of one more histogram, whose maps are then live: they cancel.
    long fewBytes = withFew.totalBytes() - beforeFew.totalBytes();
    long manyBytes = withMany.totalBytes() - beforeMany.totalBytes();
    String growth = HeapHistogram.topGrowth(beforeMany, withMany, beforeFew, withFew, 8);
    System.out.printf("retained heap: %,d bytes with %,d queued, %,d with %d: %+,d; most changed:%s%n",
        manyBytes, MANY, fewBytes, FEW, manyBytes - fewBytes, growth);
    assertTrue(manyBytes - fewBytes <= LIMIT_BYTES, String.format("a client with %,d queued"
        + " messages retains %,d bytes, one with %d retains %,d: %,d more than the %,d allowed;"
        + " the classes that grew most:%s", MANY, manyBytes, FEW, fewBytes, manyBytes - fewBytes,
        LIMIT_BYTES, growth));
  }

  /**
   * A client whose broker is unreachable (it keeps retrying), having published {@code n} QoS 1
   * messages into a file queue and dropped each delivery, as a fire-and-forget gateway does.
   */
  private static MqttClient offlineClient(Path queueDir, String unreachable, int n)
      throws Exception {
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(unreachable)
        .clientId("queued-heap").queue(QueueOptions.files(queueDir.toFile())
            .sync(SyncPolicy.BATCH).build()).build());
    client.connectAsync();
    byte[] payload = new byte[64];
    for (int i = 0; i < n; i++) client.publish("gateway/reading", payload, Qos.AT_LEAST_ONCE, false);
    return client;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
