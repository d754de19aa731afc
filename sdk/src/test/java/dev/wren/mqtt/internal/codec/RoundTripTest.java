package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type: known bytes decode to the value, and the value encodes to the same bytes. */
class RoundTripTest {
  private static final int MAX = 1 << 24;

  static Stream<Arguments> packets() {
    return Stream.of(
        Arguments.of("CONNECT minimal", "10 0D 00 04 4D 51 54 54 04 00 00 00 00 01 63",
            new Connect("c", false, 0, null, null, null)),
        Arguments.of("CONNECT will+username+password",
            "10 26 00 04 4D 51 54 54 04 EE 00 3C"
                + " 00 04 77 72 65 6E" // client id "wren"
                + " 00 03 77 2F 74 00 03 62 79 65" // will "w/t" -> "bye"
                + " 00 04 75 73 65 72" // "user"
                + " 00 04 70 61 73 73", // "pass"
            new Connect("wren", true, 60, "user", bytes("pass"),
                new Connect.Will("w/t", bytes("bye"), 1, true))),
        Arguments.of("CONNECT username only, QoS 2 will", "10 17 00 04 4D 51 54 54 04 94 FF FF"
                + " 00 00 00 01 74 00 00 00 04 75 73 65 72",
            new Connect("", false, 65535, "user", null,
                new Connect.Will("t", new byte[0], 2, false))),
        Arguments.of("CONNACK session present", "20 02 01 00", new ConnAck(true, 0)),
        Arguments.of("CONNACK refused", "20 02 00 05", new ConnAck(false, 5)),
        Arguments.of("PUBLISH QoS 0", "30 07 00 03 61 2F 62 68 69",
            new Publish("a/b", bytes("hi"), 0, false, false, 0)),
        Arguments.of("PUBLISH QoS 1 empty payload", "32 07 00 03 61 2F 62 00 01",
            new Publish("a/b", new byte[0], 1, false, false, 1)),
        Arguments.of("PUBLISH QoS 2 DUP retain", "3D 0A 00 03 61 2F 62 12 34 01 02 03",
            new Publish("a/b", new byte[] {1, 2, 3}, 2, true, true, 0x1234)),
        Arguments.of("PUBLISH UTF-8 topic", "31 08 00 06 C3 A9 E2 82 AC 2F",
            new Publish("é€/", new byte[0], 0, true, false, 0)),
        Arguments.of("PUBACK", "40 02 00 01", new PubAck(1)),
        Arguments.of("PUBREC", "50 02 FF FF", new PubRec(65535)),
        Arguments.of("PUBREL", "62 02 00 07", new PubRel(7)),
        Arguments.of("PUBCOMP", "70 02 01 00", new PubComp(256)),
        Arguments.of("SUBSCRIBE", "82 0C 00 0A 00 03 61 2F 2B 01 00 01 23 02",
            new Subscribe(10, Arrays.asList(
                new Subscribe.Entry("a/+", 1), new Subscribe.Entry("#", 2)))),
        Arguments.of("SUBACK", "90 06 00 0A 01 80 00 02",
            new SubAck(10, Arrays.asList(1, SubAck.FAILURE, 0, 2))),
        Arguments.of("UNSUBSCRIBE", "A2 0A 00 0B 00 03 61 2F 2B 00 01 23",
            new Unsubscribe(11, Arrays.asList("a/+", "#"))),
        Arguments.of("UNSUBACK", "B0 02 00 0B", new UnsubAck(11)),
        Arguments.of("PINGREQ", "C0 00", PingReq.INSTANCE),
        Arguments.of("PINGRESP", "D0 00", PingResp.INSTANCE),
        Arguments.of("DISCONNECT", "E0 00", Disconnect.INSTANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void decodes(String name, String hex, Packet expected) throws Exception {
    assertEquals(expected, Mqtt311Decoder.decode(Hex.decode(hex), MAX));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void encodes(String name, String hex, Packet packet) {
    assertEquals(Hex.normalize(hex), Hex.encode(Mqtt311Encoder.encode(packet)));
    assertEquals(Hex.decode(hex).length, Mqtt311Encoder.encodedSize(packet));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void decodesBodyAtAnOffset(String name, String hex, Packet expected) throws Exception {
    byte[] packet = Hex.decode(hex);
    FixedHeader header = FixedHeader.parse(packet, 0, packet.length, MAX);
    byte[] shifted = new byte[packet.length + 7];
    System.arraycopy(packet, header.headerLength(), shifted, 3, header.remainingLength());
    assertEquals(expected, Mqtt311Decoder.decode(
        header.typeAndFlags(), shifted, 3, header.remainingLength()));
  }

  /** Remaining lengths at each boundary where the length field grows by a byte. */
  static List<Arguments> remainingLengths() {
    return Arrays.asList(
        Arguments.of(0, "00"), Arguments.of(127, "7F"), Arguments.of(128, "80 01"),
        Arguments.of(16_383, "FF 7F"), Arguments.of(16_384, "80 80 01"),
        Arguments.of(2_097_151, "FF FF 7F"), Arguments.of(2_097_152, "80 80 80 01"));
  }

  @ParameterizedTest(name = "remaining length {0}")
  @MethodSource("remainingLengths")
  void publishWithRemainingLength(int remaining, String lengthHex) throws Exception {
    if (remaining < 3) return; // A PUBLISH body is at least its topic.
    byte[] payload = new byte[remaining - 3]; // Topic "t" takes 3 bytes.
    Arrays.fill(payload, (byte) 0x5A);
    Publish publish = new Publish("t", payload, 0, false, false, 0);
    byte[] header = Hex.decode("30 " + lengthHex + " 00 01 74");
    byte[] encoded = Mqtt311Encoder.encode(publish);
    assertEquals(header.length + payload.length, encoded.length);
    assertArrayEquals(header, Arrays.copyOf(encoded, header.length));
    assertEquals(publish, Mqtt311Decoder.decode(encoded, MAX));
  }

  @ParameterizedTest(name = "remaining length {0}")
  @MethodSource("remainingLengths")
  void remainingLengthBytes(int remaining, String lengthHex) {
    byte[] expected = Hex.decode(lengthHex);
    byte[] out = new byte[6];
    assertEquals(1 + expected.length, Mqtt311Encoder.writeRemainingLength(remaining, out, 1));
    assertArrayEquals(expected, Arrays.copyOfRange(out, 1, 1 + expected.length));
    assertEquals(expected.length, Mqtt311Encoder.remainingLengthSize(remaining));
  }

  @org.junit.jupiter.api.Test
  void largestRemainingLength() throws Exception {
    byte[] out = new byte[4];
    assertEquals(4, Mqtt311Encoder.writeRemainingLength(268_435_455, out, 0));
    assertEquals("FF FF FF 7F", Hex.encode(out));
    assertEquals(4, Mqtt311Encoder.remainingLengthSize(268_435_455));
    FixedHeader header = FixedHeader.parse(Hex.decode("30 FF FF FF 7F"), 0, 5, Integer.MAX_VALUE);
    assertEquals(268_435_455, header.remainingLength());
    assertEquals(268_435_460, header.packetSize());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
