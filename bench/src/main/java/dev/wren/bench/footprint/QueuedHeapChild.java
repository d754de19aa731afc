package dev.wren.bench.footprint;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SyncPolicy;
import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Child JVM main: a Wren client with a file queue whose broker is unreachable (a closed loopback
 * port; {@code connectAsync} keeps retrying with backoff) publishes {@code n} QoS 1 messages of
 * 64 bytes, dropping each {@code Delivery} as a fire-and-forget gateway would; then reports the
 * heap the client retains ({@code heap}: used after GC minus used before the client existed, each
 * the least of {@value #READINGS} readings {@value #GAP_MILLIS} ms apart, so that a connection
 * attempt caught in progress does not count) and what its queue holds ({@code queued}). A first client with 10 messages, closed before the
 * measurement starts, keeps class loading and static state out of the number. Arguments: queue
 * directory, n, unreachable broker URI.
 */
public final class QueuedHeapChild {
  static final int READINGS = 5;
  static final long GAP_MILLIS = 150;

  private QueuedHeapChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    String unreachable = args[2];
    // A first client, closed again, pays for class loading and static state (logging included).
    Path warmupDir = dir.resolveSibling(dir.getFileName() + "-warmup");
    offlineClient(warmupDir, unreachable, 10).close();
    long base = HeapMeter.leastUsedHeapAfterGc(READINGS, GAP_MILLIS);
    MqttClient client = offlineClient(dir, unreachable, n);
    long heap = HeapMeter.leastUsedHeapAfterGc(READINGS, GAP_MILLIS) - base;
    ChildJvm.report("heap", heap);
    ChildJvm.report("queued", client.statistics().queued());
    ChildJvm.report("state", client.statistics().state());
    Reference.reachabilityFence(client);
    client.close();
  }

  private static MqttClient offlineClient(Path dir, String unreachable, int n) throws Exception {
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(unreachable)
        .clientId("foot-queued-" + ProcessHandle.current().pid())
        .queue(QueueFiles.wrenOptions(dir, SyncPolicy.BATCH)).build());
    client.connectAsync();
    byte[] payload = new byte[QueueFiles.PAYLOAD_BYTES];
    for (int i = 0; i < n; i++) client.publish(QueueFiles.TOPIC, payload, Qos.AT_LEAST_ONCE, false);
    return client;
  }
}
