package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per receiver rule: the specific exception, and a message naming the offending value. */
class MalformedPacketTest {
  private static final int MAX = 1 << 20;

  private static <T extends MalformedPacketException> T rejects(
      Class<T> type, String hex, String... fragments) {
    T e = assertThrows(type, () -> Mqtt311Decoder.decode(Hex.decode(hex), MAX));
    assertEquals(type, e.getClass(), "exact exception class");
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
    return e;
  }

  @ParameterizedTest(name = "{0} with flags {2}")
  @CsvSource({
      "PUBREL, 60 02 00 01, 0b0000",
      "SUBSCRIBE, 80 06 00 01 00 01 61 00, 0b0000",
      "UNSUBSCRIBE, A3 05 00 01 00 01 61, 0b0011",
      "PUBACK, 41 02 00 01, 0b0001",
      "CONNACK, 28 02 00 00, 0b1000",
      "PINGREQ, C2 00, 0b0010",
      "DISCONNECT, EF 00, 0b1111",
  })
  void reservedFlagBits(String packet, String hex, String flags) {
    rejects(MalformedPacketException.class, hex, packet + " fixed header flags must be", flags);
  }

  @Test void publishQos3() {
    rejects(MalformedPacketException.class, "36 05 00 03 61 2F 62", "QoS must be 0, 1 or 2: 3");
  }

  @Test void publishDupAtQos0() {
    rejects(MalformedPacketException.class, "38 05 00 03 61 2F 62", "DUP", "0b1000");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "PUBACK, 40 03 00 01 00, 2: 3",
      "PUBREC, 50 01 00, 2: 1",
      "PUBREL, 62 03 00 01 00, 2: 3",
      "PUBCOMP, 70 00, 2: 0",
      "UNSUBACK, B0 04 00 01 00 02, 2: 4",
      "CONNACK, 20 03 00 00 00, 2: 3",
      "PINGREQ, C0 01 00, 0: 1",
      "PINGRESP, D0 02 00 00, 0: 2",
      "DISCONNECT, E0 01 00, 0: 1",
  })
  void exactRemainingLength(String packet, String hex, String rule) {
    rejects(MalformedPacketException.class, hex, packet + " remaining length must be " + rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "PUBACK, 40 02 00 00",
      "PUBLISH, 32 07 00 03 61 2F 62 00 00",
      "SUBSCRIBE, 82 06 00 00 00 01 61 00",
      "SUBACK, 90 03 00 00 00",
      "UNSUBACK, B0 02 00 00",
  })
  void packetIdentifierZero(String packet, String hex) {
    rejects(MalformedPacketException.class, hex, packet + " packet identifier must be 1..65535: 0");
  }

  @Test void truncatedString() {
    rejects(MalformedPacketException.class, "30 05 00 0A 61 2F 62",
        "PUBLISH topic name truncated", "needs 10 bytes but 3 remain");
  }

  @Test void truncatedPacketIdentifier() {
    rejects(MalformedPacketException.class, "32 06 00 03 61 2F 62 00",
        "PUBLISH packet identifier truncated", "needs 2 bytes but 1 remain");
  }

  @Test void truncatedConnectPassword() {
    rejects(MalformedPacketException.class,
        "10 14 00 04 4D 51 54 54 04 C0 00 00 00 00 00 01 75 00 05 70 61 73",
        "CONNECT password truncated", "needs 5 bytes but 3 remain");
  }

  @Test void publishTopicWithWildcard() {
    rejects(InvalidTopicException.class, "30 05 00 03 61 2F 2B", "PUBLISH", "\"a/+\"");
  }

  @Test void publishEmptyTopic() {
    rejects(InvalidTopicException.class, "30 02 00 00", "must not be empty", "\"\"");
  }

  @Test void publishTopicIllFormedUtf8() {
    rejects(MalformedStringException.class, "30 04 00 02 C0 80",
        "PUBLISH topic name", "overlong", "C0 80");
  }

  @Test void connAckReservedFlags() {
    rejects(MalformedPacketException.class, "20 02 02 00", "acknowledge flags", "0x02");
  }

  @Test void subscribeWithoutEntries() {
    rejects(MalformedPacketException.class, "82 02 00 01", "at least one", "remaining length 2");
  }

  @Test void subscribeQosReservedBits() {
    rejects(MalformedPacketException.class, "82 06 00 01 00 01 61 04", "reserved", "0x04");
  }

  @Test void subscribeQos3() {
    rejects(MalformedPacketException.class, "82 06 00 01 00 01 61 03",
        "requested QoS must be 0, 1 or 2: 3");
  }

  @Test void subscribeInvalidFilter() {
    rejects(InvalidTopicException.class, "82 07 00 01 00 02 61 23 00", "SUBSCRIBE", "\"a#\"");
  }

  @Test void subAckInvalidReturnCode() {
    rejects(MalformedPacketException.class, "90 04 00 01 00 03", "return code", "0x03");
  }

  @Test void subAckWithoutReturnCodes() {
    rejects(MalformedPacketException.class, "90 02 00 01", "at least one", "remaining length 2");
  }

  @Test void unsubscribeWithoutFilters() {
    rejects(MalformedPacketException.class, "A2 02 00 01", "at least one", "remaining length 2");
  }

  @Test void unsubscribeInvalidFilter() {
    rejects(InvalidTopicException.class, "A2 06 00 01 00 02 2B 61", "UNSUBSCRIBE", "\"+a\"");
  }

  @Test void connectProtocolName() {
    rejects(MalformedPacketException.class,
        "10 0F 00 06 4D 51 49 73 64 70 03 02 00 3C 00 01 63", "\"MQTT\"", "\"MQIsdp\"");
  }

  @Test void connectProtocolLevel() {
    rejects(MalformedPacketException.class,
        "10 0D 00 04 4D 51 54 54 03 00 00 00 00 01 63", "protocol level must be 4: 3");
  }

  @Test void connectReservedFlag() {
    rejects(MalformedPacketException.class,
        "10 0D 00 04 4D 51 54 54 04 03 00 00 00 01 63", "reserved", "0x03");
  }

  @Test void connectWillQos3() {
    rejects(MalformedPacketException.class,
        "10 0D 00 04 4D 51 54 54 04 1C 00 00 00 01 63", "will QoS must be 0, 1 or 2: 3");
  }

  @ParameterizedTest(name = "flags {0}")
  @CsvSource({"0x08", "0x10", "0x20"})
  void connectWillQosOrRetainWithoutWill(String flags) {
    String flagHex = flags.substring(2);
    rejects(MalformedPacketException.class,
        "10 0D 00 04 4D 51 54 54 04 " + flagHex + " 00 00 00 01 63", "without the will flag",
        flags);
  }

  @Test void connectPasswordWithoutUsername() {
    rejects(MalformedPacketException.class,
        "10 12 00 04 4D 51 54 54 04 40 00 00 00 01 63 00 03 70 77 64", "username flag", "0x40");
  }

  @Test void connectInvalidWillTopic() {
    rejects(InvalidTopicException.class,
        "10 13 00 04 4D 51 54 54 04 04 00 00 00 01 63 00 01 23 00 01 78", "will topic", "\"#\"");
  }

  @Test void connectTrailingBytes() {
    rejects(MalformedPacketException.class,
        "10 0E 00 04 4D 51 54 54 04 00 00 00 00 01 63 00", "1 trailing bytes");
  }

  @ParameterizedTest(name = "type {1}")
  @CsvSource({"00 00, 0", "F0 00, 15", "0F 02 00 01, 0"})
  void reservedPacketType(String hex, int type) {
    rejects(MalformedPacketException.class, hex, "packet type must be 1..14", ": " + type);
  }

  @Test void remainingLengthOverFourBytes() {
    rejects(MalformedRemainingLengthException.class, "30 FF FF FF FF 01", "FF FF FF FF");
  }

  @Test void wholePacketMissingBytes() {
    rejects(MalformedPacketException.class, "40 02 00", "remaining length is 2 but 1 bytes",
        "truncated");
  }

  @Test void wholePacketTrailingBytes() {
    rejects(MalformedPacketException.class, "40 02 00 01 00", "remaining length is 2 but 3 bytes",
        "trailing");
  }

  @Test void wholePacketHeaderIncomplete() {
    rejects(MalformedPacketException.class, "30 80", "fixed header truncated", "2 bytes");
    rejects(MalformedPacketException.class, "", "fixed header truncated", "0 bytes");
  }

  @Test void wholePacketTooLarge() {
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class,
        () -> Mqtt311Decoder.decode(Hex.decode("30 FF FF FF 7F"), 1024));
    assertEquals(268_435_460, e.size());
    assertEquals(1024, e.maxSize());
  }

  @Test void bodyDecodeRejectsOutOfRangeTypeByte() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mqtt311Decoder.decode(256, new byte[0], 0, 0));
    assertTrue(e.getMessage().contains("256"), e.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> Mqtt311Decoder.decode(0x40, new byte[4], 3, 2));
    assertTrue(range.getMessage().contains("offset 3 and length 2"), range.getMessage());
  }
}
