package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;

/**
 * Fuzzes the decoder with whole packets of every type (corpus: Mqtt311DecoderFuzzTestInputs).
 * Holds for every input: a packet or a {@link MalformedPacketException} (PacketTooLargeException
 * and the other subclasses included), nothing else; no more allocation than the input and the
 * packet's copy of it take; a decoded packet encodes back to the same bytes when its remaining
 * length was minimally encoded, and to a packet equal to it in any case.
 */
class Mqtt311DecoderFuzzTest {
  /** Small, so that a length field the decoder believed would show in the allocation budget. */
  private static final int MAX_PACKET = 64 * 1024;
  /** Strings, lists, the exception and its stack trace. */
  private static final long SLACK = 64 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void decodeIsAPacketOrMalformed(byte[] input) throws Exception {
    Packet packet;
    try {
      packet = budget.call(MAX_PACKET + 8L * input.length + SLACK, "Mqtt311Decoder.decode",
          () -> Mqtt311Decoder.decode(input, MAX_PACKET));
    } catch (MalformedPacketException expected) {
      return;
    }
    byte[] encoded = Mqtt311Encoder.encode(packet);
    assertEquals(packet, Mqtt311Decoder.decode(encoded, MAX_PACKET), "decode(encode(p))");
    FixedHeader header = FixedHeader.parse(input, 0, input.length, MAX_PACKET);
    if (header.headerLength() == 1 + Mqtt311Encoder.remainingLengthSize(header.remainingLength())) {
      assertArrayEquals(input, encoded, "encode(decode(bytes)) for " + packet);
    }
  }
}
