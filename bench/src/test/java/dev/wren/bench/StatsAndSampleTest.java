package dev.wren.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.bench.driver.Persistence;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsAndSampleTest {
  private static final Workload QOS0 = new Workload("throughput", "QoS 0, 64 B", 0, 64, 10, 1_000, 0);
  private static final Workload QOS1 = new Workload("throughput", "QoS 1, 64 B", 1, 64, 10, 1_000, 0);
  private static final Workload QOS2 = new Workload("throughput", "QoS 2, 64 B", 2, 64, 10, 1_000, 0);

  @Test void medianOfOddAndEvenCounts() {
    assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
    assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
    assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
  }

  @Test void percentileIsNearestRank() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) values[i] = 100 - i; // 100 .. 1, unsorted on purpose
    assertEquals(50, Stats.percentile(values, 50));
    assertEquals(99, Stats.percentile(values, 99));
    assertEquals(100, Stats.percentile(values, 100));
    assertEquals(7, Stats.percentile(new long[] {7}, 99));
    assertThrows(IllegalArgumentException.class, () -> Stats.percentile(values, 0));
  }

  @Test void lostQos1OrDuplicatedQos2MessagesFailTheRun() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> sample(QOS1, 10, 9, 0).requireQosKept());
    assertEquals("QoS 1 lost messages: Paho (MEMORY) received 9 of 10 in 'throughput: QoS 1, 64 B';"
        + " the run is invalid", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> sample(QOS2, 10, 10, 1).requireQosKept());
    assertTrue(e.getMessage().startsWith("QoS 2 delivered 1 duplicates: Paho"), e.getMessage());
    sample(QOS1, 10, 10, 2).requireQosKept(); // QoS 1 may duplicate
    sample(QOS0, 10, 7, 0).requireQosKept();  // QoS 0 may lose: reported in the note instead
  }

  @Test void throughputCountsDistinctMessagesOverTheMeasuredTime() {
    assertEquals(4.0, sample(QOS0, 10, 8, 3).throughput());
    assertEquals(2, sample(QOS0, 10, 8, 3).lost());
  }

  @Test void lossNoteNamesTheWorstRepetition() {
    List<Sample> samples = List.of(sample(QOS0, 10, 9, 0), sample(QOS0, 10, 7, 0));
    assertEquals("QoS 0: Paho lost 3 of 10 (worst repetition)", Rows.lossNote(samples));
    assertEquals("", Rows.lossNote(List.of(sample(QOS0, 10, 10, 0))));
  }

  @Test void spreadNoteWarnsWhenRepetitionsDifferByMoreThanHalf() {
    List<Sample> steady = List.of(sample(QOS0, 10, 10, 0, 2.0), sample(QOS0, 10, 10, 0, 2.5));
    assertEquals("", Rows.spreadNote(steady, Sample::throughput, "msg/s"));
    List<Sample> noisy = List.of(sample(QOS0, 10, 10, 0, 2.0), sample(QOS0, 10, 10, 0, 4.0));
    assertEquals("noisy, repetitions ranged Paho 2.50–5.00 msg/s", Rows.spreadNote(noisy, Sample::throughput, "msg/s"));
  }

  @Test void tallyCountsDistinctMessagesAndTheirLatency() throws Exception {
    Tally tally = new Tally(3, true);
    long sent = System.nanoTime();
    byte[] first = Tally.payload(64, 0, sent);
    tally.onMessage(first, 0, first.length);
    tally.onMessage(first, 0, first.length);
    byte[] framed = new byte[80];
    System.arraycopy(Tally.payload(64, 2, sent), 0, framed, 10, 64);
    tally.onMessage(framed, 10, 64);
    assertEquals(2, tally.received());
    assertEquals(1, tally.duplicates());
    assertTrue(tally.await(2, 10));
    assertEquals(false, tally.await(3, 10));
    long[] latencies = tally.latencies();
    assertEquals(2, latencies.length);
    assertTrue(latencies[0] >= 0 && latencies[1] >= latencies[0]);
  }

  private static Sample sample(Workload w, int published, int received, int duplicates) {
    return sample(w, published, received, duplicates, 2.0);
  }

  private static Sample sample(Workload w, int published, int received, int duplicates, double seconds) {
    return new Sample(Result.PAHO, w, Persistence.MEMORY, published, received, duplicates, seconds, null);
  }
}
