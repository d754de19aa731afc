package dev.wren.bench.footprint;

import static dev.wren.bench.Result.HIVEMQ;
import static dev.wren.bench.Result.PAHO;
import static dev.wren.bench.Result.WREN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.bench.Result;
import dev.wren.bench.broker.MosquittoBroker;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every footprint row at smoke size against a real Mosquitto so the workloads cannot rot.
 * Checks that each row has a value for each library it should and, as the one number that does
 * not depend on the machine, that a Wren client owns exactly one thread. No speed is asserted.
 */
class FootprintSmokeTest {
  private static List<Result> rows;

  @BeforeAll
  static void runFootprint() throws Exception {
    assumeTrue(mosquittoInstalled(), "mosquitto is not installed (apt-get install -y mosquitto)");
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      rows = Footprint.run(true, broker.uri());
    }
  }

  @Test
  void aWrenClientOwnsOneThread() {
    Result threads = row("threads per idle connected client");
    assertEquals(1.0, threads.byLibrary().get(WREN), threads.toString());
    assertPositive(threads, PAHO);
    assertNotNull(threads.byLibrary().get(HIVEMQ), "HiveMQ may share its pool but is measured");
  }

  @Test
  void everyLibraryHasAValueInTheClientRows() {
    for (String workload : List.of("extra threads with", "heap per idle connected client",
        "runtime jars", "cold start")) {
      Result result = row(workload);
      assertPositive(result, WREN);
      assertPositive(result, PAHO);
      assertPositive(result, HIVEMQ);
    }
  }

  @Test
  void queueRowsMeasureWrenAndPahoWhereItCanHoldTheMessages() {
    Result large = row("queue recovery, 1,000 records");
    assertPositive(large, WREN);
    assertEquals(1, large.byLibrary().size(), large.toString());
    Result small = row("queue recovery, 100 records");
    assertPositive(small, WREN);
    assertPositive(small, PAHO);
    // A heap difference after GC: an offline client holds a few KB, so a small one can come out
    // a little below zero; measured, not positive, is what can be asked.
    assertMeasured(row("client heap with 10 queued messages"), WREN);
    assertMeasured(row("client heap with 1,000 queued messages"), WREN);
  }

  @Test
  void virtualThreadRowsMeasureWrenAndHiveMqOrSayWhyNot() throws Exception {
    Result heap = row("virtual threads: heap per idle connected client");
    Result carriers = row("virtual threads: carrier threads with");
    if (Jdks.withVirtualThreads(Jdks.DEFAULT_ROOT) == null) {
      assertTrue(heap.byLibrary().isEmpty() && heap.note().startsWith("not run: no JDK 21+ found"), heap.toString());
      assertTrue(carriers.byLibrary().isEmpty(), carriers.toString());
      return;
    }
    assertPositive(heap, WREN);
    assertPositive(heap, HIVEMQ);
    // Virtual threads ride on at least one carrier; a platform thread per client would be 6 here.
    assertTrue(carriers.byLibrary().get(WREN) >= 1 && carriers.byLibrary().get(WREN) < 6, carriers.toString());
  }

  @Test
  void rowsBelongToTheFootprintSectionAndSayHowTheyWereMeasured() {
    assertEquals(11, rows.size(), rows.toString());
    for (Result r : rows) {
      assertEquals(Footprint.SECTION, r.section());
      assertTrue(!r.note().isEmpty(), r.workload() + " has no note");
    }
  }

  private static Result row(String workloadPrefix) {
    return rows.stream().filter(r -> r.workload().startsWith(workloadPrefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + workloadPrefix + " in " + rows));
  }

  private static void assertPositive(Result result, String library) {
    Double value = result.byLibrary().get(library);
    assertNotNull(value, library + " missing from " + result);
    assertTrue(value > 0, library + " not positive in " + result);
  }

  private static void assertMeasured(Result result, String library) {
    Double value = result.byLibrary().get(library);
    assertNotNull(value, library + " missing from " + result);
    assertTrue(Double.isFinite(value) && value > -64, library + " not a heap size in " + result);
  }

  private static boolean mosquittoInstalled() {
    try {
      MosquittoBroker.executable();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
