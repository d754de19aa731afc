package dev.wren.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wren.bench.broker.MosquittoBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the whole harness with tiny counts ({@code --smoke}) against a real Mosquitto, so that it
 * cannot rot: every library produces a value in every row it belongs to, QoS 1/2 lose nothing,
 * and the markdown and the chart are written. Speeds are not asserted.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  @Test void smokeRunMeasuresEveryLibraryAndWritesTheReport() throws Exception {
    requireMosquitto();
    Path out = dir.resolve("benchmarks.md");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Bench.Report report = Bench.run(BenchOptions.parse("--smoke", "--out", out.toString()),
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    String log = progress.toString(StandardCharsets.UTF_8);
    // The in-memory warm-up leaves the file persistence cold: it gets one of its own.
    for (String library : List.of(Result.WREN, Result.PAHO)) {
      assertTrue(log.lines().anyMatch(l -> l.contains("warm-up durable: QoS 1, 64 B")
          && l.contains(library) && l.contains("FILE_ALWAYS")), library + " in:\n" + log);
    }

    Set<String> sections = new TreeSet<>();
    int ownRows = 0;
    for (Result r : report.rows()) {
      sections.add(r.section());
      List<String> expected = switch (r.section()) {
        case ThroughputSection.SECTION, ThroughputSection.EFFICIENCY, LatencySection.SECTION -> Rows.LIBRARIES;
        case DurableSection.SECTION -> r.workload().equals(DurableSection.DISK)
            || r.workload().equals(DurableSection.DISK_BESIDE_STREAM)
            ? List.of(Result.RAW) : List.of(Result.WREN, Result.PAHO);
        default -> null; // a section wired in from elsewhere (footprint) is checked by its own tests
      };
      if (expected == null) continue;
      ownRows++;
      assertEquals(expected, List.copyOf(r.byLibrary().keySet()), r.workload());
      for (String library : expected) {
        assertTrue(r.byLibrary().get(library) > 0, library + " in " + r.workload() + ": " + r.byLibrary());
      }
    }
    assertTrue(sections.containsAll(Set.of("durable", "efficiency", "latency", "throughput")), sections.toString());
    // throughput 6, efficiency 3 QoS x (CPU, alloc), durable disk (alone and beside a stream) + 2 QoS x 2
    // policies + 8 publishers, latency 2
    assertEquals(6 + 6 + 7 + 2, ownRows);

    assertFalse(report.samples().isEmpty());
    for (Sample s : report.samples()) {
      assertTrue(s.received() > 0, s.library() + " received nothing in " + s.workload().id());
      if (s.workload().qos() > 0) assertEquals(0, s.lost(), s.library() + " lost QoS 1/2 messages in " + s.workload().id());
    }

    String markdown = Files.readString(out);
    assertEquals(report.markdown(), stdout.toString(StandardCharsets.UTF_8));
    assertTrue(markdown.contains(MarkdownReport.BEGIN) && markdown.contains(MarkdownReport.END), markdown);
    assertTrue(markdown.contains("| QoS 0, 64 B | msg/s |"), markdown);
    assertTrue(markdown.contains("![Throughput: one group per workload, one bar per library](benchmarks-throughput.svg)"), markdown);

    Path chart = dir.resolve("benchmarks-throughput.svg");
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
    assertEquals("svg", svg.getDocumentElement().getNodeName());
    int bars = 0;
    NodeList rects = svg.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      if (((Element) rects.item(i)).getElementsByTagName("title").getLength() == 1) bars++;
    }
    int values = 0;
    for (Result r : SvgChart.throughputRows(report.rows())) values += r.byLibrary().size();
    assertEquals(6 * 4 + 5 * 2, values);
    assertEquals(values, bars);
  }

  /** Skips where mosquitto is not installed; on CI ({@code CI=true}) fails instead. */
  private static void requireMosquitto() {
    try {
      MosquittoBroker.executable();
    } catch (IllegalStateException missing) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI must run the bench smoke test: " + missing.getMessage());
      Assumptions.abort(missing.getMessage());
    }
  }
}
