package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The 3.1.1 encoder refuses 5.0-only content rather than drop it; the 5.0 encoder refuses what
 * 5.0 cannot say; the packet values keep their 3.1.1 meaning by default.
 */
class Mqtt5OnlyContentTest {
  private static final Mqtt5Properties USER = Mqtt5Properties.builder()
      .addUserProperty("k", "v").build();

  private static void rejects(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
  }

  private static void refusedBy311(Packet packet, String... fragments) {
    rejects(() -> PacketCodec.MQTT_3_1_1.encode(packet), fragments);
    rejects(() -> Mqtt311Encoder.encodedSize(packet), fragments);
    rejects(() -> Mqtt311Encoder.encode(packet, new byte[1000], 0), fragments);
  }

  @Test void encoder311RefusesProperties() {
    refusedBy311(new Publish("t", new byte[0], 0, false, false, 0, USER),
        "PUBLISH properties is MQTT 5.0 only", "User Property=[k=v]");
    refusedBy311(new ConnAck(false, 0, USER), "CONNACK properties");
    refusedBy311(new Subscribe(1, Arrays.asList(new Subscribe.Entry("a", 0)), USER),
        "SUBSCRIBE properties");
    refusedBy311(new Unsubscribe(1, Arrays.asList("a"), USER), "UNSUBSCRIBE properties");
    refusedBy311(new SubAck(1, Arrays.asList(0), USER), "SUBACK properties");
    refusedBy311(new PubAck(1, 0, USER), "PUBACK properties");
    refusedBy311(new Disconnect(0, USER), "DISCONNECT properties");
    refusedBy311(new Connect(4, "c", true, 0, null, null, null, USER), "CONNECT properties");
    refusedBy311(new Connect(4, "c", true, 0, null, null,
        new Connect.Will("w", new byte[0], 0, false, USER), Mqtt5Properties.EMPTY),
        "CONNECT will properties");
  }

  @Test void encoder311RefusesReasonCodes() {
    refusedBy311(new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, Mqtt5Properties.EMPTY),
        "PUBACK reason code is MQTT 5.0 only", "No matching subscribers (0x10)");
    refusedBy311(new PubRel(1, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Mqtt5Properties.EMPTY),
        "PUBREL reason code");
    refusedBy311(new UnsubAck(1, Arrays.asList(0), Mqtt5Properties.EMPTY),
        "UNSUBACK reason codes", "[0x00]");
    refusedBy311(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL, Mqtt5Properties.EMPTY),
        "DISCONNECT reason code", "Disconnect with Will Message (0x04)");
    refusedBy311(new SubAck(1, Arrays.asList(ReasonCode.QUOTA_EXCEEDED), Mqtt5Properties.EMPTY),
        "SUBACK reason code", "Quota exceeded (0x97)");
  }

  @Test void encoder311RefusesAuthLevel5AndSubscriptionOptions() {
    refusedBy311(new Auth(0, Mqtt5Properties.EMPTY), "AUTH packet type is MQTT 5.0 only");
    refusedBy311(new Connect(5, "c", true, 0, null, null, null, Mqtt5Properties.EMPTY),
        "CONNECT protocol level is MQTT 5.0 only", ": 5");
    refusedBy311(new Subscribe(1, Arrays.asList(new Subscribe.Entry("a", 1, true, false, 0))),
        "SUBSCRIBE subscription options of \"a\"", "0x05");
  }

  @Test void defaultsKeep311Meaning() {
    assertEquals(new PubAck(1), new PubAck(1, 0, Mqtt5Properties.EMPTY));
    assertEquals(Disconnect.INSTANCE, new Disconnect(0, Mqtt5Properties.EMPTY));
    assertEquals(Collections.emptyList(), new UnsubAck(3).reasonCodes());
    assertEquals(4, new Connect("c", true, 0, null, null, null).protocolLevel());
    assertEquals(PacketType.AUTH, new Auth(0, Mqtt5Properties.EMPTY).type());
    Publish p = new Publish("t", new byte[0], 1, false, false, 1, USER);
    assertEquals(USER, p.withDup(true).properties());
    assertEquals(USER, p.withPacketId(2).properties());
    assertEquals(Mqtt5Properties.EMPTY, p.withProperties(Mqtt5Properties.EMPTY).properties());
    assertTrue(new PubAck(1).equals(new PubAck(1)));
    assertTrue(!new PubAck(1).equals(new PubAck(1, 0x10, Mqtt5Properties.EMPTY)));
    assertEquals(4, PacketCodec.MQTT_3_1_1.protocolLevel());
    assertEquals(5, PacketCodec.MQTT_5_0.protocolLevel());
  }

  @Test void valuesRefuseWhatNoVersionAllows() {
    rejects(() -> new PubRel(1, 0x10, Mqtt5Properties.EMPTY),
        "PUBREL reason code not valid for the packet: 0x10");
    rejects(() -> new Auth(0x80, Mqtt5Properties.EMPTY), "AUTH reason code", "0x80");
    rejects(() -> new Subscribe.Entry("a", 0x30), "Retain Handling must be 0, 1 or 2: 3");
    rejects(() -> new Subscribe.Entry("a", 0x40), "bits 7-6 are reserved");
    rejects(() -> new Connect(4, "c", true, 0, null, new byte[1], null, Mqtt5Properties.EMPTY),
        "password requires a username");
    rejects(() -> new Connect(3, "c", true, 0, null, null, null, Mqtt5Properties.EMPTY),
        "CONNECT protocol level must be 4 or 5: 3");
  }

  @Test void encoder5RefusesWhat5CannotSay() {
    rejects(() -> Mqtt5Encoder.encode(new Publish("", new byte[0], 0, false, false, 0)),
        "PUBLISH topic name may be empty only with a Topic Alias (0x23)");
    rejects(() -> Mqtt5Encoder.encode(new ConnAck(false, 0,
        Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, 1).build())),
        "CONNACK may not carry property Topic Alias (0x23)");
    rejects(() -> Mqtt5Encoder.encode(new Connect(5, "c", true, 0, null, null,
        new Connect.Will("w", new byte[0], 0, false,
            Mqtt5Properties.builder().put(Property.SESSION_EXPIRY_INTERVAL, 1).build()),
        Mqtt5Properties.EMPTY)),
        "CONNECT will properties may not carry property Session Expiry Interval (0x11)");
    rejects(() -> Mqtt5Encoder.encode(new Subscribe(1, Arrays.asList(new Subscribe.Entry("a", 0)),
        Mqtt5Properties.builder().addSubscriptionIdentifier(1).addSubscriptionIdentifier(2)
            .build())), "SUBSCRIBE may carry one Subscription Identifier (0x0B): [1, 2]");
    rejects(() -> Mqtt5Encoder.encode(new UnsubAck(1)), "UNSUBACK under MQTT 5.0 must carry");
    rejects(() -> Mqtt5Encoder.encodeIdOnly(PacketType.UNSUBACK, 1, new byte[4], 0), "UNSUBACK");
    rejects(() -> Mqtt5Encoder.encode(new Connect("c", true, 0, null, null, null)),
        "CONNECT protocol level must be 5 for the MQTT 5.0 encoder: 4");
    rejects(() -> Mqtt5Encoder.encode(new PubAck(1), new byte[3], 0), "does not fit at offset 0");
  }
}
