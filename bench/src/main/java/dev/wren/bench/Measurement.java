package dev.wren.bench;

import dev.wren.bench.driver.BenchClient;
import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
          ThreadMeter.Snapshot before = ThreadMeter.take();
          long start = System.nanoTime();
          int published = w.publishers() == 1
              ? publish(publisher, window, w, topic, start)
              : publishFromThreads(publisher, window, w, topic, start);
          window.awaitAllDone(publisher);
          if (window.failure() != null) {
            throw new IllegalStateException(driver.library() + " reported a failed publish in '"
                + w.id() + "'", window.failure());
          }
          tally.await(published, w.qos() == 0 ? IDLE_MILLIS_QOS0 : IDLE_MILLIS_QOS12);
          ThreadMeter.Use use = ThreadMeter.between(before, ThreadMeter.take());
          double seconds = (tally.lastNanos() - start) / 1e9;
          // Threads of several publishers die before the second snapshot: their use is lost.
          boolean metered = use != null && w.publishers() == 1;
          return new Sample(driver.library(), w, persistence, published, tally.received(),
              tally.duplicates(), seconds, tally.latencies(), metered ? use.cpuNanos() : -1,
              metered ? use.allocatedBytes() : -1, metered ? use.endedThreads() : 0);
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

  /**
   * {@code w.publishers()} threads publish through the one client until the count is reached or
   * the time is up, each taking the next sequence number; returns how many were handed over.
   */
  private static int publishFromThreads(BenchClient publisher, Window window, Workload w,
      String topic, long start) throws Exception {
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(w.maxMillis());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger published = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(w.publishers());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < w.publishers(); t++) {
        done.add(threads.submit(() -> {
          while (System.nanoTime() - deadline < 0) {
            int seq = next.getAndIncrement();
            if (seq >= w.count()) break;
            window.acquire(publisher);
            publisher.publish(topic, Tally.payload(w.payloadBytes(), seq, System.nanoTime()), w.qos(), window);
            published.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get(DONE_TIMEOUT_MILLIS + w.maxMillis(), TimeUnit.MILLISECONDS);
    } finally {
      threads.shutdownNow();
    }
    return published.get();
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }
}
