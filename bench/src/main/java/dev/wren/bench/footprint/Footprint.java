package dev.wren.bench.footprint;

import static dev.wren.bench.Result.HIVEMQ;
import static dev.wren.bench.Result.PAHO;
import static dev.wren.bench.Result.WREN;

import dev.wren.bench.Result;
import dev.wren.bench.broker.MosquittoBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The footprint rows of the report: threads and heap per idle connected client, runtime jar
 * bytes, cold start, queue recovery and heap with a long queue. Every measurement of a running
 * client happens in a child JVM of its own (see docs/benchmarks-footprint.md), so that libraries
 * and earlier workloads do not pollute each other. Not thread-safe; run one at a time.
 */
public final class Footprint {
  static final String SECTION = "Footprint";
  /** Long enough that no PINGREQ is due while the idle clients are measured. */
  static final int IDLE_KEEP_ALIVE_SECONDS = 600;
  static final List<String> LIBRARIES = List.of(WREN, PAHO, HIVEMQ);

  private final boolean smoke;
  private final String brokerUri;
  private final Path workDir;

  private Footprint(boolean smoke, String brokerUri, Path workDir) {
    this.smoke = smoke;
    this.brokerUri = brokerUri;
    this.workDir = workDir;
  }

  /**
   * Measures every footprint row against the broker at {@code brokerUri} (a {@code tcp://} URI).
   * With {@code smoke}, tiny counts and one repetition, to prove the workloads run (in about
   * 15 s); the numbers are then meaningless.
   */
  public static List<Result> run(boolean smoke, String brokerUri) throws Exception {
    Path workDir = Files.createTempDirectory("wren-bench-footprint");
    try {
      return new Footprint(smoke, brokerUri, workDir).rows();
    } finally {
      deleteTree(workDir);
    }
  }

  /**
   * The footprint rows alone, against a Mosquitto of their own:
   * {@code java -cp bench/target/wren-bench.jar dev.wren.bench.footprint.Footprint [--smoke]}.
   * The full report is the harness's ({@code dev.wren.bench.Bench}).
   */
  public static void main(String[] args) throws Exception {
    boolean smoke = args.length > 0 && args[0].equals("--smoke");
    long start = System.nanoTime();
    List<Result> rows;
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      rows = run(smoke, broker.uri());
    }
    for (Result r : rows) {
      StringBuilder values = new StringBuilder();
      r.byLibrary().forEach((library, value) ->
          values.append(String.format(" %s=%.1f", library, value)));
      System.out.println(r.workload() + " [" + r.unit() + "]:" + values + "  (" + r.note() + ")");
    }
    System.out.printf("footprint rows took %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private List<Result> rows() throws Exception {
    List<Result> rows = new ArrayList<>();
    long start = System.nanoTime();
    rows.addAll(idleClients(smoke ? 5 : 200, smoke ? 1 : 3));
    start = logDone("idle clients", start);
    rows.addAll(idleVirtualClients(smoke ? 5 : 200, smoke ? 1 : 3));
    start = logDone("idle clients on virtual threads", start);
    rows.add(runtimeJars());
    rows.add(coldStart(smoke ? 1 : 5));
    start = logDone("runtime jars and cold start", start);
    rows.addAll(queueRecovery(smoke ? 1_000 : 100_000, smoke ? 100 : 20_000, smoke ? 1 : 3));
    start = logDone("queue recovery", start);
    rows.addAll(queuedHeap(smoke ? 1_000 : 100_000, smoke ? 1 : 5));
    logDone("heap with queued messages", start);
    return rows;
  }

  /** Says how long a part took, so that the run's time budget can be kept; returns now. */
  private static long logDone(String part, long startNanos) {
    long now = System.nanoTime();
    Logger.info("footprint: {} took {} s", part,
        String.format("%.1f", (now - startNanos) / 1e9));
    return now;
  }

  private List<Result> idleClients(int n, int repetitions) throws Exception {
    Map<String, List<Double>> heap = samples();
    Map<String, List<Double>> threads = samples();
    Map<String, List<Double>> extraThreads = samples();
    for (int r = 0; r < repetitions; r++) {
      for (String library : LIBRARIES) {
        ChildJvm.Report report = new ChildJvm(System.getProperty("java.class.path"),
            ChildJvm.HEAP_FLAGS, IdleClientsChild.class, library, Integer.toString(n), brokerUri,
            Integer.toString(IDLE_KEEP_ALIVE_SECONDS), smoke ? "200" : "500").run();
        if (report.longValue("clients") != n + 1) {
          throw new IllegalStateException(library + " connected too few clients: " + report);
        }
        heap.get(library).add((report.longValue("all.heap") - report.longValue("one.heap"))
            / (double) n / 1024);
        threads.get(library).add((report.longValue("all.threads") - report.longValue("one.threads"))
            / (double) n);
        extraThreads.get(library).add(
            (double) report.longValue("all.threads") - report.longValue("base.threads"));
      }
    }
    String how = n + " clients connected to Mosquitto on loopback, keep-alive "
        + IDLE_KEEP_ALIVE_SECONDS + " s, one child JVM per library (-XX:+UseSerialGC), median of "
        + repetitions;
    return List.of(
        new Result(SECTION, "threads per idle connected client", "threads", false,
            medians(threads), "marginal: (threads with " + (n + 1) + " clients - with 1) / " + n
            + "; " + how),
        new Result(SECTION, "extra threads with " + n + " idle clients", "threads", false,
            medians(extraThreads), "all threads the library added, shared pools included; " + how),
        new Result(SECTION, "heap per idle connected client", "KB", false, medians(heap),
            "retained heap after GC, (with " + (n + 1) + " clients - with 1) / " + n
            + ", so one-time static state is left out; " + how));
  }

  /**
   * The idle rows again on a JDK 21+ (found at run time): Wren with a virtual-thread factory, and
   * HiveMQ on the same JDK for the heap comparison. Rows without values say why when no such JDK
   * is installed.
   */
  private List<Result> idleVirtualClients(int n, int repetitions) throws Exception {
    Jdks.Jdk jdk = Jdks.withVirtualThreads(Jdks.DEFAULT_ROOT);
    String heapRow = "virtual threads: heap per idle connected client";
    String carrierRow = "virtual threads: carrier threads with " + n + " idle Wren clients";
    if (jdk == null) {
      String none = "not run: no JDK 21+ found in " + Jdks.DEFAULT_ROOT + " (or -Dwren.bench.jdk21=JAVA_HOME)";
      return List.of(new Result(SECTION, heapRow, "KB", false, Map.of(), none),
          new Result(SECTION, carrierRow, "threads", false, Map.of(), none));
    }
    Map<String, List<Double>> heap = samples();
    List<Double> carriers = new ArrayList<>();
    List<Double> platform = new ArrayList<>();
    for (int r = 0; r < repetitions; r++) {
      for (String library : List.of(IdleClientsChild.WREN_VIRTUAL, HIVEMQ)) {
        ChildJvm.Report report = new ChildJvm(System.getProperty("java.class.path"),
            ChildJvm.HEAP_FLAGS, IdleClientsChild.class, library, Integer.toString(n), brokerUri,
            Integer.toString(IDLE_KEEP_ALIVE_SECONDS), smoke ? "200" : "500").java(jdk.java()).run();
        if (report.longValue("clients") != n + 1) {
          throw new IllegalStateException(library + " on JDK " + jdk.version() + " connected too few clients: " + report);
        }
        boolean wren = library.equals(IdleClientsChild.WREN_VIRTUAL);
        heap.get(wren ? WREN : HIVEMQ).add((report.longValue("all.heap") - report.longValue("one.heap"))
            / (double) n / 1024);
        if (wren) {
          carriers.add((double) report.longValue("all.carriers"));
          platform.add((double) report.longValue("all.threads") - report.longValue("base.threads"));
        }
      }
    }
    Map<String, Double> heapMedians = medians(heap);
    Double wrenHeap = heapMedians.get(WREN);
    Double hiveHeap = heapMedians.get(HIVEMQ);
    String target = wrenHeap == null || hiveHeap == null ? "" : String.format(
        "Wren %.1f KB vs HiveMQ %.1f KB (target Wren ≤ HiveMQ: %s); ", wrenHeap, hiveHeap,
        wrenHeap <= hiveHeap ? "met" : String.format("missed by %.1f KB", wrenHeap - hiveHeap));
    String how = n + " clients on JDK " + jdk.version() + " (" + jdk.java() + "), Wren's I/O threads from"
        + " Thread.ofVirtual().factory(), HiveMQ as it comes; otherwise as the idle rows above; median of "
        + repetitions;
    return List.of(
        new Result(SECTION, heapRow, "KB", false, heapMedians, target
            + "retained heap after GC, (with " + (n + 1) + " clients - with 1) / " + n
            + " (a virtual thread's stack lives on the heap, so it is counted); " + how),
        new Result(SECTION, carrierRow, "threads", false, Map.of(WREN, Stats.median(carriers)),
            "ForkJoinPool-*-worker / CarrierThread platform threads alive with " + (n + 1)
                + " clients; all platform threads Wren added: " + String.format("%.0f", Stats.median(platform))
                + "; " + how));
  }

  private Result runtimeJars() throws IOException {
    Map<String, Double> kb = new LinkedHashMap<>();
    StringBuilder note = new StringBuilder();
    for (String library : LIBRARIES) {
      List<Path> jars = Libraries.runtimeJars(library);
      kb.put(library, Libraries.totalBytes(jars) / 1024.0);
      note.append(note.length() == 0 ? "" : "; ").append(library).append(": ").append(jars.size())
          .append(jars.size() == 1 ? " jar" : " jars");
    }
    Path sdk = Libraries.sdkJar();
    note.append("; Wren = ").append(sdk.getFileName()).append(' ')
        .append(String.format("%.1f", Files.size(sdk) / 1024.0))
        .append(" KB + tinylog-api; HiveMQ = its runtime closure (netty, rxjava, reactive-streams,"
            + " jctools, dagger, javax.inject, annotations); KB = 1024 bytes");
    return new Result(SECTION, "runtime jars", "KB", false, kb, note.toString());
  }

  private Result coldStart(int repetitions) throws IOException, InterruptedException {
    Map<String, Double> ms = ColdStart.medianMillis(LIBRARIES, brokerUri, repetitions, workDir);
    return new Result(SECTION, "cold start: JVM start to first QoS 1 acknowledged", "ms", false, ms,
        "whole process, from ProcessBuilder.start() to the line the child prints on PUBACK;"
            + " class path: the library's runtime jars alone; median of " + repetitions);
  }

  private List<Result> queueRecovery(int n, int pahoN, int repetitions) throws Exception {
    Path wrenWarmup = workDir.resolve("recovery-wren-warmup");
    QueueFiles.fillWren(wrenWarmup, 10);
    Path pahoWarmup = workDir.resolve("recovery-paho-warmup");
    QueueFiles.fillPaho(pahoWarmup, 10);
    Path wrenDir = workDir.resolve("recovery-wren-" + n);
    QueueFiles.fillWren(wrenDir, n);
    Path wrenSmallDir = workDir.resolve("recovery-wren-" + pahoN);
    QueueFiles.fillWren(wrenSmallDir, pahoN);
    Path pahoDir = workDir.resolve("recovery-paho-" + pahoN);
    long pahoFillStart = System.nanoTime();
    QueueFiles.fillPaho(pahoDir, pahoN);
    double pahoFillSeconds = (System.nanoTime() - pahoFillStart) / 1e9;
    Map<String, List<Double>> large = samples();
    Map<String, List<Double>> small = samples();
    for (int r = 0; r < repetitions; r++) {
      large.get(WREN).add(recoveryMillis(WREN, wrenWarmup, wrenDir, n));
      small.get(WREN).add(recoveryMillis(WREN, wrenWarmup, wrenSmallDir, pahoN));
      small.get(PAHO).add(recoveryMillis(PAHO, pahoWarmup, pahoDir, pahoN));
    }
    String how = "unacknowledged QoS 1 messages of 64 bytes, opened by a fresh child JVM after a"
        + " warm-up open of a 10-message queue (class loading not counted); median of "
        + repetitions;
    return List.of(
        new Result(SECTION, String.format("queue recovery, %,d records", n), "ms", false,
            medians(large), "Wren: Queues.open of the file queue (what MqttClient runs on first"
            + " use);"
            + " Paho cannot hold more than 65,535 (one file per packet identifier), HiveMQ has no"
            + " persistence; " + how),
        new Result(SECTION, String.format("queue recovery, %,d records", pahoN), "ms", false,
            medians(small), "Paho: new MqttAsyncClient over MqttDefaultFilePersistence (one file"
            + " per message, each synced: writing " + pahoN + " took "
            + String.format("%.1f", pahoFillSeconds) + " s, which is why this row is smaller); "
            + how));
  }

  private double recoveryMillis(String library, Path warmup, Path dir, int expected)
      throws Exception {
    ChildJvm.Report report = new ChildJvm(System.getProperty("java.class.path"), List.of(),
        RecoveryChild.class, library, warmup.toString(), dir.toString()).run();
    if (report.longValue("recovered") != expected) {
      throw new IllegalStateException(library + " recovered " + report.values().get("recovered")
          + " of " + expected + " messages from " + dir);
    }
    return report.longValue("nanos") / 1e6;
  }

  private List<Result> queuedHeap(int n, int repetitions) throws Exception {
    int few = 10;
    Map<String, List<Double>> fewHeap = samples();
    Map<String, List<Double>> manyHeap = samples();
    String unreachable = unreachableUri();
    for (int r = 0; r < repetitions; r++) {
      fewHeap.get(WREN).add(queuedHeapKb(few, unreachable, r));
      manyHeap.get(WREN).add(queuedHeapKb(n, unreachable, r));
    }
    Map<String, Double> fewMedian = medians(fewHeap);
    Map<String, Double> manyMedian = medians(manyHeap);
    double growth = manyMedian.get(WREN) - fewMedian.get(WREN);
    String how = "retained heap of the client after full GCs (the least of " + QueuedHeapChild.READINGS
        + " readings " + QueuedHeapChild.GAP_MILLIS + " ms apart), broker unreachable (messages stay queued),"
        + " file queue, QoS 1, 64-byte payloads; child JVM each; median of " + repetitions
        + "; Paho and HiveMQ queue in memory only and are not measured here";
    return List.of(
        new Result(SECTION, "client heap with " + few + " queued messages", "KB", false, fewMedian,
            how),
        new Result(SECTION, String.format("client heap with %,d queued messages", n), "KB", false,
            manyMedian, String.format("%+.1f KB against %d queued (target ≤ +64 KB: %s); ", growth, few,
                growth <= 64 ? "met" : String.format("missed by %.1f KB", growth - 64)) + how));
  }

  private double queuedHeapKb(int n, String unreachable, int repetition) throws Exception {
    Path dir = workDir.resolve("queued-" + n + "-" + repetition);
    ChildJvm.Report report = new ChildJvm(System.getProperty("java.class.path"),
        ChildJvm.HEAP_FLAGS, QueuedHeapChild.class, dir.toString(), Integer.toString(n),
        unreachable).run();
    if (report.longValue("queued") != n) {
      throw new IllegalStateException("the client queued " + report.values().get("queued")
          + " of " + n + " messages");
    }
    deleteTree(dir);
    return report.longValue("heap") / 1024.0;
  }

  /** A loopback URI nothing listens on: a port the system just handed out, closed again. */
  private static String unreachableUri() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "tcp://127.0.0.1:" + s.getLocalPort();
    }
  }

  private static Map<String, List<Double>> samples() {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    for (String library : LIBRARIES) m.put(library, new ArrayList<>());
    return m;
  }

  /** Medians of the libraries that have samples; the others stay absent from the row. */
  private static Map<String, Double> medians(Map<String, List<Double>> samples) {
    Map<String, Double> m = new LinkedHashMap<>();
    samples.forEach((library, values) -> {
      if (!values.isEmpty()) m.put(library, Stats.median(values));
    });
    return m;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
