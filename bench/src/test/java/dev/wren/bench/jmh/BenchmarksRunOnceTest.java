package dev.wren.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wren.mqtt.internal.codec.Mqtt311Decoder;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls each JMH benchmark method once, outside JMH, and checks that it did its job, so that the
 * benchmarks cannot silently measure something broken. No JMH run and no timing here.
 */
class BenchmarksRunOnceTest {
  @ParameterizedTest
  @ValueSource(ints = {64, 4096})
  void encodeMakesAPublishTheDecoderReadsBack(int payloadBytes) throws Exception {
    CodecBenchmark codec = codec(payloadBytes);
    byte[] wire = codec.encodePublish();
    Publish decoded = (Publish) Mqtt311Decoder.decode(wire, CodecBenchmark.MAX_PACKET_SIZE);
    assertEquals(CodecBenchmark.TOPIC, decoded.topic());
    assertEquals(1, decoded.qos());
    assertEquals(1, decoded.packetId());
    assertEquals(payloadBytes, decoded.payload().length);
    assertEquals(2, ((Publish) Mqtt311Decoder.decode(codec.encodePublish(),
        CodecBenchmark.MAX_PACKET_SIZE)).packetId(), "each encode takes the next packet id");
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 4096})
  void decodeReadsThePublishBack(int payloadBytes) throws Exception {
    Publish decoded = (Publish) codec(payloadBytes).decodePublish();
    byte[] expected = new byte[payloadBytes];
    Arrays.fill(expected, (byte) 'x');
    assertEquals(new Publish(CodecBenchmark.TOPIC, expected, 1, false, false, 1), decoded);
    assertArrayEquals(expected, decoded.payload());
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEVER", "ALWAYS"})
  void appendStoresMessagesInATemporaryDirectoryRemovedAfterwards(String sync) throws Exception {
    QueueBenchmark benchmark = new QueueBenchmark();
    QueueBenchmark.AppendState state = new QueueBenchmark.AppendState();
    state.sync = sync;
    state.setup();
    try {
      assertEquals(0, benchmark.append(state));
      assertEquals(1, benchmark.append(state));
      assertEquals(2, state.queue.size());
    } finally {
      state.tearDown();
    }
    assertFalse(Files.exists(state.dir), state.dir + " left behind");
  }

  @Test
  void nextCyclesThroughTheStoredMessages() throws Exception {
    QueueBenchmark benchmark = new QueueBenchmark();
    QueueBenchmark.ReadState state = new QueueBenchmark.ReadState();
    state.setup();
    try {
      for (int i = 0; i < QueueBenchmark.READ_MESSAGES; i++) {
        QueuedMessage message = benchmark.next(state);
        assertEquals(i, message.seq());
        assertEquals(QueueBenchmark.PAYLOAD.length, message.payload().length);
      }
      assertEquals(0, benchmark.next(state).seq(), "after the last one, from the first again");
    } finally {
      state.tearDown();
    }
    assertFalse(Files.exists(state.dir), state.dir + " left behind");
  }

  @Test
  void appendNextAcknowledgeLeavesTheQueueEmpty() throws Exception {
    QueueBenchmark benchmark = new QueueBenchmark();
    QueueBenchmark.CycleState state = new QueueBenchmark.CycleState();
    state.setup();
    // JMH's documented way to make a Blackhole outside a benchmark run.
    Blackhole blackhole = new Blackhole("Today's password is swordfish. I understand"
        + " instantiating Blackholes directly is dangerous.");
    try {
      benchmark.appendNextAcknowledge(state, blackhole);
      benchmark.appendNextAcknowledge(state, blackhole);
      assertEquals(0, state.queue.size());
      assertEquals(2, state.queue.nextSeq());
      assertNull(state.queue.next());
    } finally {
      state.tearDown();
    }
  }

  private static CodecBenchmark codec(int payloadBytes) {
    CodecBenchmark codec = new CodecBenchmark();
    codec.payloadBytes = payloadBytes;
    codec.setup();
    return codec;
  }
}
