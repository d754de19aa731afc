package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message's MQTT 5 property block lives in the queue like its payload: in memory, in format 3
 * records on disk, across reopen and after the PUBREL step; a message without one costs nothing
 * and its record stays the format 2 bytes.
 */
class QueuePropertiesTest {
  /** Stands for an encoded property block: opaque to the queue. */
  private static final byte[] PROPS = {5, 0x26, 0, 1, 'k', 0};

  @TempDir File dir;

  private FileQueue open(SyncPolicy policy) throws IOException {
    return FileQueue.open(QueueOptions.files(dir).sync(policy).build(), new RecordingListener(),
        new FaultyStorage(dir), QueueFormat.SEGMENT_BYTES, NanoClock.SYSTEM);
  }

  @Test void aMemoryQueueKeepsTheCallersArray() throws IOException {
    MemoryQueue q = new MemoryQueue(QueueOptions.memory(10), new RecordingListener());
    q.append("t", bytes("p"), 1, false, OutboundQueue.NO_EXPIRY, PROPS, null);
    q.append("t", bytes("q"), 1, false, OutboundQueue.NO_EXPIRY, null, null);
    assertSame(PROPS, q.next().properties());
    assertNull(q.next().properties());
  }

  @ParameterizedTest @EnumSource(SyncPolicy.class)
  void aFileQueueKeepsThemAcrossReopenWithTheDeadlineAndThePubrelStep(SyncPolicy policy)
      throws IOException {
    try (FileQueue q = open(policy)) {
      q.append("a", bytes("1"), 1, false, 3_600_000, PROPS, null);
      q.append("b", bytes("2"), 2, true, OutboundQueue.NO_EXPIRY, PROPS, null);
      q.append("c", bytes("3"), 1, false, OutboundQueue.NO_EXPIRY, null, null);
      // Handed out at once: from memory (LastAppended) for the last one, from the file before.
      assertArrayEquals(PROPS, q.next().properties());
      QueuedMessage b = q.next();
      assertArrayEquals(PROPS, b.properties());
      assertNull(q.next().properties());
      q.pubrelSent(b.seq());
    }
    try (FileQueue q = open(policy)) {
      QueuedMessage a = q.next();
      assertEquals("a", a.topic());
      assertArrayEquals(PROPS, a.properties());
      assertTrue(a.deadline() != QueuedMessage.NO_DEADLINE);
      QueuedMessage b = q.next();
      assertTrue(b.pubrelSent());
      assertTrue(b.retain());
      assertArrayEquals(PROPS, b.properties(), "the PUBREL step keeps the message's properties");
      assertEquals("2", QueueFixture.text(b));
      assertNull(q.next().properties());
    }
  }

  @Test void aMessageWithoutPropertiesKeepsItsFormat2Record() {
    byte[] none = RecordCodec.message(7, 1, false, QueuedMessage.NO_DEADLINE, null,
        bytes("t"), bytes("p"));
    // Body: type, seq(8), flags, topic length(2), "t", "p": 14 bytes, flags 0x01 (QoS 1 only).
    assertEquals(QueueFormat.FRAME_HEADER_SIZE + 14, none.length);
    assertEquals(0x01, none[QueueFormat.FRAME_HEADER_SIZE + 9]);
    byte[] with = RecordCodec.message(7, 1, false, QueuedMessage.NO_DEADLINE, PROPS,
        bytes("t"), bytes("p"));
    assertEquals(none.length + 4 + PROPS.length, with.length);
    assertEquals(0x01 | QueueFormat.FLAG_PROPERTIES, with[QueueFormat.FRAME_HEADER_SIZE + 9]);
    Record r = RecordCodec.decode(with, 0, with.length - QueueFormat.FRAME_HEADER_SIZE);
    assertNotNull(r);
    assertArrayEquals(PROPS, r.properties);
    assertEquals("t", r.topic);
  }

  @Test void aPropertiesLengthBeyondTheRecordIsDamageEvenWithAGoodChecksum() {
    byte[] b = RecordCodec.message(7, 1, false, QueuedMessage.NO_DEADLINE, PROPS, bytes("t"),
        bytes("p"));
    int lengthAt = QueueFormat.FRAME_HEADER_SIZE + 10;
    for (int bad : new int[] {0, PROPS.length + 4, QueueFormat.MAX_PROPERTIES + 1, -1}) {
      RecordCodec.putInt(b, lengthAt, bad);
      reseal(b);
      assertNull(RecordCodec.decode(b, 0, b.length - QueueFormat.FRAME_HEADER_SIZE),
          "properties length " + bad);
    }
  }

  @Test void aBlockOverTheLimitIsRefusedAtAppendNamingItsSize() throws IOException {
    byte[] big = new byte[QueueFormat.MAX_PROPERTIES + 1];
    MemoryQueue m = new MemoryQueue(QueueOptions.memory(10), new RecordingListener());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.append("t", bytes("p"), 1, false, OutboundQueue.NO_EXPIRY, big, null));
    assertTrue(e.getMessage().contains(Integer.toString(big.length)), e.getMessage());
    assertTrue(e.getMessage().contains(Integer.toString(QueueFormat.MAX_PROPERTIES)));
    try (FileQueue q = open(SyncPolicy.NEVER)) {
      assertThrows(IllegalArgumentException.class,
          () -> q.append("t", bytes("p"), 1, false, OutboundQueue.NO_EXPIRY, big, null));
      assertEquals(0, q.size());
    }
  }

  @Test void aFormat1DirectoryTakesFormat3Records() throws IOException, URISyntaxException {
    File source = new File(getClass().getResource("/queue-format-1").toURI());
    for (File f : source.listFiles((d, n) -> n.endsWith(QueueFormat.SEGMENT_SUFFIX))) {
      QueueFixture.write(new File(dir, f.getName()), read(f));
    }
    long seq;
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      seq = q.append("new/v3", bytes("x"), 1, false, OutboundQueue.NO_EXPIRY, PROPS, null);
    }
    assertEquals(3, read(new File(dir, QueueFormat.segmentName(12)))[4]);
    try (FileQueue q = open(SyncPolicy.ALWAYS)) {
      QueuedMessage m;
      while ((m = q.next()) != null && m.seq() != seq) {
        assertNull(m.properties(), "format 1 records have none");
      }
      assertNotNull(m);
      assertArrayEquals(PROPS, m.properties());
    }
  }

  /** A valid checksum over bytes 2..5 and the body, as the codec writes it. */
  private static void reseal(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 2, 4);
    crc.update(b, QueueFormat.FRAME_HEADER_SIZE, b.length - QueueFormat.FRAME_HEADER_SIZE);
    RecordCodec.putInt(b, 6, (int) crc.getValue());
  }
}
