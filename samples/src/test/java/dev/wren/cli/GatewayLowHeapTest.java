package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import dev.wren.mqtt.internal.queue.Queues;
import dev.wren.mqtt.testing.Mosquitto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Raspberry Pi-sized gateway: {@code wren gateway} in a child JVM with {@code -Xmx16m} queues
 * 100,000 readings while the broker is down, then drains them when it is back. Passes when the
 * child exits 0 without an {@link OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError} makes
 * one fatal even where a thread would have caught it), a subscriber received every reading
 * (duplicates, which QoS 1 allows, are counted and printed) and the queue directory holds no
 * message afterwards.
 *
 * <p>Why this setup is a real outage: mosquitto (with persistence) first gets a persistent
 * session from {@code mosquitto_sub -c -q 1}, then is stopped with SIGTERM (which saves that
 * session), so the port is closed while the gateway fills its queue; the test checks that the
 * gateway sent nothing meanwhile. The broker is then started again on the same port with the same
 * database: the subscriber's session, and so every reading published to it, survives even if the
 * gateway reconnects before {@code mosquitto_sub} does. {@code max_queued_messages 0} lifts
 * mosquitto's default of 1000 messages held for a subscriber, which would drop readings.
 *
 * <p>The gateway runs with {@code --sync batch}, the policy we advise on a Pi (see
 * docs/raspberry-pi.md): a power cut, the usual failure there, loses at most the last 10 ms, and
 * a backlog costs at most about 100 syncs a second however fast it arrives. The JVM flags are the
 * shipped systemd unit's ({@code -XX:+UseSerialGC}) with the heap halved to 16 MiB. The gateway's
 * reconnect backoff stops at 10 s ({@link QueueSetup#RECONNECT}), so no flag is needed to keep the
 * wait after the restart short. Prints the time to queue, the time to drain and the child's heap
 * from its GC log.
 */
@Timeout(180)
class GatewayLowHeapTest {
  private static final int READINGS = 100_000;
  private static final String SUBSCRIBER = "lowheap-observer";
  /** Serial GC: {@code [0.412s][info][gc] GC(3) Pause Young (Allocation Failure) 5M->1M(15M) 1.2ms} */
  private static final Pattern GC_LINE =
      Pattern.compile("GC\\(\\d+\\) Pause (\\w+) .*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir Path dir;

  @Test void drainsOneHundredThousandQueuedReadingsWithSixteenMegabytesOfHeap() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    try (Mosquitto broker = Mosquitto.builder().persistence(true)
        .keepEverythingQueued("the observer's session holds 100,000 readings; the subscriber-side"
            + " limit of 1000 would drop them, which is broker policy and not what is measured")
        .start()) {
      Path received = dir.resolve("observer.out");
      Process observer = startObserver(broker, received);
      try {
        broker.stop(); // SIGTERM: mosquitto saves the observer's session; the port is closed
        Path queue = dir.resolve("queue");
        Path gcLog = dir.resolve("gc.log");
        long start = System.nanoTime();
        try (WrenProcess gateway = WrenProcess.start(dir, "gateway",
            List.of("-Xmx16m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog),
            "gateway", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
            "--queue-dir", queue.toString(), "--sync", "batch", "-t", "lowheap",
            "--sensors", "100", "--rate", "1000", "-C", Integer.toString(READINGS))) {
          gateway.awaitOut("queued=" + READINGS + " ", 60_000);
          long queuedAt = System.nanoTime();
          assertTrue(gateway.out().contains("state=offline queued=" + READINGS + " sent=0 acked=0"),
              "the gateway sent something while the broker was down:\n" + gateway.out());
          long onDisk = segmentBytes(queue);

          broker.restart(); // same port, same database
          long restartedAt = System.nanoTime();
          gateway.awaitOut("state=connected", 30_000);
          long connectedAt = System.nanoTime();
          int exit = gateway.waitFor(120_000);
          long drainedAt = System.nanoTime();
          String err = gateway.err();
          // The JVM's "Terminating due to java.lang.OutOfMemoryError" goes to stdout.
          assertFalse((gateway.out() + err).contains("OutOfMemoryError"),
              gateway.out() + "\nstderr:\n" + err);
          assertEquals(0, exit, "gateway exit status; stdout:\n" + gateway.out() + "\nstderr:\n"
              + err);
          String[] status = gateway.out().split("\n");
          assertTrue(status[status.length - 1].startsWith("state=connected queued=0 "),
              gateway.out());

          Counts counts = awaitAll(received, 30_000);
          assertEquals(READINGS, counts.distinct, "distinct readings at the subscriber");
          assertEquals(0, counts.foreign, "lines that are not readings 1.." + READINGS);
          // Preallocated (BATCH): one segment of 4 MiB stays, its messages all acknowledged.
          assertEquals(1, segmentSizes(queue).size(), listing(queue));
          assertEquals(0, queuedIn(queue), "messages left in the queue: " + listing(queue));

          System.out.printf(Locale.ROOT, "gateway -Xmx16m: %d readings queued offline in %.1f s"
                  + " (%.1f MB of segments); reconnected %.1f s after the broker restart"
                  + " (backoff), then drained in %.1f s; 0 lost, %d duplicates (QoS 1 allows"
                  + " them); %s; queue dir after: %s%n",
              READINGS, seconds(queuedAt - start), onDisk / 1e6,
              seconds(connectedAt - restartedAt), seconds(drainedAt - connectedAt),
              counts.lines - counts.distinct,
              heapSummary(gcLog), listing(queue));
        }
      } finally {
        observer.destroy();
        if (!observer.waitFor(5, TimeUnit.SECONDS)) observer.destroyForcibly();
      }
    }
  }

  /**
   * {@code mosquitto_sub -c -i lowheap-observer -q 1} writing to a file (100,000 lines are too
   * many to hold the way {@code MosquittoClients.Sub} does), returned once subscribed.
   */
  private static Process startObserver(Mosquitto broker, Path out)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
        Integer.toString(broker.port()), "-c", "-i", SUBSCRIBER, "-q", "1", "-t", "lowheap/#")
        .redirectOutput(out.toFile())
        .redirectError(out.resolveSibling("observer.err").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!broker.log().contains("Sending SUBACK to " + SUBSCRIBER)) {
      if (System.nanoTime() - deadline > 0 || !p.isAlive()) {
        p.destroyForcibly();
        throw new AssertionError("mosquitto_sub did not subscribe; broker log:\n" + broker.log());
      }
      Thread.sleep(20);
    }
    return p;
  }

  /** What the subscriber printed: lines, distinct readings, and lines that are no reading. */
  private record Counts(int lines, int distinct, int foreign) {
  }

  /** Waits until every reading arrived at the subscriber (or the timeout), then counts. */
  private static Counts awaitAll(Path received, long timeoutMillis)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Counts counts = count(received);
      if (counts.distinct >= READINGS || System.nanoTime() - deadline > 0) return counts;
      Thread.sleep(200);
    }
  }

  private static Counts count(Path received) throws IOException {
    BitSet seen = new BitSet(READINGS + 1);
    int lines = 0;
    int foreign = 0;
    // Only whole lines: the subscriber may be writing the last one.
    String text = Files.readString(received, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
      lines++;
      long seq = Gateway.seqOf(line);
      if (seq < 1 || seq > READINGS) {
        foreign++;
      } else {
        seen.set((int) seq);
      }
    }
    return new Counts(lines, seen.cardinality(), foreign);
  }

  /** What the queue directory still holds, as a queue opened on it counts it. */
  private static int queuedIn(Path queue) throws IOException {
    try (OutboundQueue q = Queues.open(QueueOptions.files(queue.toFile()).sync(SyncPolicy.NEVER)
        .build(), new OutboundQueue.Listener() {
          @Override public void synced(long seq) {
            throw new IllegalStateException("NEVER syncs nothing");
          }

          @Override public void dropped(QueuedMessage message, String reason) {
            throw new IllegalStateException("nothing is appended: " + message);
          }

          @Override public void expired(QueuedMessage message) {
            throw new IllegalStateException("nothing is read: " + message);
          }
        })) {
      return q.size();
    }
  }

  private static List<Long> segmentSizes(Path queue) throws IOException {
    List<Long> sizes = new ArrayList<>();
    try (Stream<Path> files = Files.list(queue)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".seg")) sizes.add(Files.size(f));
      }
    }
    return sizes;
  }

  private static long segmentBytes(Path queue) throws IOException {
    return segmentSizes(queue).stream().mapToLong(Long::longValue).sum();
  }

  private static String listing(Path queue) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(queue)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        names.add(f.getFileName() + " (" + Files.size(f) + " B)");
      }
    }
    names.sort(null);
    return names.toString();
  }

  /** Collections, the most heap in use before one and the most still in use after one. */
  private static String heapSummary(Path gcLog) throws IOException {
    int young = 0;
    int full = 0;
    int maxBefore = 0;
    int maxAfter = 0;
    int committed = 0;
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher m = GC_LINE.matcher(line);
      if (!m.find()) continue;
      if (m.group(1).equals("Full")) full++; else young++;
      maxBefore = Math.max(maxBefore, Integer.parseInt(m.group(2)));
      maxAfter = Math.max(maxAfter, Integer.parseInt(m.group(3)));
      committed = Math.max(committed, Integer.parseInt(m.group(4)));
    }
    return String.format(Locale.ROOT, "heap (GC log, MiB): %d young and %d full collections,"
        + " at most %dM used before one and %dM still live after one, %dM committed",
        young, full, maxBefore, maxAfter, committed);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
