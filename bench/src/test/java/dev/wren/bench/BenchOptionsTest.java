package dev.wren.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test void defaultsAreTheFullRunIntoDocs() {
    BenchOptions o = BenchOptions.parse();
    assertFalse(o.smoke());
    assertEquals(5, o.reps());
    assertEquals(Paths.get("docs", "benchmarks.md"), o.out());
    assertEquals(Paths.get("docs", "benchmarks-throughput.svg"), o.chart());
    assertTrue(o.selects("durable: QoS 2, 64 B"));
  }

  @Test void smokeRunsOnceUnlessRepsAreGiven() {
    assertEquals(1, BenchOptions.parse("--smoke").reps());
    assertEquals(3, BenchOptions.parse("--smoke", "--reps", "3").reps());
  }

  @Test void onlyMatchesCaseInsensitivelyAndWritesNothingWithoutOut() {
    BenchOptions o = BenchOptions.parse("--only", "qos 0");
    assertTrue(o.selects("throughput: QoS 0, 4 KB"));
    assertFalse(o.selects("throughput: QoS 1, 4 KB"));
    assertNull(o.out());
    assertNull(o.chart());
    assertEquals(Paths.get("x/r.md"), BenchOptions.parse("--only", "QoS 0", "--out", "x/r.md").out());
  }

  @Test void badArgumentsSayWhatIsWrongAndShowTheUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast"));
    assertTrue(e.getMessage().startsWith("unknown argument: --fast\nusage:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--reps", "many"));
    assertTrue(e.getMessage().startsWith("--reps needs a number: many"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--reps", "0"));
    assertEquals("--reps must be 1..50: 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--out"));
    assertTrue(e.getMessage().startsWith("--out needs a value"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--only", "(("));
    assertTrue(e.getMessage().startsWith("--only needs a regular expression: (("), e.getMessage());
  }
}
