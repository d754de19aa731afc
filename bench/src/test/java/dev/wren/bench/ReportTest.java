package dev.wren.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The markdown block, its placement between markers, the chart and the target notes. */
class ReportTest {
  @TempDir Path dir;

  private static final Result QOS0 = new Result("throughput", "QoS 0, 64 B", "msg/s", true,
      Map.of(Result.WREN, 30_000.0, Result.PAHO, 20_000.0, Result.HIVEMQ, 10_000.0, Result.RAW, 50_000.0), "");
  private static final Result QOS1 = new Result("throughput", "QoS 1, 64 B", "msg/s", true,
      Map.of(Result.WREN, 10_000.0, Result.PAHO, 8_000.0), "");
  private static final Result BATCH = new Result("durable", "QoS 1, 64 B, Wren BATCH", "msg/s", true,
      Map.of(Result.WREN, 9_500.0, Result.PAHO, 500.0), "Paho: file");
  private static final Result ALWAYS = new Result("durable", "QoS 1, 64 B, Wren ALWAYS", "msg/s", true,
      Map.of(Result.WREN, 4_000.0, Result.PAHO, 500.0), "");
  private static final Result P99 = new Result("latency", "QoS 1 | p99", "µs", false,
      Map.of(Result.WREN, 200.0, Result.PAHO, 300.0), "");

  @Test void targetsSayMetOrMissedByHowMuch() {
    List<Result> rows = Targets.annotate(List.of(QOS0, QOS1, BATCH, ALWAYS, P99));
    assertEquals("Wren/best peer 1.50 (target 1.50: met); Wren/raw 0.60 (target 0.70: missed by 0.10);"
        + " raw/best peer 2.50", rows.get(0).note());
    assertEquals("Wren/best peer 1.25 (target 1.50: missed by 0.25)", rows.get(1).note());
    assertEquals("BATCH/Wren in-memory QoS 1 0.95 (target 0.90: met); Paho: file", rows.get(2).note());
    assertEquals("Wren/Paho 8.00 (target 10.00: missed by 2.00)", rows.get(3).note());
    assertEquals("", rows.get(4).note());
  }

  @Test void durableRowsAreComparedWithTheDiskAndEfficiencyWithTheBetterPeer() {
    Result disk = new Result("durable", DurableSection.DISK, "msg/s", true, Map.of(Result.RAW, 5_000.0), "");
    Result eight = new Result("durable", "QoS 1, 64 B, 8 publishers, Wren ALWAYS", "msg/s", true,
        Map.of(Result.WREN, 12_000.0, Result.PAHO, 1_000.0), "");
    Result qos2Batch = new Result("durable", "QoS 2, 64 B, Wren BATCH", "msg/s", true, Map.of(Result.WREN, 3_000.0), "");
    Result qos2 = new Result("throughput", "QoS 2, 64 B", "msg/s", true, Map.of(Result.WREN, 6_000.0), "");
    Result cpu = new Result("efficiency", "QoS 1, 64 B, CPU µs/msg (pub+sub)", "µs/msg", false,
        Map.of(Result.WREN, 6.0, Result.PAHO, 20.0, Result.HIVEMQ, 10.0), "");
    List<Result> rows = Targets.annotate(List.of(QOS1, qos2, disk, ALWAYS, eight, qos2Batch, cpu));
    assertEquals("", rows.get(2).note());
    assertEquals("Wren/Paho 8.00 (target 10.00: missed by 2.00); Wren/disk 0.80 (target 0.85: missed by 0.05)",
        rows.get(3).note());
    assertEquals("Wren/disk 2.40; Wren 8 publishers/1 publisher 3.00", rows.get(4).note());
    assertEquals("BATCH/Wren in-memory QoS 2 0.50", rows.get(5).note());
    assertEquals("Wren/best peer 0.60 (target ≤ 0.50: missed by 0.10)", rows.get(6).note());
  }

  @Test void lowerIsBetterRatiosAreOrientedSoThatAboveOneMeansWrenWins() {
    assertEquals(1.5, P99.ratioToBestPeer(), 1e-9);
    assertEquals(1.5, P99.ratioTo(Result.PAHO), 1e-9);
    assertEquals(0.6, QOS0.ratioTo(Result.RAW), 1e-9);
  }

  @Test void markdownHasOneTablePerSectionAndEscapesPipes() {
    String md = MarkdownReport.render(List.of(QOS0, BATCH, P99), facts(), "r-throughput.svg");
    assertTrue(md.startsWith(MarkdownReport.BEGIN + "\n"), md);
    assertTrue(md.endsWith(MarkdownReport.END + "\n"), md);
    assertTrue(md.contains("- Command: `java -jar bench/target/wren-bench.jar --smoke`\n"), md);
    assertTrue(md.contains("- Load average (1 min): 0.50 before, 1.20 after\n"), md);
    assertTrue(md.contains("\n### throughput\n\n| workload | unit | Wren | Paho | HiveMQ | raw | Wren/best peer | note |\n"), md);
    assertTrue(md.contains("| QoS 0, 64 B | msg/s | 30,000 | 20,000 | 10,000 | 50,000 | 1.50× |  |\n"), md);
    assertTrue(md.contains("| QoS 1, 64 B, Wren BATCH | msg/s | 9,500 | 500 | – | – | 19.00× | Paho: file |\n"), md);
    assertTrue(md.contains("| QoS 1 \\| p99 | µs | 200 | 300 | – | – | 1.50× |  |\n"), md);
    assertTrue(md.contains("![Throughput: one group per workload, one bar per library](r-throughput.svg)"), md);
  }

  @Test void numbersKeepTwoToThreeSignificantDigitsBelowAHundred() {
    assertEquals("12,346", MarkdownReport.number(12_345.6));
    assertEquals("45.7", MarkdownReport.number(45.66));
    assertEquals("0.13", MarkdownReport.number(0.127));
    assertEquals("–", MarkdownReport.number(null));
  }

  @Test void writingReplacesOnlyTheBlockBetweenTheMarkers() throws IOException {
    Path file = dir.resolve("benchmarks.md");
    Files.writeString(file, "# Intro\nhand-written\n\n" + MarkdownReport.BEGIN + "\nold\n"
        + MarkdownReport.END + "\n\n## After\nmore\n");
    MarkdownReport.write(file, MarkdownReport.BEGIN + "\nnew\n" + MarkdownReport.END + "\n");
    assertEquals("# Intro\nhand-written\n\n" + MarkdownReport.BEGIN + "\nnew\n" + MarkdownReport.END
        + "\n\n## After\nmore\n", Files.readString(file));
  }

  @Test void writingRefusesAFileWithoutMarkersAndCreatesAMissingOne() throws IOException {
    Path file = dir.resolve("notes.md");
    Files.writeString(file, "precious");
    IOException e = assertThrows(IOException.class, () -> MarkdownReport.write(file, "x"));
    assertTrue(e.getMessage().contains("exists without the wren-bench markers"), e.getMessage());
    assertEquals("precious", Files.readString(file));
    Path fresh = dir.resolve("sub/fresh.md");
    MarkdownReport.write(fresh, "block\n");
    assertEquals("# Benchmarks\n\nblock\n", Files.readString(fresh));
  }

  @Test void chartHasOneBarPerLibraryScaledWithinItsWorkload() throws Exception {
    String svg = SvgChart.render(List.of(QOS0, BATCH, P99), "a <subtitle> & more");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    NodeList titles = doc.getElementsByTagName("title");
    assertEquals(4 + 2, titles.getLength()); // the latency row is not a throughput row
    assertEquals("raw QoS 0, 64 B: 50,000 msg/s", titles.item(3).getTextContent());
    assertEquals("480", ((Element) titles.item(3).getParentNode()).getAttribute("width"));
    assertEquals("288", ((Element) titles.item(0).getParentNode()).getAttribute("width"));
    assertEquals("480", ((Element) titles.item(4).getParentNode()).getAttribute("width"));
  }

  private static RunFacts facts() {
    return new RunFacts("2026-01-01 00:00 UTC", "0 min 1 s", 1, "java -jar bench/target/wren-bench.jar --smoke",
        new Environment("2 cores", "a JVM", "Wren x", "/tmp (ext4)"), "0.50 before, 1.20 after");
  }
}
