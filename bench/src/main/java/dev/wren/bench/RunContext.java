package dev.wren.bench;

import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the sections of one run share: the options, the broker, a scratch directory for file
 * persistence, and the log of every sample taken. Used by the harness's one thread; not
 * thread-safe.
 */
public final class RunContext {
  private final BenchOptions options;
  private final String host;
  private final int port;
  private final Path scratch;
  private final PrintStream progress;
  private final List<Sample> samples = new ArrayList<>();
  private int nextId;

  RunContext(BenchOptions options, String host, int port, Path scratch, PrintStream progress) {
    this.options = options;
    this.host = host;
    this.port = port;
    this.scratch = scratch;
    this.progress = progress;
  }

  public boolean smoke() {
    return options.smoke();
  }

  public int reps() {
    return options.reps();
  }

  /** {@code tcp://127.0.0.1:PORT} of the run's Mosquitto. */
  public String brokerUri() {
    return "tcp://" + host + ":" + port;
  }

  /** Whether {@code --only} lets this "section: workload" (or a section's name) run. */
  public boolean selects(String id) {
    return options.selects(id);
  }

  /** The full count, or the smoke count under {@code --smoke}. */
  int count(int full, int smoke) {
    return options.smoke() ? smoke : full;
  }

  /** Every sample taken so far (warm-up excluded), in order. */
  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Measures once, fails the run when QoS 1/2 was broken, logs and keeps the sample. */
  Sample measure(Driver driver, Workload w, Persistence persistence, String label) throws Exception {
    Sample s = Measurement.run(driver, w, persistence, host, port, scratch, nextId++);
    s.requireQosKept();
    samples.add(s);
    progress.printf(Locale.ROOT, "  %-40s %-7s %-11s %,10.0f msg/s  %,d/%,d received%s%n",
        w.id(), driver.library(), persistence, s.throughput(), s.received(), s.published(), label);
    return s;
  }

  /** Measures the disk row once (see {@link DiskProbe}) in the scratch directory, and logs it. */
  double probeDisk(int count) throws java.io.IOException {
    double perSecond = DiskProbe.overwritesPerSecond(scratch, count, 4_000);
    progress.printf(Locale.ROOT, "  %-40s %-7s %-11s %,10.0f writes/s%n", "durable: disk", "-", "fdatasync", perSecond);
    return perSecond;
  }

  /**
   * Measures the disk row (see {@link DiskProbe}) while {@code driver}'s in-memory clients stream
   * QoS 1 messages of 64 B through the broker at {@code ratePerSecond}: the disk with the traffic
   * of a durable run beside it, but none of that run's disk writes. Logs it.
   */
  double probeDiskBesideStream(Driver driver, int count, int ratePerSecond) throws Exception {
    int rate = Math.max(100, ratePerSecond);
    // Long enough to outlast the connect (under 300 ms here) plus the probe's 1 s at most.
    Workload stream = new Workload(DurableSection.SECTION, "stream beside the disk", 1, 64,
        rate * 2, 4_000, rate);
    int id = nextId++;
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<Sample> running = background.submit(
          () -> Measurement.run(driver, stream, Persistence.MEMORY, host, port, scratch, id));
      Thread.sleep(400);
      if (running.isDone()) running.get().requireQosKept();
      double perSecond = DiskProbe.overwritesPerSecond(scratch, count, 1_000);
      boolean overlapped = !running.isDone();
      Sample s = running.get();
      s.requireQosKept();
      if (!overlapped) {
        throw new IllegalStateException("the stream beside the disk probe ended before the probe did;"
            + " its rate was " + rate + " msg/s");
      }
      progress.printf(Locale.ROOT, "  %-40s %-7s %-11s %,10.0f writes/s beside %,d msg/s%n",
          "durable: disk beside a stream", driver.library(), "fdatasync", perSecond, rate);
      return perSecond;
    } finally {
      background.shutdownNow();
    }
  }

  /** Runs once without keeping the sample, to let the JIT compile each library's paths. */
  void warmUp(Driver driver, Workload w, Persistence persistence) throws Exception {
    Sample s = Measurement.run(driver, w, persistence, host, port, scratch, nextId++);
    s.requireQosKept();
    progress.printf(Locale.ROOT, "  warm-up %-32s %-7s %-11s %,10.0f msg/s%n", w.id(), driver.library(),
        persistence, s.throughput());
  }

  PrintStream progress() {
    return progress;
  }
}
