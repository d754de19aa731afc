package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;

/**
 * Fuzzes the MQTT 5.0 decoder with whole packets of every type (corpus:
 * Mqtt5DecoderFuzzTestInputs). Holds for every input: a packet or a {@link
 * MalformedPacketException} (its subclasses included), nothing else; no more allocation than the
 * input and the packet's copy of it take; a decoded packet encodes to bytes that decode to a
 * packet equal to it (not always the same bytes: 5.0 lets a sender spell out a reason code 0 or
 * an empty property list that the encoder leaves out, and property order is free).
 */
class Mqtt5DecoderFuzzTest {
  /** Small, so that a length field the decoder believed would show in the allocation budget. */
  private static final int MAX_PACKET = 64 * 1024;
  /** Strings, lists, properties, the exception and its stack trace. */
  private static final long SLACK = 64 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void decodeIsAPacketOrMalformed(byte[] input) throws Exception {
    Packet packet;
    try {
      packet = budget.call(MAX_PACKET + 8L * input.length + SLACK, "Mqtt5Decoder.decode",
          () -> Mqtt5Decoder.decode(input, MAX_PACKET));
    } catch (MalformedPacketException expected) {
      return;
    }
    byte[] encoded = Mqtt5Encoder.encode(packet);
    assertEquals(packet, Mqtt5Decoder.decode(encoded, MAX_PACKET), "decode(encode(p))");
    assertEquals(encoded.length, Mqtt5Encoder.encodedSize(packet), "encodedSize(p)");
  }
}
