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
 * library's in-memory client.
 */
final class DurableSection {
  static final String SECTION = "durable";
  /** The rows' workload names end with the Wren policy they show, e.g. "QoS 1, 64 B, Wren ALWAYS". */
  static final String ALWAYS = "Wren ALWAYS";
  static final String BATCH = "Wren BATCH";
  private static final List<Persistence> FILES = List.of(Persistence.FILE_ALWAYS, Persistence.FILE_BATCH);

  private DurableSection() {}

  static List<Workload> workloads(RunContext ctx) {
    long cap = ctx.smoke() ? 3_000 : 4_000;
    return List.of(
        new Workload(SECTION, "QoS 1, 64 B", 1, 64, ctx.count(4_000, 100), cap, 0),
        new Workload(SECTION, "QoS 2, 64 B", 2, 64, ctx.count(3_000, 100), cap, 0));
  }

  static List<Result> run(RunContext ctx, List<Driver> drivers) throws Exception {
    List<Result> rows = new ArrayList<>();
    for (Workload w : workloads(ctx)) {
      if (!ctx.selects(w.id())) continue;
      List<Sample> samples = new ArrayList<>();
      for (int rep = 1; rep <= ctx.reps(); rep++) {
        for (Driver driver : drivers) {
          for (Persistence p : FILES) {
            if (driver.supports(p)) samples.add(ctx.measure(driver, w, p, "  rep " + rep + "/" + ctx.reps()));
          }
        }
      }
      rows.add(row(w, samples, Persistence.FILE_ALWAYS, ALWAYS));
      rows.add(row(w, samples, Persistence.FILE_BATCH, BATCH));
    }
    return rows;
  }

  /**
   * A row of Wren under {@code wrenPolicy} against each peer's own file persistence: a peer
   * without {@code wrenPolicy} shows its {@link Persistence#FILE_ALWAYS} runs (Paho's only one).
   */
  private static Result row(Workload w, List<Sample> samples, Persistence wrenPolicy, String label) {
    List<Sample> shown = new ArrayList<>();
    for (Sample s : samples) {
      boolean wren = s.library().equals(Result.WREN);
      if (wren ? s.persistence() == wrenPolicy : s.persistence() == Persistence.FILE_ALWAYS) shown.add(s);
    }
    Map<String, Double> medians = Rows.medians(shown, Sample::throughput);
    String note = Rows.note(
        "Paho: MqttDefaultFilePersistence (a synced file per message, the same runs in both rows)",
        "HiveMQ: no persistence",
        Rows.spreadNote(shown, Sample::throughput, ThroughputSection.UNIT));
    return new Result(SECTION, w.name() + ", " + label, ThroughputSection.UNIT, true, medians, note);
  }
}
