package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.QueueStorageException;
import dev.wren.mqtt.testing.AllocationBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes queue recovery with directories of fuzz segment files in memory (corpus:
 * RecoveryFuzzTestInputs). The input: one byte whose bit 0 picks a tiny preallocation size (so
 * the zero-the-tail path runs) over the real one, then segments, each a base step (1 byte, added
 * to the previous base), a length (2 bytes) and that many bytes, the last one cut short by the end
 * of the input. Holds for every input: recovery succeeds or throws {@link QueueStorageException}
 * (a newer format), nothing else; its counters are consistent with the files it leaves; a second
 * recovery of what it left finds the same queue and repairs nothing more; no allocation grows
 * with a length field beyond the bytes there are.
 */
class RecoveryFuzzTest {
  /** Per segment: the reader's window, the scan for the end of the data, the live count. */
  private static final long PER_SEGMENT = 4L * SegmentReader.WINDOW;
  private static final long SLACK = 256 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @BeforeAll
  static void loadLoggerAndClasses() throws Exception {
    // The first warning loads and configures the logger: far more than any input's budget.
    MemoryStorage storage = new MemoryStorage();
    storage.put(QueueFormat.segmentName(0), new byte[] {1, 2, 3});
    Recovery.run(storage, QueueFormat.SEGMENT_BYTES);
  }

  @FuzzTest
  void recoveryIsConsistentAndFinal(byte[] input) throws Exception {
    long segmentBytes = input.length > 0 && (input[0] & 1) != 0 ? 64 : QueueFormat.SEGMENT_BYTES;
    List<String> names = new ArrayList<>();
    directory(input, names);
    MemoryStorage[] storage = new MemoryStorage[1];
    Recovery first;
    try {
      first = budget.call(16L * input.length + PER_SEGMENT * (names.size() + 1) + SLACK,
          "Recovery.run", () -> {
            storage[0] = directory(input, new ArrayList<>());
            return Recovery.run(storage[0], segmentBytes);
          });
    } catch (QueueStorageException newerFormat) {
      return;
    }
    checkAgainstFiles(first, storage[0]);
    Recovery second = Recovery.run(storage[0], segmentBytes);
    assertEquals(describe(first), describe(second), "a second recovery of the same files");
    for (Recovery.Note n : second.notes) {
      assertTrue(!n.what.contains("truncated") && !n.what.contains("overwritten")
          && !n.what.contains("wrote a fresh") && !n.what.contains("cut off"),
          "the second recovery repaired again: " + n);
    }
  }

  /** The directory the input describes; the segment names go to {@code names}. */
  private static MemoryStorage directory(byte[] input, List<String> names) {
    MemoryStorage storage = new MemoryStorage();
    long base = 0;
    for (int at = 1; at < input.length; ) {
      base += input[at] & 0xFF;
      int length = at + 2 < input.length ? (input[at + 1] & 0xFF) << 8 | (input[at + 2] & 0xFF) : 0;
      int from = Math.min(at + 3, input.length);
      int to = (int) Math.min((long) from + length, input.length);
      String name = QueueFormat.segmentName(base);
      storage.put(name, Arrays.copyOfRange(input, from, to));
      if (!names.contains(name)) names.add(name);
      at = to == from ? from + 1 : to;
    }
    return storage;
  }

  private static void checkAgainstFiles(Recovery r, MemoryStorage storage) {
    for (Map.Entry<Long, Segment> e : r.segments.entrySet()) {
      Segment s = e.getValue();
      byte[] content = storage.content(s.name);
      assertEquals(content.length, s.allocated, s + ": allocated vs the file's length");
      assertTrue(s.size >= QueueFormat.SEGMENT_HEADER_SIZE && s.size <= s.allocated,
          s + ": size within the file");
      assertTrue(s.live >= 0 && s.live <= s.messages, s + ": live messages");
      assertTrue(s.liveBytes >= 0 && s.liveBytes <= s.size, s + ": live bytes");
      assertTrue(s.recoveredSize == s.size, s + ": recovered size");
      for (long i = s.size; i < content.length; i++) {
        assertEquals(0, content[(int) i], s + ": the space after the records is zeros at " + i);
      }
      assertTrue(r.nextSeq >= s.base, "next sequence number " + r.nextSeq + " below " + s);
    }
  }

  private static String describe(Recovery r) {
    return r.segments.values() + " done " + r.done + " pubrels " + r.pubrels + " next "
        + r.nextSeq;
  }
}
