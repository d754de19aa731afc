package dev.wren.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The efficiency rows' meter, the disk row's probe and the several-publisher workloads. */
class ThreadMeterTest {
  @TempDir Path dir;

  @Test void countsWhatALiveThreadAndAThreadBornInBetweenAllocate() throws Exception {
    assertTrue(ThreadMeter.supported(), "HotSpot measures thread CPU and allocation");
    ThreadMeter.Snapshot before = ThreadMeter.take();
    byte[][] kept = new byte[16][];
    for (int i = 0; i < kept.length; i++) kept[i] = new byte[1 << 20];
    Object[] other = new Object[1];
    Thread born = new Thread(() -> other[0] = new byte[8 << 20]);
    born.start();
    born.join();
    ThreadMeter.Use mine = ThreadMeter.between(before, ThreadMeter.take());
    // The born thread died before the second snapshot: only this thread's 16 MiB are certain.
    assertTrue(mine.allocatedBytes() >= 16L << 20, "allocated " + mine.allocatedBytes());
    assertTrue(mine.cpuNanos() > 0, "cpu " + mine.cpuNanos());
    assertTrue(kept[15].length + ((byte[]) other[0]).length > 0);
  }

  @Test void theDiskProbeSyncsRecords() throws Exception {
    double perSecond = DiskProbe.overwritesPerSecond(dir, 20, 10_000);
    assertTrue(perSecond > 0 && Double.isFinite(perSecond), "probe gave " + perSecond);
    try (var files = java.nio.file.Files.list(dir)) {
      assertTrue(files.findAny().isEmpty(), "the probe's file is deleted");
    }
  }

  @Test void severalPublishersCannotKeepARate() {
    assertThrows(IllegalArgumentException.class, () -> new Workload("durable", "x", 1, 64, 10, 1_000, 100, 8));
    assertThrows(IllegalArgumentException.class, () -> new Workload("durable", "x", 1, 64, 10, 1_000, 0, 0));
  }
}
