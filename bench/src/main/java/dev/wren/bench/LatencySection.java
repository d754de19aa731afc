package dev.wren.bench;

import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.util.ArrayList;
import java.util.List;

/**
 * Publish-to-receive latency at a fixed moderate rate (QoS 1, 64 B, 1,000 msg/s): each payload
 * carries {@code System.nanoTime()} taken just before the publish call, and the subscriber, in the
 * same JVM, subtracts it on receipt. Rows: the median over repetitions of each run's p50 and p99.
 */
final class LatencySection {
  static final String SECTION = "latency";
  static final int RATE = 1_000;

  private LatencySection() {}

  static List<Workload> workloads(RunContext ctx) {
    int count = ctx.count(2_000, 200);
    long cap = count * 1_000L / RATE + 5_000;
    return List.of(new Workload(SECTION, "QoS 1, 64 B at 1,000 msg/s", 1, 64, count, cap, RATE));
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
      for (int p : new int[] {50, 99}) {
        rows.add(new Result(SECTION, w.name() + ", p" + p, "µs", false,
            Rows.medians(samples, s -> s.latencyMicros(p)),
            Rows.spreadNote(samples, s -> s.latencyMicros(p), "µs")));
      }
    }
    return rows;
  }
}
