package dev.wren.bench;

import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Throughput with in-memory storage, QoS 0, 1 and 2, payloads of 64 B and 4 KB, every library
 * and the raw ceiling. Counts are sized so that a measurement takes about a second here; the
 * time cap keeps a slow library from stretching the run. The same 64 B measurements give the
 * {@value #EFFICIENCY} rows: CPU time and allocated bytes per message of the publishing and the
 * subscribing client together ({@link ThreadMeter}).
 */
final class ThroughputSection {
  static final String SECTION = "throughput";
  static final String UNIT = "msg/s";
  static final String EFFICIENCY = "efficiency";

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
      if (w.payloadBytes() == 64 && samples.stream().allMatch(Sample::metered)) {
        rows.add(efficiency(w, samples, "CPU µs/msg (pub+sub)", "µs/msg", Sample::cpuMicrosPerMessage));
        rows.add(efficiency(w, samples, "alloc B/msg (pub+sub)", "B/msg", Sample::allocatedBytesPerMessage));
      }
    }
    return rows;
  }

  private static Result efficiency(Workload w, List<Sample> samples, String what, String unit,
      ToDoubleFunction<Sample> metric) {
    List<String> ended = new ArrayList<>();
    for (String library : Rows.LIBRARIES) {
      int most = samples.stream().filter(s -> s.library().equals(library)).mapToInt(Sample::endedThreads).max().orElse(0);
      if (most > 0) ended.add(library + " " + most);
    }
    return new Result(EFFICIENCY, w.name() + ", " + what, unit, false, Rows.medians(samples, metric),
        Rows.note(Rows.spreadNote(samples, metric, unit), ended.isEmpty() ? ""
            : "threads that ended during the run, not counted (most in a repetition; typically the previous library's, e.g. Netty's globalEventExecutor after HiveMQ): " + String.join(", ", ended)));
  }
}
