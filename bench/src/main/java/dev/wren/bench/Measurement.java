package dev.wren.bench;

import dev.wren.bench.driver.BenchClient;
import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One measurement: a subscriber and a publisher of the same library on a topic of their own,
 * clean sessions, the publisher within the harness's {@link Window}. Throughput is the distinct
 * messages received divided by the time from the first publish to the last receipt. Stateless.
 */
final class Measurement {
  /** How long a window slot or the end of a run may wait for the library. */
  private static final long DONE_TIMEOUT_MILLIS = 30_000;
  /** No message for this long ends the wait for the rest: QoS 0 may lose messages. */
  private static final long IDLE_MILLIS_QOS0 = 2_000;
  private static final long IDLE_MILLIS_QOS12 = 15_000;

  private Measurement() {}

  static Sample run(Driver driver, Workload w, Persistence persistence, String host, int port,
      Path scratch, int id) throws Exception {
    String topic = "wren-bench/" + id;
    String library = driver.library().toLowerCase(java.util.Locale.ROOT);
    Path dir = persistence == Persistence.MEMORY ? null : Files.createTempDirectory(scratch, library + "-" + id + "-");
    try {
      Tally tally = new Tally(w.count(), w.ratePerSecond() > 0);
      try (BenchClient subscriber = driver.connect(host, port, library + "-sub-" + id, Persistence.MEMORY, null)) {
        subscriber.subscribe(topic, w.qos(), tally);
        File pubDir = dir == null ? null : dir.toFile();
        try (BenchClient publisher = driver.connect(host, port, library + "-pub-" + id, persistence, pubDir)) {
          Window window = new Window(Driver.WINDOW, DONE_TIMEOUT_MILLIS);
          long start = System.nanoTime();
          int published = publish(publisher, window, w, topic, start);
          window.awaitAllDone(publisher);
          if (window.failure() != null) {
            throw new IllegalStateException(driver.library() + " reported a failed publish in '"
                + w.id() + "'", window.failure());
          }
          tally.await(published, w.qos() == 0 ? IDLE_MILLIS_QOS0 : IDLE_MILLIS_QOS12);
          double seconds = (tally.lastNanos() - start) / 1e9;
          return new Sample(driver.library(), w, persistence, published, tally.received(),
              tally.duplicates(), seconds, tally.latencies());
        }
      }
    } finally {
      if (dir != null) deleteTree(dir);
    }
  }

  /** Publishes until the count is reached or the time is up; returns how many were handed over. */
  private static int publish(BenchClient publisher, Window window, Workload w, String topic,
      long start) throws Exception {
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(w.maxMillis());
    long interval = w.ratePerSecond() > 0 ? 1_000_000_000L / w.ratePerSecond() : 0;
    int published = 0;
    while (published < w.count()) {
      long now = System.nanoTime();
      if (now - deadline >= 0) break;
      if (interval > 0) {
        long due = start + published * interval;
        if (due - now > 0) {
          publisher.flush();
          // Parking is coarse (tens of microseconds) but leaves both cores to the clients.
          while ((now = System.nanoTime()) - due < 0) LockSupport.parkNanos(due - now);
        }
      }
      window.acquire(publisher);
      publisher.publish(topic, Tally.payload(w.payloadBytes(), published, System.nanoTime()), w.qos(), window);
      published++;
    }
    return published;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }
}
