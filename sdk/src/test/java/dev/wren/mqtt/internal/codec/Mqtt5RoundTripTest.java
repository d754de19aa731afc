package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MQTT 5.0 packet type and every property at least once: known bytes decode to the value,
 * and the value encodes to the same bytes.
 */
class Mqtt5RoundTripTest {
  private static final int MAX = 1 << 24;

  static Mqtt5Properties.Builder props() {
    return Mqtt5Properties.builder();
  }

  static Stream<Arguments> packets() {
    return Stream.of(
        Arguments.of("CONNECT minimal",
            "10 0E 00 04 4D 51 54 54 05 02 00 3C 00 00 01 63",
            new Connect(5, "c", true, 60, null, null, null, Mqtt5Properties.EMPTY)),
        Arguments.of("CONNECT every CONNECT and Will property",
            "10 6D 00 04 4D 51 54 54 05 EE 00 3C"
                + " 26 11 00 00 0E 10 15 00 03 73 63 72 16 00 02 01 02 17 00 19 01 21 00 14"
                + " 22 00 0A 26 00 01 6B 00 01 76 27 00 01 00 00"
                + " 00 04 77 72 65 6E" // client id "wren"
                + " 1F 01 01 02 00 00 00 3C 03 00 01 74 08 00 01 72 09 00 01 FF"
                + " 18 00 00 00 05 26 00 01 61 00 01 62" // will properties
                + " 00 03 77 2F 74 00 03 62 79 65" // will "w/t" -> "bye"
                + " 00 04 75 73 65 72 00 04 70 61 73 73", // "user", "pass"
            new Connect(5, "wren", true, 60, "user", bytes("pass"),
                new Connect.Will("w/t", bytes("bye"), 1, true, props()
                    .put(Property.PAYLOAD_FORMAT_INDICATOR, 1)
                    .put(Property.MESSAGE_EXPIRY_INTERVAL, 60)
                    .put(Property.CONTENT_TYPE, "t")
                    .put(Property.RESPONSE_TOPIC, "r")
                    .put(Property.CORRELATION_DATA, new byte[] {(byte) 0xFF})
                    .put(Property.WILL_DELAY_INTERVAL, 5)
                    .addUserProperty("a", "b").build()),
                props()
                    .put(Property.SESSION_EXPIRY_INTERVAL, 3600)
                    .put(Property.AUTHENTICATION_METHOD, "scr")
                    .put(Property.AUTHENTICATION_DATA, new byte[] {1, 2})
                    .put(Property.REQUEST_PROBLEM_INFORMATION, 0)
                    .put(Property.REQUEST_RESPONSE_INFORMATION, 1)
                    .put(Property.RECEIVE_MAXIMUM, 20)
                    .put(Property.TOPIC_ALIAS_MAXIMUM, 10)
                    .addUserProperty("k", "v")
                    .put(Property.MAXIMUM_PACKET_SIZE, 65536).build())),
        Arguments.of("CONNECT password without user name",
            "10 12 00 04 4D 51 54 54 05 42 00 00 00 00 01 63 00 02 70 77",
            new Connect(5, "c", true, 0, null, bytes("pw"), null, Mqtt5Properties.EMPTY)),
        Arguments.of("CONNACK minimal", "20 03 00 00 00",
            new ConnAck(false, 0, Mqtt5Properties.EMPTY)),
        Arguments.of("CONNACK refused", "20 03 00 87 00",
            new ConnAck(false, ReasonCode.NOT_AUTHORIZED, Mqtt5Properties.EMPTY)),
        Arguments.of("CONNACK every CONNACK property",
            "20 41 01 00 3E 11 00 00 00 78 12 00 02 69 64 13 00 1E 15 00 01 6D 16 00 01 AA"
                + " 1A 00 01 78 1C 00 01 73 1F 00 02 6F 6B 21 00 0A 22 00 05 24 01 25 00"
                + " 26 00 01 6E 00 01 76 27 00 00 10 00 28 01 29 00 2A 01",
            new ConnAck(true, 0, props()
                .put(Property.SESSION_EXPIRY_INTERVAL, 120)
                .put(Property.ASSIGNED_CLIENT_IDENTIFIER, "id")
                .put(Property.SERVER_KEEP_ALIVE, 30)
                .put(Property.AUTHENTICATION_METHOD, "m")
                .put(Property.AUTHENTICATION_DATA, new byte[] {(byte) 0xAA})
                .put(Property.RESPONSE_INFORMATION, "x")
                .put(Property.SERVER_REFERENCE, "s")
                .put(Property.REASON_STRING, "ok")
                .put(Property.RECEIVE_MAXIMUM, 10)
                .put(Property.TOPIC_ALIAS_MAXIMUM, 5)
                .put(Property.MAXIMUM_QOS, 1)
                .put(Property.RETAIN_AVAILABLE, 0)
                .addUserProperty("n", "v")
                .put(Property.MAXIMUM_PACKET_SIZE, 4096)
                .put(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)
                .put(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0)
                .put(Property.SHARED_SUBSCRIPTION_AVAILABLE, 1).build())),
        Arguments.of("PUBLISH QoS 0", "30 08 00 03 61 2F 62 00 68 69",
            new Publish("a/b", bytes("hi"), 0, false, false, 0, Mqtt5Properties.EMPTY)),
        Arguments.of("PUBLISH QoS 1 every PUBLISH property",
            "32 30 00 03 61 2F 62 00 01 26 01 01 02 00 00 00 0A 03 00 04 74 65 78 74"
                + " 08 00 01 72 09 00 02 01 02 0B 05 0B 80 01 23 00 03 26 00 01 6B 00 01 76"
                + " 68 69",
            new Publish("a/b", bytes("hi"), 1, false, false, 1, props()
                .put(Property.PAYLOAD_FORMAT_INDICATOR, 1)
                .put(Property.MESSAGE_EXPIRY_INTERVAL, 10)
                .put(Property.CONTENT_TYPE, "text")
                .put(Property.RESPONSE_TOPIC, "r")
                .put(Property.CORRELATION_DATA, new byte[] {1, 2})
                .addSubscriptionIdentifier(5)
                .addSubscriptionIdentifier(128)
                .put(Property.TOPIC_ALIAS, 3)
                .addUserProperty("k", "v").build())),
        Arguments.of("PUBLISH empty topic with a Topic Alias", "30 07 00 00 03 23 00 07 68",
            new Publish("", bytes("h"), 0, false, false, 0,
                props().put(Property.TOPIC_ALIAS, 7).build())),
        Arguments.of("PUBACK code 0, no properties", "40 02 00 01", new PubAck(1)),
        Arguments.of("PUBACK code only", "40 03 00 01 10",
            new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, Mqtt5Properties.EMPTY)),
        Arguments.of("PUBACK Reason String", "40 09 00 01 87 05 1F 00 02 6E 6F",
            new PubAck(1, ReasonCode.NOT_AUTHORIZED,
                props().put(Property.REASON_STRING, "no").build())),
        Arguments.of("PUBREC", "50 03 00 02 80",
            new PubRec(2, ReasonCode.UNSPECIFIED_ERROR, Mqtt5Properties.EMPTY)),
        Arguments.of("PUBREL", "62 03 00 03 92",
            new PubRel(3, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Mqtt5Properties.EMPTY)),
        Arguments.of("PUBCOMP code 0 with a User Property",
            "70 0B 00 04 00 07 26 00 01 61 00 01 62",
            new PubComp(4, 0, props().addUserProperty("a", "b").build())),
        Arguments.of("SUBSCRIBE options and properties",
            "82 1A 00 0A 09 0B 07 26 00 01 61 00 01 62 00 03 61 2F 2B 01 00 01 23 2A"
                + " 00 01 78 05",
            new Subscribe(10, Arrays.asList(new Subscribe.Entry("a/+", 1),
                new Subscribe.Entry("#", 2, false, true, 2),
                new Subscribe.Entry("x", 1, true, false, 0)),
                props().addSubscriptionIdentifier(7).addUserProperty("a", "b").build())),
        Arguments.of("SUBACK", "90 0C 00 0A 04 1F 00 01 65 00 01 02 80 A2",
            new SubAck(10, Arrays.asList(0, 1, 2, 0x80, 0xA2),
                props().put(Property.REASON_STRING, "e").build())),
        Arguments.of("UNSUBSCRIBE", "A2 08 00 0B 00 00 03 61 2F 62",
            new Unsubscribe(11, Arrays.asList("a/b"), Mqtt5Properties.EMPTY)),
        Arguments.of("UNSUBSCRIBE User Property",
            "A2 0D 00 0B 07 26 00 01 61 00 01 62 00 01 23",
            new Unsubscribe(11, Arrays.asList("#"),
                props().addUserProperty("a", "b").build())),
        Arguments.of("UNSUBACK", "B0 05 00 0B 00 00 11",
            new UnsubAck(11, Arrays.asList(0, ReasonCode.NO_SUBSCRIPTION_EXISTED),
                Mqtt5Properties.EMPTY)),
        Arguments.of("PINGREQ", "C0 00", PingReq.INSTANCE),
        Arguments.of("PINGRESP", "D0 00", PingResp.INSTANCE),
        Arguments.of("DISCONNECT normal", "E0 00", Disconnect.INSTANCE),
        Arguments.of("DISCONNECT with will, code only", "E0 01 04",
            new Disconnect(ReasonCode.DISCONNECT_WITH_WILL, Mqtt5Properties.EMPTY)),
        Arguments.of("DISCONNECT properties",
            "E0 16 9C 14 11 00 00 00 00 1C 00 01 68 1F 00 01 72 26 00 01 61 00 01 62",
            new Disconnect(ReasonCode.USE_ANOTHER_SERVER, props()
                .put(Property.SESSION_EXPIRY_INTERVAL, 0)
                .put(Property.SERVER_REFERENCE, "h")
                .put(Property.REASON_STRING, "r")
                .addUserProperty("a", "b").build())),
        Arguments.of("AUTH success", "F0 00", new Auth(0, Mqtt5Properties.EMPTY)),
        Arguments.of("AUTH re-authenticate, no properties", "F0 02 19 00",
            new Auth(ReasonCode.RE_AUTHENTICATE, Mqtt5Properties.EMPTY)),
        Arguments.of("AUTH properties",
            "F0 16 18 14 15 00 01 6D 16 00 02 01 02 1F 00 01 72 26 00 01 61 00 01 62",
            new Auth(ReasonCode.CONTINUE_AUTHENTICATION, props()
                .put(Property.AUTHENTICATION_METHOD, "m")
                .put(Property.AUTHENTICATION_DATA, new byte[] {1, 2})
                .put(Property.REASON_STRING, "r")
                .addUserProperty("a", "b").build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void decodes(String name, String hex, Packet expected) throws Exception {
    assertEquals(expected, Mqtt5Decoder.decode(Hex.decode(hex), MAX));
    assertEquals(expected, PacketCodec.MQTT_5_0.decode(
        Hex.decode(hex)[0] & 0xFF, Hex.decode(hex), 2, Hex.decode(hex).length - 2, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void encodes(String name, String hex, Packet packet) {
    assertEquals(Hex.normalize(hex), Hex.encode(PacketCodec.MQTT_5_0.encode(packet)));
    assertEquals(Hex.decode(hex).length, PacketCodec.MQTT_5_0.encodedSize(packet));
    byte[] dst = new byte[Hex.decode(hex).length + 3];
    assertEquals(dst.length, PacketCodec.MQTT_5_0.encode(packet, dst, 3));
    assertArrayEquals(Hex.decode(hex), Arrays.copyOfRange(dst, 3, dst.length));
  }

  @Test void codeZeroWithoutPropertiesDecodesFromEveryAllowedLength() throws Exception {
    // A sender may spell out what the encoder leaves out: all three decode to the same value.
    assertEquals(new PubAck(1), Mqtt5Decoder.decode(Hex.decode("40 03 00 01 00"), MAX));
    assertEquals(new PubAck(1), Mqtt5Decoder.decode(Hex.decode("40 04 00 01 00 00"), MAX));
    assertEquals(Disconnect.INSTANCE, Mqtt5Decoder.decode(Hex.decode("E0 01 00"), MAX));
    assertEquals(Disconnect.INSTANCE, Mqtt5Decoder.decode(Hex.decode("E0 02 00 00"), MAX));
    assertEquals(new Auth(0, Mqtt5Properties.EMPTY),
        Mqtt5Decoder.decode(Hex.decode("F0 02 00 00"), MAX));
  }

  @Test void nonMinimalVariableByteIntegersAreAccepted() throws Exception {
    // Property Length 3 as 83 80 00 and Subscription Identifier 5 as 85 00: 1.5.5 asks minimal
    // encoding of senders only.
    Packet p = Mqtt5Decoder.decode(Hex.decode("30 0A 00 01 61 83 80 00 0B 85 00 68"), MAX);
    assertEquals(new Publish("a", bytes("h"), 0, false, false, 0,
        props().addSubscriptionIdentifier(5).build()), p);
  }

  @Test void largestSubscriptionIdentifierAndLongRemainingLength() throws Exception {
    byte[] payload = new byte[300];
    Publish publish = new Publish("t", payload, 2, true, true, 65535,
        props().addSubscriptionIdentifier(268_435_455)
            .put(Property.MESSAGE_EXPIRY_INTERVAL, 4_294_967_295L).build());
    byte[] encoded = Mqtt5Encoder.encode(publish);
    assertEquals(publish, Mqtt5Decoder.decode(encoded, MAX));
    assertEquals(4_294_967_295L, ((Publish) Mqtt5Decoder.decode(encoded, MAX)).properties()
        .longValue(Property.MESSAGE_EXPIRY_INTERVAL, -1));
  }

  @Test void recentTopicIsReused() throws Exception {
    String recent = new String("a/b".toCharArray());
    byte[] bytes = Hex.decode("30 08 00 03 61 2F 62 00 68 69");
    Publish p = (Publish) PacketCodec.MQTT_5_0.decode(0x30, bytes, 2, bytes.length - 2, recent);
    assertEquals(true, p.topic() == recent);
  }

  @Test void idOnlyIsTheSameFourBytesInBothVersions() {
    for (int type : new int[] {PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
        PacketType.PUBCOMP}) {
      byte[] a = new byte[4];
      byte[] b = new byte[4];
      assertEquals(4, PacketCodec.MQTT_5_0.encodeIdOnly(type, 0x1234, a, 0));
      assertEquals(4, PacketCodec.MQTT_3_1_1.encodeIdOnly(type, 0x1234, b, 0));
      assertArrayEquals(a, b);
      assertArrayEquals(a, Mqtt5Encoder.encode(IdOnlyPacket.of(type, 0x1234)));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
