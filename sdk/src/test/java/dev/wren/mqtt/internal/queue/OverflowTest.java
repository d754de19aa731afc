package dev.wren.mqtt.internal.queue;

import static dev.wren.mqtt.internal.queue.QueueFixture.appendAll;
import static dev.wren.mqtt.internal.queue.QueueFixture.bytes;
import static dev.wren.mqtt.internal.queue.QueueFixture.drain;
import static dev.wren.mqtt.internal.queue.QueueFixture.range;
import static dev.wren.mqtt.internal.queue.QueueFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.OverflowPolicy;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Full queues, memory and file alike: REJECT_NEW refuses, DROP_OLDEST drops what was not sent. */
class OverflowTest {
  @TempDir File dir;
  final RecordingListener listener = new RecordingListener();
  QueueFixture fx;

  private OutboundQueue open(boolean files, int maxMessages, OverflowPolicy overflow)
      throws IOException {
    if (!files) return new MemoryQueue(QueueOptions.memory(maxMessages, overflow), listener);
    fx = new QueueFixture(dir);
    fx.listener = listener;
    fx.options = QueueOptions.files(dir).sync(SyncPolicy.NEVER).maxMessages(maxMessages)
        .overflow(overflow).build();
    return fx.open();
  }

  private static List<String> texts(List<QueuedMessage> messages) {
    List<String> out = new ArrayList<>();
    for (QueuedMessage m : messages) out.add(text(m));
    return out;
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void rejectNewNamesTheLimitTheCountsAndWhatToDo(boolean files) throws IOException {
    try (OutboundQueue q = open(files, 3, OverflowPolicy.REJECT_NEW)) {
      appendAll(q, 0, 3);
      QueueFullException e = assertThrows(QueueFullException.class,
          () -> q.append("t", bytes("m3"), 1, false));
      assertTrue(e.getMessage().startsWith("queue full: maxMessages 3 reached; it holds 3"
          + " unacknowledged messages taking 75 bytes."), e.getMessage());
      assertTrue(e.getMessage().contains("OverflowPolicy.DROP_OLDEST"), e.getMessage());
      assertEquals(3, q.size());
      q.acknowledged(q.next().seq());
      assertEquals(3, q.append("t", bytes("m3"), 1, false));
      assertEquals(range(1, 3), drain(q));
    }
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void dropOldestDropsOnlyMessagesNotYetHandedOut(boolean files) throws IOException {
    try (OutboundQueue q = open(files, 4, OverflowPolicy.DROP_OLDEST)) {
      appendAll(q, 0, 4);
      assertEquals("m0", text(q.next()));
      appendAll(q, 4, 2);
      assertEquals(List.of("m1", "m2"), texts(listener.dropped));
      assertTrue(listener.reasons.get(0).contains("maxMessages 4 reached"), listener.reasons.get(0));
      assertEquals(4, q.size());
      q.rewind();
      assertEquals(List.of("m0", "m3", "m4", "m5"), drain(q));
      // Everything is handed out now: nothing may be dropped, so the new message is refused.
      QueueFullException e = assertThrows(QueueFullException.class,
          () -> q.append("t", bytes("m6"), 1, false));
      assertTrue(e.getMessage().contains("DROP_OLDEST has nothing to drop: 4 of the 4 queued"
          + " messages"), e.getMessage());
      q.acknowledged(3);
      q.append("t", bytes("m6"), 1, false);
      assertEquals(2, listener.dropped.size());
    }
  }

  @Test void dropsSurviveReopen() throws IOException {
    try (OutboundQueue q = open(true, 3, OverflowPolicy.DROP_OLDEST)) {
      appendAll(q, 0, 5);
      assertEquals(List.of("m0", "m1"), texts(listener.dropped));
    }
    try (OutboundQueue q = fx.open()) {
      assertEquals(range(2, 3), drain(q));
    }
  }

  @Test void dropOldestSkipsMessagesAcknowledgedBeforeARestart() throws IOException {
    try (OutboundQueue q = open(true, 4, OverflowPolicy.DROP_OLDEST)) {
      appendAll(q, 0, 4);
      q.next();
      q.next();
      q.acknowledged(1);
    }
    try (OutboundQueue q = fx.open()) {
      appendAll(q, 4, 3);
      assertEquals(List.of("m0", "m2"), texts(listener.dropped));
      assertEquals(List.of("m3", "m4", "m5", "m6"), drain(q));
    }
  }

  @Test void aLongOutageWithDropOldestKeepsTheDirectorySmall() throws IOException {
    fx = new QueueFixture(dir);
    fx.listener = listener;
    fx.segmentBytes = 1024;
    fx.options = QueueOptions.files(dir).sync(SyncPolicy.NEVER).maxMessages(10)
        .overflow(OverflowPolicy.DROP_OLDEST).build();
    try (FileQueue q = fx.open()) {
      appendAll(q, 0, 10);
      assertEquals("m0", text(q.next())); // sent before the link went down: never dropped
      appendAll(q, 10, 2000);
      assertEquals(2000, listener.dropped.size());
      assertTrue(fx.segments().length <= 4, fx.segments().length + " segments");
      assertTrue(q.trackedEntries() <= 4, "tracked " + q.trackedEntries());
      q.rewind();
      List<String> expected = new ArrayList<>(List.of("m0"));
      expected.addAll(range(2001, 9));
      assertEquals(expected, drain(q));
    }
    try (FileQueue q = fx.open()) {
      List<String> expected = new ArrayList<>(List.of("m0"));
      expected.addAll(range(2001, 9));
      assertEquals(expected, drain(q));
    }
  }

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void maxBytesCountsStoredSize(boolean files) throws IOException {
    QueueOptions options = files
        ? QueueOptions.files(dir).sync(SyncPolicy.NEVER).maxBytes(1024).build()
        : QueueOptions.memory(100).toBuilder().maxBytes(1024).build();
    OutboundQueue q = files ? FileQueue.open(options, listener, new FaultyStorage(dir),
        QueueFormat.SEGMENT_BYTES, NanoClock.SYSTEM) : new MemoryQueue(options, listener);
    try (q) {
      byte[] payload = new byte[1024 - QueueFormat.MESSAGE_OVERHEAD - 1];
      q.append("t", payload, 1, false);
      assertEquals(1024, q.sizeBytes());
      QueueFullException e = assertThrows(QueueFullException.class,
          () -> q.append("t", new byte[0], 1, false));
      assertTrue(e.getMessage().contains("maxBytes 1024 reached (1024 bytes queued, a new message"
          + " of 23 bytes)"), e.getMessage());
      e = assertThrows(QueueFullException.class, () -> q.append("t", new byte[2000], 1, false));
      assertTrue(e.getMessage().startsWith("a message of 2023 bytes (topic and payload plus 22)"
          + " can never fit in this queue: maxBytes is 1024"), e.getMessage());
    }
  }
}
