package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.read;
import static dev.wren.mqtt.internal.queue.QueueFixture.recordOffsets;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-message deadlines: a message past its deadline when it would first be handed out is removed
 * and reported instead; once handed out it is kept until acknowledged. The deadline is wall-clock
 * time stored with the message, so it survives a reopen; a test clock stands in for the wall.
 */
class ExpiryTest {
  @TempDir File dir;
  final AtomicLong now = new AtomicLong(1_000_000);
  final WallClock clock = now::get;
  RecordingListener listener = new RecordingListener();

  private OutboundQueue open(boolean files) throws IOException {
    if (!files) return new MemoryQueue(QueueOptions.memory(100), listener, clock);
    return FileQueue.open(QueueOptions.files(dir).sync(SyncPolicy.BATCH).build(), listener,
        new FaultyStorage(dir), 4096, NanoClock.SYSTEM, clock);
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void aMessagePastItsDeadlineIsRemovedAndReportedInsteadOfHandedOut(boolean files)
      throws IOException {
    try (OutboundQueue q = open(files)) {
      q.append("t", bytes("keeps"), 1, false, OutboundQueue.NO_EXPIRY, null);
      q.append("t", bytes("short"), 1, true, 500, null);
      q.append("t", bytes("long"), 2, false, 5_000, null);
      long sizeBefore = q.sizeBytes();
      now.addAndGet(500); // exactly at the deadline: expired
      assertEquals(List.of("keeps", "long"), drain(q));
      assertEquals(1, listener.expired.size());
      QueuedMessage gone = listener.expired.get(0);
      assertEquals("short", text(gone));
      assertEquals(1, gone.seq());
      assertTrue(gone.retain());
      assertEquals(1_000_500, gone.deadline());
      assertEquals(2, q.size());
      assertEquals(sizeBefore - (QueueFormat.MESSAGE_OVERHEAD + 8 + 1 + 5), q.sizeBytes());
      assertEquals(List.of(), listener.dropped, "expiry is not an overflow drop");
    }
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void aMessageHandedOutBeforeItsDeadlineIsKeptUntilAcknowledged(boolean files)
      throws IOException {
    try (OutboundQueue q = open(files)) {
      q.append("t", bytes("a"), 1, false, 100, null);
      QueuedMessage m = q.next();
      assertEquals(1_000_100, m.deadline());
      now.addAndGet(10_000);
      q.rewind(); // a reconnect: it may be at the broker, so it goes again
      assertEquals(List.of("a"), drain(q));
      assertEquals(List.of(), listener.expired);
      q.acknowledged(0);
      assertEquals(0, q.size());
    }
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void aClockSetBackKeepsTheMessageUntilTheClockReachesTheDeadlineAgain(boolean files)
      throws IOException {
    try (OutboundQueue q = open(files)) {
      q.append("t", bytes("a"), 1, false, 1_000, null);
      now.addAndGet(-60_000);
      q.append("t", bytes("b"), 1, false, 1_000, null);
      now.addAndGet(30_000); // past b's deadline, long before a's
      assertEquals(List.of("a"), drain(q));
      assertEquals("b", text(listener.expired.get(0)));
    }
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void aNegativeLifetimeOtherThanNoExpiryIsRefused(boolean files) throws IOException {
    try (OutboundQueue q = open(files)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> q.append("t", bytes("a"), 1, false, -2, null));
      assertTrue(e.getMessage().startsWith("lifetime -2 ms"), e.getMessage());
      assertEquals(0, q.size());
    }
  }

  @Test void theDeadlineSurvivesAReopenAndAnExpiryIsRecorded() throws IOException {
    try (OutboundQueue q = open(true)) {
      q.append("t", bytes("soon"), 1, false, 1_000, null);
      q.append("t", bytes("later"), 1, false, 60_000, null);
      q.append("t", bytes("never"), 1, false, OutboundQueue.NO_EXPIRY, null);
    }
    now.addAndGet(2_000);
    try (OutboundQueue q = open(true)) {
      assertEquals(List.of("later", "never"), drain(q));
      assertEquals("soon", text(listener.expired.get(0)));
    }
    // The DROP record stands even if the clock goes back before the deadline.
    now.addAndGet(-10_000);
    listener = new RecordingListener();
    try (OutboundQueue q = open(true)) {
      assertEquals(2, q.size());
      assertEquals(List.of("later", "never"), drain(q));
      assertEquals(List.of(), listener.expired);
    }
  }

  @Test void aRecoveredQos2MessageWhosePubrelWasRecordedIsNotExpired() throws IOException {
    try (OutboundQueue q = open(true)) {
      q.append("t", bytes("q2"), 2, false, 1_000, null);
      q.next();
      q.pubrelSent(0); // the broker holds it: only PUBREL is left to send
    }
    now.addAndGet(5_000);
    try (OutboundQueue q = open(true)) {
      QueuedMessage m = q.next();
      assertTrue(m.pubrelSent());
      assertNull(q.next());
      assertEquals(List.of(), listener.expired);
    }
  }

  @Test void expiredMessagesLetTheirSegmentsGo() throws IOException {
    try (OutboundQueue q = open(true)) {
      for (int i = 0; i < 400; i++) q.append("t", bytes("m" + i), 1, false, 1_000, null);
      assertTrue(dir.list((d, n) -> n.endsWith(".seg")).length > 2);
      now.addAndGet(1_000);
      assertNull(q.next());
      assertEquals(400, listener.expired.size());
      assertEquals(0, q.size());
      assertEquals(1, dir.list((d, n) -> n.endsWith(".seg")).length, "only the tail is left");
    }
  }

  @Test void theDeadlineIsStoredInTheRecord() throws IOException {
    try (OutboundQueue q = open(true)) {
      q.append("a/b", bytes("hi"), 2, true, 250, null);
    }
    File seg = new File(dir, QueueFormat.segmentName(0));
    byte[] content = read(seg);
    int at = recordOffsets(java.util.Arrays.copyOf(content, QueueFormat.SEGMENT_HEADER_SIZE
        + QueueFormat.MESSAGE_OVERHEAD + 8 + 3 + 2)).get(0);
    int bodyLength = RecordCodec.bodyLength(content, at);
    Record r = RecordCodec.decode(content, at, bodyLength);
    assertEquals(1_000_250, r.deadline);
    assertEquals(QueueFormat.FLAG_DEADLINE | QueueFormat.FLAG_RETAIN | 2,
        content[at + QueueFormat.FRAME_HEADER_SIZE + 9]);
  }
}
