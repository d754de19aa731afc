package dev.wren.bench;

import dev.wren.bench.broker.MosquittoBroker;
import dev.wren.bench.footprint.Footprint;
import dev.wren.bench.driver.Driver;
import dev.wren.bench.driver.Persistence;
import dev.wren.bench.driver.HiveMqDriver;
import dev.wren.bench.driver.PahoDriver;
import dev.wren.bench.driver.RawDriver;
import dev.wren.bench.driver.WrenDriver;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import dev.wren.bench.footprint.Footprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison harness: starts Mosquitto on a free loopback port, warms every library up, runs
 * the {@link #sections sections} (each measurement repeated, libraries alternating), prints the
 * report on stdout and writes it (markdown plus an SVG chart) where {@code --out} says.
 */
public final class Bench {
  /** Every library, in the order the harness alternates them. */
  static final List<Driver> DRIVERS = List.of(new WrenDriver(), new PahoDriver(), new HiveMqDriver(), new RawDriver());

  private Bench() {}

  /**
   * The sections of the report, in order. This is the one place where rows are added: a part
   * measured elsewhere joins with one line, e.g. the footprint rows as
   * {@code Section.whole("footprint", ctx -> Footprint.run(ctx.smoke(), ctx.brokerUri()))}.
   */
  static List<Section> sections() {
    List<Section> sections = new ArrayList<>();
    sections.add(Section.perWorkload(ThroughputSection.SECTION, ctx -> ThroughputSection.run(ctx, DRIVERS)));
    sections.add(Section.perWorkload(DurableSection.SECTION, ctx -> DurableSection.run(ctx, DRIVERS)));
    sections.add(Section.perWorkload(LatencySection.SECTION, ctx -> LatencySection.run(ctx, DRIVERS)));
    sections.add(Section.whole("footprint", ctx -> Footprint.run(ctx.smoke(), ctx.brokerUri())));
    return sections;
  }

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(options, System.out, System.err);
    } catch (Exception e) {
      System.err.print("wren-bench failed: ");
      e.printStackTrace();
      // exit, not return: a client left connected by the failure may hold non-daemon threads
      System.exit(1);
    }
    System.exit(0);
  }

  /** What one run produced. */
  public record Report(List<Result> rows, List<Sample> samples, String markdown, String svg) {}

  /** Runs the harness; stdout gets the report, {@code progress} a line per measurement. */
  public static Report run(BenchOptions options, PrintStream stdout, PrintStream progress) throws Exception {
    long started = System.nanoTime();
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    if (options.out() != null) {
      Path parent = options.out().toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--out " + options.out() + ": no directory " + parent
            + " (run from the repository root, or pass --out)");
      }
    }
    String loadBefore = Environment.loadAverage();
    Path scratch = Files.createTempDirectory("wren-bench-");
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      progress.println("wren-bench: " + MosquittoBroker.version() + " on " + broker.uri()
          + (options.smoke() ? ", smoke run" : "") + ", " + options.reps() + " repetition(s)");
      RunContext ctx = new RunContext(options, "127.0.0.1", broker.port(), scratch, progress);
      warmUp(ctx);
      List<Result> rows = new ArrayList<>();
      for (Section section : sections()) {
        if (!section.selected(options)) continue;
        progress.println(section.name() + ":");
        rows.addAll(section.body().run(ctx));
      }
      rows = Targets.annotate(rows);
      long seconds = Math.round((System.nanoTime() - started) / 1e9);
      String duration = seconds / 60 + " min " + seconds % 60 + " s";
      String loadAfter = Environment.loadAverage();
      String load = loadBefore == null || loadAfter == null ? ""
          : loadBefore + " before, " + loadAfter + " after (" + Runtime.getRuntime().availableProcessors()
              + " cores; above that, others shared the machine)";
      RunFacts facts = new RunFacts(date, duration, options.reps(), command(options),
          Environment.describe(scratch), load);
      Path chart = options.chart();
      String svg = SvgChart.render(rows, "median of " + options.reps() + ", " + date + ", "
          + facts.environment().versions());
      String markdown = MarkdownReport.render(rows, facts,
          chart == null || SvgChart.throughputRows(rows).isEmpty() ? null : chart.getFileName().toString());
      stdout.print(markdown);
      if (options.out() != null) {
        MarkdownReport.write(options.out(), markdown);
        if (!SvgChart.throughputRows(rows).isEmpty()) Files.write(chart, svg.getBytes(StandardCharsets.UTF_8));
        progress.println("wrote " + options.out() + (SvgChart.throughputRows(rows).isEmpty() ? "" : " and " + chart));
      }
      progress.println("wren-bench took " + duration);
      return new Report(rows, ctx.samples(), markdown, svg);
    } finally {
      Measurement.deleteTree(scratch);
    }
  }

  /**
   * One unrecorded run per library of QoS 0, 1 and 2 (64 B), so that the first measured
   * repetition does not pay for class loading and the JIT; when a durable row is wanted, also one
   * of QoS 1 with each library's file persistence, whose code the in-memory runs leave cold (the
   * first ALWAYS repetition ran at a median 0.44 of the later ones).
   */
  private static void warmUp(RunContext ctx) throws Exception {
    boolean any = false;
    List<Workload> all = new ArrayList<>(ThroughputSection.workloads(ctx));
    all.addAll(DurableSection.workloads(ctx));
    all.addAll(LatencySection.workloads(ctx));
    for (Workload w : all) any |= ctx.selects(w.id());
    if (!any) return;
    ctx.progress().println("warm-up:");
    for (Workload w : ThroughputSection.workloads(ctx)) {
      if (w.payloadBytes() != 64) continue;
      for (Driver driver : DRIVERS) {
        ctx.warmUp(driver, w.withCount(ctx.count(w.count() / 3, 200), 2_000), Persistence.MEMORY);
      }
    }
    boolean durable = false;
    for (Workload w : DurableSection.workloads(ctx)) durable |= ctx.selects(w.id());
    if (!durable) return;
    Workload qos1 = DurableSection.workloads(ctx).get(0);
    for (Driver driver : DRIVERS) {
      if (!driver.supports(Persistence.FILE_ALWAYS)) continue;
      ctx.warmUp(driver, qos1.withCount(ctx.count(qos1.count() / 3, 100), 2_000), Persistence.FILE_ALWAYS);
    }
  }

  /** The command that reproduces the run (the report's JVM line adds any JVM flags). */
  private static String command(BenchOptions options) {
    StringBuilder command = new StringBuilder("java -jar bench/target/wren-bench.jar");
    for (String arg : options.args()) {
      command.append(' ').append(arg.matches("[A-Za-z0-9_./=-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return command.toString();
  }
}
