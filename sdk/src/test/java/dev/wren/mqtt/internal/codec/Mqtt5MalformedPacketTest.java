package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per MQTT 5.0 receiver rule: the exception, and a message naming the offending value. */
class Mqtt5MalformedPacketTest {
  private static final int MAX = 1 << 20;

  private static <T extends MalformedPacketException> T rejects(
      Class<T> type, String hex, String... fragments) {
    T e = assertThrows(type, () -> Mqtt5Decoder.decode(Hex.decode(hex), MAX));
    assertEquals(type, e.getClass(), "exact exception class");
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
    return e;
  }

  private static void rejects(String hex, String... fragments) {
    rejects(MalformedPacketException.class, hex, fragments);
  }

  @Test void propertyLengthBeyondThePacket() {
    rejects("40 05 00 01 00 05 1F", "PUBACK property length 5 exceeds the 1 bytes left");
  }

  @Test void propertyRunningPastThePropertyLength() {
    rejects("40 06 00 01 00 02 1F 00",
        "PUBACK property Reason String (0x1F) length truncated: needs 2 bytes but 1 remain");
  }

  @Test void variableByteIntegerOfFiveBytes() {
    rejects("30 09 00 01 61 05 0B FF FF FF FF",
        "PUBLISH property Subscription Identifier (0x0B) must be at most 4 bytes");
    rejects("30 08 00 01 61 FF FF FF FF 00", "PUBLISH property length must be at most 4 bytes");
  }

  @Test void unknownPropertyIdentifier() {
    rejects("40 05 00 01 00 01 05", "PUBACK property identifier is unknown: 0x05");
  }

  @Test void propertyNotAllowedInThePacket() {
    rejects("20 06 00 00 03 23 00 01",
        "CONNACK property Topic Alias (0x23) is not allowed in CONNACK");
    rejects("40 07 00 01 00 03 21 00 01",
        "PUBACK property Receive Maximum (0x21) is not allowed in PUBACK");
  }

  @Test void propertyNotAllowedInTheWill() {
    rejects("10 19 00 04 4D 51 54 54 05 06 00 00 00 00 01 63 05 11 00 00 00 01 00 01 74 00 00",
        "CONNECT will property Session Expiry Interval (0x11) is not allowed in the Will"
            + " Properties");
  }

  @Test void propertyGivenTwice() {
    rejects("30 0A 00 01 61 06 23 00 03 23 00 07",
        "PUBLISH property Topic Alias (0x23) given twice: 3 then 7");
    rejects("20 0B 00 00 08 1F 00 01 61 1F 00 01 62",
        "CONNACK property Reason String (0x1F) given twice: \"a\" then \"b\"");
  }

  @Test void subscriptionIdentifierGivenTwiceInSubscribe() {
    rejects("82 0B 00 01 04 0B 01 0B 02 00 01 61 00",
        "SUBSCRIBE property Subscription Identifier (0x0B) given twice: 1 then 2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Payload Format Indicator 2 | 30 06 00 01 61 02 01 02 | Payload Format Indicator (0x01) must be 0 or 1: 2",
      "Maximum QoS 2 | 20 05 00 00 02 24 02 | Maximum QoS (0x24) must be 0 or 1: 2",
      "Retain Available 2 | 20 05 00 00 02 25 02 | Retain Available (0x25) must be 0 or 1: 2",
      "Wildcard Subscription Available 2 | 20 05 00 00 02 28 02 | (0x28) must be 0 or 1: 2",
      "Subscription Identifier Available 2 | 20 05 00 00 02 29 02 | (0x29) must be 0 or 1: 2",
      "Shared Subscription Available 5 | 20 05 00 00 02 2A 05 | (0x2A) must be 0 or 1: 5",
      "Request Problem Information 2 | 10 10 00 04 4D 51 54 54 05 02 00 00 02 17 02 00 01 63 | (0x17) must be 0 or 1: 2",
      "Request Response Information 2 | 10 10 00 04 4D 51 54 54 05 02 00 00 02 19 02 00 01 63 | (0x19) must be 0 or 1: 2",
      "Receive Maximum 0 | 20 06 00 00 03 21 00 00 | CONNACK property Receive Maximum (0x21) must not be 0: 0",
      "Maximum Packet Size 0 | 20 08 00 00 05 27 00 00 00 00 | Maximum Packet Size (0x27) must not be 0: 0",
      "Topic Alias 0 | 30 07 00 01 61 03 23 00 00 | PUBLISH property Topic Alias (0x23) must not be 0: 0",
      "Subscription Identifier 0 in SUBSCRIBE | 82 09 00 01 02 0B 00 00 01 61 00 | SUBSCRIBE property Subscription Identifier (0x0B) must not be 0: 0",
      "Subscription Identifier 0 in PUBLISH | 30 06 00 01 61 02 0B 00 | PUBLISH property Subscription Identifier (0x0B) must not be 0: 0",
  })
  void badPropertyValue(String rule, String hex, String message) {
    rejects(hex, message);
  }

  @Test void badUtf8InAUserProperty() {
    rejects(MalformedStringException.class, "40 0B 00 01 00 07 26 00 01 C0 00 01 62",
        "PUBACK property User Property (0x26) name: ill-formed UTF-8");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "PUBACK, 40 03 00 01 92, Packet Identifier not found (0x92)",
      "PUBREC, 50 03 00 01 81, Malformed Packet (0x81)",
      "PUBREL, 62 03 00 01 10, No matching subscribers (0x10)",
      "PUBCOMP, 70 03 00 01 80, Unspecified error (0x80)",
      "CONNACK, 20 03 00 04 00, Disconnect with Will Message (0x04)",
      "SUBACK, 90 04 00 01 00 11, No subscription existed (0x11)",
      "UNSUBACK, B0 04 00 01 00 01, Granted QoS 1 (0x01)",
      "DISCONNECT, E0 01 84, Unsupported Protocol Version (0x84)",
      "AUTH, F0 01 01, Granted QoS 1 (0x01)",
      "PUBACK, 40 03 00 01 FF, Unknown (0xFF)",
  })
  void reasonCodeNotValidForThePacket(String packet, String hex, String code) {
    rejects(hex, packet + " reason code is not valid for " + packet + ": " + code);
  }

  @Test void subscribeOptionsReservedBits() {
    rejects("82 07 00 01 00 00 01 61 40", "bits 7-6 are reserved and must be 0: 0x40 for \"a\"");
  }

  @Test void subscribeOptionsQos3() {
    rejects("82 07 00 01 00 00 01 61 03", "SUBSCRIBE maximum QoS must be 0, 1 or 2: 3");
  }

  @Test void subscribeOptionsRetainHandling3() {
    rejects("82 07 00 01 00 00 01 61 30", "SUBSCRIBE Retain Handling must be 0, 1 or 2: 3");
  }

  @Test void sharedSubscriptionWithNoLocal() {
    rejects("82 10 00 01 00 00 0A 24 73 68 61 72 65 2F 67 2F 74 04",
        "No Local must be 0 on a shared subscription: options 0x04 for \"$share/g/t\"");
  }

  @Test void connectProtocolLevelNot5() {
    rejects("10 0E 00 04 4D 51 54 54 04 02 00 3C 00 00 01 63",
        "CONNECT protocol level must be 5: 4");
  }

  @Test void connAckReservedFlagBits() {
    rejects("20 03 02 00 00", "CONNACK acknowledge flags bits 7-1 are reserved", "0x02");
  }

  @Test void connAckSessionPresentWithAFailure() {
    rejects("20 03 01 87 00", "session present must be 0", "Not authorized (0x87)");
  }

  @Test void publishEmptyTopicWithoutTopicAlias() {
    rejects("30 03 00 00 00", "PUBLISH topic name may be empty only with a Topic Alias (0x23)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "PUBACK, 40 07 00 01 00 00 AA BB CC, PUBACK has 3 trailing bytes after the properties: AA BB CC",
      "CONNACK, 20 04 00 00 00 FF, CONNACK has 1 trailing bytes after the properties",
      "DISCONNECT, E0 03 00 00 FF, DISCONNECT has 1 trailing bytes",
      "AUTH, F0 03 00 00 FF, AUTH has 1 trailing bytes",
      "CONNECT, 10 0F 00 04 4D 51 54 54 05 02 00 3C 00 00 01 63 FF, CONNECT has 1 trailing bytes after the payload",
  })
  void trailingBytes(String packet, String hex, String message) {
    rejects(hex, message);
  }

  /**
   * Each packet cut short at every byte from {@code from} to its length minus {@code tail} (the
   * cuts that leave a valid shorter packet, such as a PUBLISH with less payload, are outside).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "CONNECT, 0, 0, 00 04 4D 51 54 54 05 EE 00 3C 26 11 00 00 0E 10 15 00 03 73 63 72 16 00 02 01 02 17 00 19 01 21 00 14 22 00 0A 26 00 01 6B 00 01 76 27 00 01 00 00 00 04 77 72 65 6E 1F 01 01 02 00 00 00 3C 03 00 01 74 08 00 01 72 09 00 01 FF 18 00 00 00 05 26 00 01 61 00 01 62 00 03 77 2F 74 00 03 62 79 65 00 04 75 73 65 72 00 04 70 61 73 73",
      "CONNACK, 0, 0, 01 00 3E 11 00 00 00 78 12 00 02 69 64 13 00 1E 15 00 01 6D 16 00 01 AA 1A 00 01 78 1C 00 01 73 1F 00 02 6F 6B 21 00 0A 22 00 05 24 01 25 00 26 00 01 6E 00 01 76 27 00 00 10 00 28 01 29 00 2A 01",
      "PUBLISH, 0, 2, 00 03 61 2F 62 00 01 26 01 01 02 00 00 00 0A 03 00 04 74 65 78 74 08 00 01 72 09 00 02 01 02 0B 05 0B 80 01 23 00 03 26 00 01 6B 00 01 76 68 69",
      "PUBACK, 4, 0, 00 01 87 05 1F 00 02 6E 6F",
      "SUBSCRIBE, 0, 13, 00 0A 09 0B 07 26 00 01 61 00 01 62 00 03 61 2F 2B 01 00 01 23 2A 00 01 78 05",
      "SUBACK, 0, 4, 00 0A 04 1F 00 01 65 00 01 02 80 A2",
      "UNSUBSCRIBE, 0, 0, 00 0B 07 26 00 01 61 00 01 62 00 01 23",
      "DISCONNECT, 2, 0, 9C 14 11 00 00 00 00 1C 00 01 68 1F 00 01 72 26 00 01 61 00 01 62",
      "AUTH, 2, 0, 18 14 15 00 01 6D 16 00 02 01 02 1F 00 01 72 26 00 01 61 00 01 62",
  })
  void truncatedAtEveryField(String packet, int from, int tail, String bodyHex) {
    byte[] body = Hex.decode(bodyHex);
    int first = typeAndFlags(packet);
    for (int cut = from; cut < body.length - tail; cut++) {
      int length = cut;
      MalformedPacketException e = assertThrows(MalformedPacketException.class,
          () -> PacketCodec.MQTT_5_0.decode(first, body, 0, length, null),
          () -> packet + " cut to " + length + " of " + body.length + " bytes");
      assertTrue(e.getMessage().startsWith(packet), e::getMessage);
    }
  }

  /** PUBLISH at QoS 1, as the vector above. */
  private static int typeAndFlags(String packet) {
    if (packet.equals("PUBLISH")) return 0x32;
    for (int type = 1; type <= 15; type++) {
      if (PacketType.name(type).equals(packet)) return type << 4 | PacketType.requiredFlags(type);
    }
    throw new IllegalArgumentException(packet);
  }

  @Test void headerRulesOf5() throws Exception {
    PacketCodec v5 = PacketCodec.MQTT_5_0;
    byte[] auth = Hex.decode("F0 00");
    assertEquals(2, FixedHeader.packedHeaderLength(v5.parseHeaderPacked(auth, 0, 2, MAX)));
    assertThrows(MalformedPacketException.class,
        () -> PacketCodec.MQTT_3_1_1.parseHeaderPacked(auth, 0, 2, MAX));
    rejects("F1 00", "AUTH fixed header flags must be 0b0000: 0b0001");
    rejects("00 00", "packet type must be 1..15 (0 is reserved): 0");
    rejects("20 02 00 00", "CONNACK remaining length must be at least 3: 2");
    rejects("D0 01 00", "PINGRESP remaining length must be 0: 1");
    rejects("B0 03 00 01 00", "UNSUBACK remaining length must be at least 4: 3");
  }

  @Test void maximumPacketSizeCheckedBeforeTheBody() {
    // Only the header has arrived: the size is refused before anything is allocated for the body.
    byte[] header = Hex.decode("30 FF FF FF 7F");
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class,
        () -> PacketCodec.MQTT_5_0.parseHeaderPacked(header, 0, header.length, MAX));
    assertEquals(268_435_460, e.size());
  }
}
