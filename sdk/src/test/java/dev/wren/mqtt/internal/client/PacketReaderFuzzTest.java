package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.testing.AllocationBudget;
import dev.wren.mqtt.testing.ChoppedInput;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the streaming packet reader over a {@link ChoppedInput}: the stream cut at fuzzer-chosen
 * points with read timeouts between the pieces (corpus: PacketReaderFuzzTestInputs; bit 4 of the
 * first byte makes the first packet a required CONNACK). Holds for every input: the reader ends
 * with {@link EOFException} or a {@link MalformedPacketException} and nothing else; it reads the
 * same packets and ends the same way as over the uncut stream, so resuming after a timeout loses
 * and repeats nothing; every call makes progress; the whole stream costs no more than the maximum
 * packet size beyond what its bytes take.
 */
class PacketReaderFuzzTest {
  private static final int MAX_PACKET = 64 * 1024;
  private static final long SLACK = 128 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void choppedStreamReadsLikeTheWholeOne(byte[] input) throws Exception {
    boolean requireConnAck = input.length > 0 && (input[0] & 0x10) != 0;
    ChoppedInput chopped = new ChoppedInput(input);
    byte[] stream = Arrays.copyOfRange(input, input.length - chopped.streamLength(), input.length);
    byte[] uncut = new byte[stream.length + 1];
    System.arraycopy(stream, 0, uncut, 1, stream.length);

    long budgetBytes = MAX_PACKET + 16L * stream.length + SLACK;
    Outcome whole = budget.call(budgetBytes, "PacketReader.read",
        () -> readAll(new ChoppedInput(uncut), requireConnAck, stream.length));
    Outcome pieces = budget.call(budgetBytes, "PacketReader.read",
        () -> readAll(new ChoppedInput(input), requireConnAck, stream.length));
    assertEquals(whole.packets, pieces.packets, "packets read over the cut stream");
    assertEquals(whole.end.getClass(), pieces.end.getClass(), "how the cut stream ended: "
        + pieces.end + " (uncut: " + whole.end + ")");
  }

  private static Outcome readAll(ChoppedInput in, boolean requireConnAck, int streamLength)
      throws Exception {
    PacketReader reader = new PacketReader(new ReadOnlyConnection(in, "fuzz"), MAX_PACKET);
    if (requireConnAck) reader.require(PacketType.CONNACK);
    Outcome outcome = new Outcome();
    try {
      // Each call returns a packet (2 bytes at least) or null for a timeout, or throws.
      for (int calls = 0; ; calls++) {
        assertTrue(calls <= streamLength / 2 + in.timeouts() + 1,
            "PacketReader.read made no progress: " + calls + " calls");
        Packet p = reader.read(0);
        if (p != null) outcome.packets.add(p);
      }
    } catch (EOFException | MalformedPacketException e) {
      outcome.end = e;
    }
    return outcome;
  }

  private static final class Outcome {
    final List<Packet> packets = new ArrayList<>();
    Exception end;
  }

}
