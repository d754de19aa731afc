package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.read;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A directory written by the format 1 code (src/test/resources/queue-format-1, see its README)
 * opens, drains and takes new format 2 records, under every sync policy.
 */
class FormatCompatibilityTest {
  @TempDir File dir;

  @BeforeEach void copyTheFormat1Directory() throws IOException, URISyntaxException {
    File source = new File(getClass().getResource("/queue-format-1").toURI());
    File[] files = source.listFiles((d, n) -> n.endsWith(QueueFormat.SEGMENT_SUFFIX));
    assertEquals(3, files.length);
    for (File f : files) QueueFixture.write(new File(dir, f.getName()), read(f));
  }

  private FileQueue open(SyncPolicy policy) throws IOException {
    return FileQueue.open(QueueOptions.files(dir).sync(policy).build(), new RecordingListener(),
        new FaultyStorage(dir), QueueFormat.SEGMENT_BYTES, NanoClock.SYSTEM);
  }

  @ParameterizedTest @EnumSource(SyncPolicy.class)
  void aFormat1DirectoryOpensDrainsAndTakesFormat2Records(SyncPolicy policy) throws IOException {
    File tail = new File(dir, QueueFormat.segmentName(12));
    assertEquals(1, read(tail)[4], "the fixture is format 1");
    try (FileQueue q = open(policy)) {
      assertEquals(List.of(), q.recoveryNotes());
      assertEquals(7, q.size());
      assertEquals(12, q.nextSeq());
      QueuedMessage m3 = q.next();
      assertEquals(3, m3.seq());
      assertEquals(2, m3.qos());
      assertTrue(m3.pubrelSent(), "its PUBREL step was recorded by the old code");
      assertEquals("fixture/v1/3", m3.topic());
      assertEquals("reading 3", text(m3));
      List<Long> seqs = new ArrayList<>();
      QueuedMessage m;
      while ((m = q.next()) != null) {
        seqs.add(m.seq());
        assertEquals("fixture/v1/" + m.seq(), m.topic());
        assertEquals("reading " + m.seq(), text(m));
        assertEquals(m.seq() == 7 ? 2 : 1, m.qos());
        assertFalse(m.retain());
        assertEquals(QueuedMessage.NO_DEADLINE, m.deadline());
      }
      assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L), seqs);
      assertEquals(12, q.append("new/v2", bytes("with a deadline"), 1, false, 3_600_000, null));
      assertEquals(QueueFormat.FORMAT_VERSION, read(tail)[4], "the tail is now format 2");
      assertEquals(policy == SyncPolicy.NEVER
          ? 130 + QueueFormat.MESSAGE_OVERHEAD + QueueFormat.DEADLINE_BYTES + 6 + 15
          : QueueFormat.SEGMENT_BYTES,
          tail.length(), "preallocated unless NEVER");
      for (long seq = 3; seq < 12; seq++) {
        if (seq == 3 || seq >= 6) q.acknowledged(seq);
      }
    }
    try (FileQueue q = open(policy)) {
      assertEquals(List.of(), q.recoveryNotes());
      QueuedMessage m = q.next();
      assertEquals(12, m.seq());
      assertEquals("with a deadline", text(m));
      assertTrue(m.deadline() > System.currentTimeMillis());
      assertNull(q.next());
      q.acknowledged(12);
      assertEquals(0, q.size());
    }
  }
}
