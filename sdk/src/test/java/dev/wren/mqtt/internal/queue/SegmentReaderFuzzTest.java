package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;
import java.util.Arrays;

/**
 * Fuzzes the record reader with the bytes of a segment after its header: records, damage, zeros
 * (corpus: SegmentReaderFuzzTestInputs). Holds for every input: no exception at all (damage is
 * stepped over, never thrown); the records and the dropped ranges tile the bytes exactly, in
 * order; each record read encodes back to the bytes it was read from; no allocation grows with a
 * record's claimed length beyond the bytes there are.
 */
class SegmentReaderFuzzTest {
  private static final String NAME = QueueFormat.segmentName(0);
  /** The reader's window, its copies of the records, the fuzz test's own copies. */
  private static final long SLACK = 2L * SegmentReader.WINDOW + 64 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void recordsAndDamageTileTheSegment(byte[] input) throws Exception {
    long[] covered = {0};
    SegmentReader.Damage damage = (offset, bytes, records, zeros) -> {
      assertEquals(covered[0], offset, "dropped range starts where the last record ended");
      assertTrue(bytes > 0, "dropped " + bytes + " bytes at " + offset);
      covered[0] += bytes;
      if (zeros) {
        for (long i = offset; i < offset + bytes; i++) assertEquals(0, input[(int) i], "byte " + i);
      }
    };
    budget.call(8L * input.length + SLACK, "SegmentReader.next", () -> {
      covered[0] = 0;
      MemoryStorage storage = new MemoryStorage();
      storage.put(NAME, input);
      SegmentReader reader = new SegmentReader(storage.open(NAME), NAME, 0, input.length);
      Record r;
      while ((r = reader.next(damage)) != null) {
        assertEquals(covered[0], reader.recordStart(), "record starts where the last range ended");
        covered[0] = reader.position();
        byte[] frame = Arrays.copyOfRange(input, (int) reader.recordStart(), (int) reader.position());
        if (r.topic == null || r.topic.indexOf('\uFFFD') < 0) {
          assertArrayEquals(frame, encode(r), "encode(" + r + ")");
        }
      }
      return null;
    });
    assertEquals(input.length, covered[0], "records and dropped ranges cover the segment");
  }

  private static byte[] encode(Record r) {
    switch (r.type) {
      case QueueFormat.MESSAGE:
        return RecordCodec.message(r.seq, r.qos, r.retain, r.deadline,
            r.topic.getBytes(RecordCodec.UTF_8), r.payload);
      case QueueFormat.CHECKPOINT:
        return RecordCodec.checkpoint(r.doneRanges, r.pubrels);
      default:
        return RecordCodec.step(r.type, r.seq);
    }
  }
}
