package dev.wren.bench;

import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput of QoS 1 and 2 when the publisher keeps its messages on disk: Wren's file queue with
 * {@code SyncPolicy.ALWAYS} and with {@code BATCH}, each against Paho's
 * {@code MqttDefaultFilePersistence} (which syncs a file per message). The HiveMQ client has no
 * persistence and the raw client keeps nothing, so they are absent. The subscriber is the same
 * library's in-memory client. Also: {@code ALWAYS} with {@value #PUBLISHERS} threads publishing
 * through one client (group commit), and the {@link DiskProbe disk row}, the ceiling of
 * {@code ALWAYS} with one publisher, whose value sits in the raw column. Each Wren {@code BATCH}
 * run is followed by one of Wren's in-memory client on the same workload, for a paired ratio.
 */
final class DurableSection {
  static final String SECTION = "durable";
  /** The rows' workload names end with the Wren policy they show, e.g. "QoS 1, 64 B, Wren ALWAYS". */
  static final String ALWAYS = "Wren ALWAYS";
  static final String BATCH = "Wren BATCH";
  static final int PUBLISHERS = 8;
  static final String DISK = "disk: 64-byte overwrite + fdatasync, one thread";
  static final String DISK_BESIDE_STREAM = "disk beside an in-memory QoS 1 stream at Wren ALWAYS's rate";
  private static final List<Persistence> FILES = List.of(Persistence.FILE_ALWAYS, Persistence.FILE_BATCH);

  private DurableSection() {}

  static List<Workload> workloads(RunContext ctx) {
    long cap = ctx.smoke() ? 3_000 : 4_000;
    return List.of(
        new Workload(SECTION, "QoS 1, 64 B", 1, 64, ctx.count(4_000, 100), cap, 0),
        new Workload(SECTION, "QoS 2, 64 B", 2, 64, ctx.count(3_000, 100), cap, 0),
        new Workload(SECTION, "QoS 1, 64 B, " + PUBLISHERS + " publishers", 1, 64,
            ctx.count(8_000, 400), cap, 0, PUBLISHERS));
  }

  static List<Result> run(RunContext ctx, List<Driver> drivers) throws Exception {
    List<Result> rows = new ArrayList<>();
    boolean diskWanted = ctx.selects(SECTION + ": " + DISK);
    List<Double> disk = new ArrayList<>();
    List<Double> diskBesideStream = new ArrayList<>();
    for (Workload w : workloads(ctx)) {
      if (!ctx.selects(w.id())) continue;
      boolean several = w.publishers() > 1;
      List<Sample> samples = new ArrayList<>();
      // Each Wren ALWAYS run against the disk probed just before and just after it: a shared
      // disk's rate moves within minutes, which a ratio of medians over a whole run takes in.
      List<Double> paired = new ArrayList<>();
      List<Double> pairedBatch = new ArrayList<>();
      for (int rep = 1; rep <= ctx.reps(); rep++) {
        // The disk runs between the libraries' runs, so it sees the same moments of a busy disk.
        double before = diskWanted && !several ? ctx.probeDisk(diskCount(ctx)) : 0;
        if (before > 0) disk.add(before);
        for (Driver driver : drivers) {
          for (Persistence p : several ? List.of(Persistence.FILE_ALWAYS) : FILES) {
            if (!driver.supports(p)) continue;
            Workload wp = p == Persistence.FILE_BATCH ? asInMemoryRow(ctx, w) : w;
            Sample sample = ctx.measure(driver, wp, p, "  rep " + rep + "/" + ctx.reps());
            samples.add(sample);
            if (before > 0 && p == Persistence.FILE_ALWAYS && sample.library().equals(Result.WREN)) {
              double after = ctx.probeDisk(diskCount(ctx));
              disk.add(after);
              paired.add(sample.throughput() / ((before + after) / 2));
              if (w.qos() == 1) diskBesideStream.add(ctx.probeDiskBesideStream(driver, diskCount(ctx), (int) sample.throughput()));
            }
            if (p == Persistence.FILE_BATCH && sample.library().equals(Result.WREN)) {
              // The in-memory client on the same workload right after: the throughput row it is
              // held against ran minutes earlier, on a machine whose speed moves.
              Sample memory = ctx.measure(driver, wp, Persistence.MEMORY, "  rep " + rep + "/" + ctx.reps());
              pairedBatch.add(sample.throughput() / memory.throughput());
            }
          }
        }
      }
      String pairedNote = paired.isEmpty() ? "" : String.format(java.util.Locale.ROOT,
          "paired Wren/disk %.2f (median over runs of each run against the disk probed just before"
              + " and after it; per run %s)", Stats.median(paired), perRun(paired));
      rows.add(row(w, samples, Persistence.FILE_ALWAYS, ALWAYS, pairedNote));
      String batchNote = pairedBatch.isEmpty() ? "" : String.format(java.util.Locale.ROOT,
          "paired BATCH/in-memory %.2f (median over runs of each BATCH run against Wren's in-memory"
              + " client on the same workload right after it; per run %s)", Stats.median(pairedBatch),
          perRun(pairedBatch));
      if (!several) rows.add(row(w, samples, Persistence.FILE_BATCH, BATCH, batchNote));
    }
    if (diskWanted) {
      // Asked for alone (--only): repetitions of its own.
      if (disk.isEmpty()) for (int rep = 1; rep <= ctx.reps(); rep++) disk.add(ctx.probeDisk(diskCount(ctx)));
      rows.add(0, new Result(SECTION, DISK, ThroughputSection.UNIT, true, Map.of(Result.RAW, Stats.median(disk)),
          "in the raw column: no MQTT, " + DiskProbe.RECORD_BYTES + " bytes written at increasing offsets"
              + " of a preallocated file beside the queues, FileChannel.force(false) after each"));
      if (!diskBesideStream.isEmpty()) {
        rows.add(1, new Result(SECTION, DISK_BESIDE_STREAM, ThroughputSection.UNIT, true,
            Map.of(Result.RAW, Stats.median(diskBesideStream)),
            "in the raw column: the disk row measured while Wren's in-memory publisher and subscriber"
                + " pass QoS 1 messages of 64 B through the broker at the rate Wren ALWAYS just reached"
                + " (the traffic of that run without its disk writes), right after each Wren ALWAYS run"));
      }
    }
    return rows;
  }

  /**
   * {@code w} with the message count of the throughput row of the same name: a {@code BATCH} run
   * is held against Wren's in-memory run of that row, and a shorter run is slower by its ramp-up
   * alone (4,000 messages take 50 ms here).
   */
  private static Workload asInMemoryRow(RunContext ctx, Workload w) {
    for (Workload t : ThroughputSection.workloads(ctx)) {
      if (t.name().equals(w.name())) return w.withCount(t.count(), Math.max(w.maxMillis(), t.maxMillis()));
    }
    return w;
  }

  private static String perRun(List<Double> ratios) {
    List<String> each = new ArrayList<>();
    for (double r : ratios) each.add(String.format(java.util.Locale.ROOT, "%.2f", r));
    return String.join(", ", each);
  }

  private static int diskCount(RunContext ctx) {
    return ctx.count(4_000, 200);
  }

  /**
   * A row of Wren under {@code wrenPolicy} against each peer's own file persistence: a peer
   * without {@code wrenPolicy} shows its {@link Persistence#FILE_ALWAYS} runs (Paho's only one).
   */
  private static Result row(Workload w, List<Sample> samples, Persistence wrenPolicy, String label,
      String extraNote) {
    List<Sample> shown = new ArrayList<>();
    for (Sample s : samples) {
      boolean wren = s.library().equals(Result.WREN);
      if (wren ? s.persistence() == wrenPolicy : s.persistence() == Persistence.FILE_ALWAYS) shown.add(s);
    }
    Map<String, Double> medians = Rows.medians(shown, Sample::throughput);
    String note = Rows.note(w.publishers() > 1
        ? w.publishers() + " threads publish through one client of each library; Paho: MqttDefaultFilePersistence"
        : "Paho: MqttDefaultFilePersistence (a synced file per message, the same runs in both rows)",
        "HiveMQ: no persistence", extraNote,
        Rows.spreadNote(shown, Sample::throughput, ThroughputSection.UNIT));
    return new Result(SECTION, w.name() + ", " + label, ThroughputSection.UNIT, true, medians, note);
  }
}
