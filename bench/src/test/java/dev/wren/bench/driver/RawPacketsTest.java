package dev.wren.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The raw client's packets, byte for byte against MQTT 3.1.1. */
class RawPacketsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test void connectIsCleanSessionWithoutKeepAlive() {
    // 10, length 14, "MQTT", level 4, flags 02 (clean session), keep-alive 0, client id "ab"
    assertEquals("100e00044d5154540402000000026162", HEX.formatHex(RawPackets.connect("ab")));
  }

  @Test void subscribeCarriesFixedFlagsPacketIdFilterAndQos() {
    assertEquals("820800010003612f6201", HEX.formatHex(RawPackets.subscribe(1, "a/b", 1)));
  }

  @Test void publishPrefixCountsThePacketIdAndPayloadInTheRemainingLength() {
    // QoS 0: 2 + 1 topic byte + 64 payload = 67
    assertEquals("3043000174", HEX.formatHex(RawPackets.publishPrefix("t", 0, 64)));
    // QoS 2: flags 0100; 2 + 1 + 2 + 4096 = 4101 = 0x1005 -> 85 20
    assertEquals("348520000174", HEX.formatHex(RawPackets.publishPrefix("t", 2, 4096)));
  }

  @Test void acknowledgementsAreTypeLengthTwoAndTheId() {
    byte[] ack = new byte[4];
    RawPackets.ack(RawPackets.PUBREL, 0x1234, ack);
    assertEquals("62021234", HEX.formatHex(ack));
  }

  @Test void remainingLengthUsesSevenBitsPerByte() {
    assertEquals("7f", remaining(127));
    assertEquals("8001", remaining(128));
    assertEquals("ffff7f", remaining(2_097_151));
    assertEquals("ffffff7f", remaining(268_435_455));
  }

  private static String remaining(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RawPackets.writeRemainingLength(out, value);
    return HEX.formatHex(out.toByteArray());
  }
}
