package dev.wren.bench;

import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput with in-memory storage, QoS 0, 1 and 2, payloads of 64 B and 4 KB, every library
 * and the raw ceiling. Counts are sized so that a measurement takes about a second here; the
 * time cap keeps a slow library from stretching the run.
 */
final class ThroughputSection {
  static final String SECTION = "throughput";
  static final String UNIT = "msg/s";

  private ThroughputSection() {}

  static List<Workload> workloads(RunContext ctx) {
    long cap = ctx.smoke() ? 3_000 : 4_000;
    return List.of(
        new Workload(SECTION, "QoS 0, 64 B", 0, 64, ctx.count(60_000, 2_000), cap, 0),
        new Workload(SECTION, "QoS 1, 64 B", 1, 64, ctx.count(20_000, 1_000), cap, 0),
        new Workload(SECTION, "QoS 2, 64 B", 2, 64, ctx.count(12_000, 500), cap, 0),
        new Workload(SECTION, "QoS 0, 4 KB", 0, 4096, ctx.count(30_000, 1_000), cap, 0),
        new Workload(SECTION, "QoS 1, 4 KB", 1, 4096, ctx.count(12_000, 500), cap, 0),
        new Workload(SECTION, "QoS 2, 4 KB", 2, 4096, ctx.count(8_000, 300), cap, 0));
  }

  static List<Result> run(RunContext ctx, List<Driver> drivers) throws Exception {
    List<Result> rows = new ArrayList<>();
    for (Workload w : workloads(ctx)) {
      if (!ctx.selects(w.id())) continue;
      List<Sample> samples = new ArrayList<>();
      for (int rep = 1; rep <= ctx.reps(); rep++) {
        for (Driver driver : drivers) {
          samples.add(ctx.measure(driver, w, Persistence.MEMORY, "  rep " + rep + "/" + ctx.reps()));
        }
      }
      rows.add(new Result(SECTION, w.name(), UNIT, true, Rows.medians(samples, Sample::throughput),
          Rows.note(Rows.lossNote(samples), Rows.spreadNote(samples, Sample::throughput, UNIT))));
    }
    return rows;
  }
}
