package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Property, Mqtt5Properties and its builder, StringPair and ReasonCode. */
class PropertiesTest {
  private static void rejects(String fragment, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment),
        () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
  }

  @Test void propertyTable() {
    assertEquals(27, Property.values().length);
    for (Property p : Property.values()) assertEquals(p, Property.byId(p.id()));
    assertNull(Property.byId(0));
    assertNull(Property.byId(0x04));
    assertNull(Property.byId(0x2B));
    assertNull(Property.byId(-1));
    assertEquals("Message Expiry Interval", Property.MESSAGE_EXPIRY_INTERVAL.specName());
    assertEquals(Property.Type.VARIABLE_BYTE_INT, Property.SUBSCRIPTION_IDENTIFIER.type());
    assertEquals(Property.Type.UTF8_PAIR, Property.USER_PROPERTY.type());
    assertTrue(Property.TOPIC_ALIAS.allowedIn(PacketType.PUBLISH));
    assertFalse(Property.TOPIC_ALIAS.allowedIn(PacketType.CONNACK));
    assertFalse(Property.TOPIC_ALIAS.allowedInWill());
    assertTrue(Property.WILL_DELAY_INTERVAL.allowedInWill());
    assertFalse(Property.WILL_DELAY_INTERVAL.allowedIn(PacketType.CONNECT));
    assertTrue(Property.REASON_STRING.allowedIn(PacketType.AUTH));
    assertFalse(Property.REASON_STRING.allowedIn(PacketType.PUBLISH));
    assertTrue(Property.USER_PROPERTY.allowedInWill());
    for (int type = 0; type < 16; type++) {
      boolean expected = type != 0 && type != PacketType.PINGREQ && type != PacketType.PINGRESP;
      assertEquals(expected, Property.USER_PROPERTY.allowedIn(type), PacketType.name(type));
    }
  }

  @Test void accessors() {
    Mqtt5Properties p = Mqtt5Properties.builder()
        .put(Property.MESSAGE_EXPIRY_INTERVAL, 4_294_967_295L)
        .put(Property.TOPIC_ALIAS, 9)
        .put(Property.CONTENT_TYPE, "text/plain")
        .put(Property.CORRELATION_DATA, new byte[] {1, 2, 3})
        .addUserProperty("a", "1").addUserProperty("a", "2")
        .addSubscriptionIdentifier(3).addSubscriptionIdentifier(4)
        .build();
    assertFalse(p.isEmpty());
    assertTrue(Mqtt5Properties.EMPTY.isEmpty());
    assertEquals(4_294_967_295L, p.longValue(Property.MESSAGE_EXPIRY_INTERVAL, -1));
    assertEquals(9, p.intValue(Property.TOPIC_ALIAS, -1));
    assertEquals(9L, p.longValue(Property.TOPIC_ALIAS, -1));
    assertEquals(-1, p.intValue(Property.RECEIVE_MAXIMUM, -1));
    assertEquals(3, p.intValue(Property.SUBSCRIPTION_IDENTIFIER, -1));
    assertEquals("text/plain", p.string(Property.CONTENT_TYPE));
    assertNull(p.string(Property.RESPONSE_TOPIC));
    assertNull(p.binary(Property.AUTHENTICATION_DATA));
    byte[] data = p.binary(Property.CORRELATION_DATA);
    assertEquals(Arrays.toString(new byte[] {1, 2, 3}), Arrays.toString(data));
    data[0] = 9;
    assertEquals(1, p.binary(Property.CORRELATION_DATA)[0], "binary() is a copy");
    assertNotSame(p.binary(Property.CORRELATION_DATA), p.binary(Property.CORRELATION_DATA));
    assertEquals(Arrays.asList(new StringPair("a", "1"), new StringPair("a", "2")),
        p.userProperties());
    assertEquals(Arrays.asList(3, 4), p.subscriptionIdentifiers());
    assertTrue(p.has(Property.USER_PROPERTY));
    assertFalse(p.has(Property.REASON_STRING));
    rejects("use longValue", () -> p.intValue(Property.MESSAGE_EXPIRY_INTERVAL, 0));
    rejects("Content Type (0x03) is not a number", () -> p.longValue(Property.CONTENT_TYPE, 0));
    assertThrows(UnsupportedOperationException.class, () -> p.userProperties().clear());
  }

  @Test void builderCopiesBinaryAndBuildsIndependentValues() {
    byte[] data = {1};
    Mqtt5Properties.Builder b = Mqtt5Properties.builder().put(Property.CORRELATION_DATA, data);
    Mqtt5Properties first = b.build();
    data[0] = 7;
    assertEquals(1, first.binary(Property.CORRELATION_DATA)[0]);
    b.addUserProperty("x", "y");
    assertTrue(first.userProperties().isEmpty());
    assertEquals(first, first.toBuilder().build());
  }

  @Test void builderRefusesWhatDoesNotFit() {
    rejects("Payload Format Indicator (0x01) must be 0 or 1: 2",
        () -> Mqtt5Properties.builder().put(Property.PAYLOAD_FORMAT_INDICATOR, 2));
    rejects("Maximum QoS (0x24) must be 0 or 1: 2",
        () -> Mqtt5Properties.builder().put(Property.MAXIMUM_QOS, 2));
    rejects("Receive Maximum (0x21) must not be 0: 0",
        () -> Mqtt5Properties.builder().put(Property.RECEIVE_MAXIMUM, 0));
    rejects("Topic Alias (0x23) must be 0..65535: 65536",
        () -> Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, 65536));
    rejects("Message Expiry Interval (0x02) must be 0..4294967295: 4294967296",
        () -> Mqtt5Properties.builder().put(Property.MESSAGE_EXPIRY_INTERVAL, 1L << 32));
    rejects("Session Expiry Interval (0x11) must be 0..4294967295: -1",
        () -> Mqtt5Properties.builder().put(Property.SESSION_EXPIRY_INTERVAL, -1));
    rejects("Subscription Identifier (0x0B) must be 0..268435455: 268435456",
        () -> Mqtt5Properties.builder().addSubscriptionIdentifier(268_435_456));
    rejects("Subscription Identifier (0x0B) must not be 0: 0",
        () -> Mqtt5Properties.builder().put(Property.SUBSCRIPTION_IDENTIFIER, 0));
    rejects("Content Type (0x03) is a UTF8_STRING property, not a number",
        () -> Mqtt5Properties.builder().put(Property.CONTENT_TYPE, 1));
    rejects("Topic Alias (0x23) is a TWO_BYTE_INT property, not a string",
        () -> Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, "x"));
    rejects("Content Type (0x03) is a UTF8_STRING property, not binary",
        () -> Mqtt5Properties.builder().put(Property.CONTENT_TYPE, new byte[1]));
    rejects("Content Type (0x03): U+0000 is not allowed",
        () -> Mqtt5Properties.builder().put(Property.CONTENT_TYPE, "a\u0000"));
    rejects("User Property (0x26) value of \"n\": unpaired surrogate",
        () -> Mqtt5Properties.builder().addUserProperty("n", "\uD800"));
    rejects("Correlation Data (0x09) must be at most 65535 bytes: 65536 bytes",
        () -> Mqtt5Properties.builder().put(Property.CORRELATION_DATA, new byte[65_536]));
    rejects("Topic Alias (0x23) given twice: 3 then 7",
        () -> Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, 3).put(Property.TOPIC_ALIAS, 7));
    rejects("User Property (0x26) is a UTF8_PAIR property, not a number",
        () -> Mqtt5Properties.builder().put(Property.USER_PROPERTY, 1));
  }

  @Test void equalityAndToString() {
    Mqtt5Properties a = Mqtt5Properties.builder().put(Property.CORRELATION_DATA, new byte[] {1})
        .put(Property.REASON_STRING, "why").addUserProperty("k", "v").build();
    Mqtt5Properties b = Mqtt5Properties.builder().addUserProperty("k", "v")
        .put(Property.REASON_STRING, "why").put(Property.CORRELATION_DATA, new byte[] {1}).build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Mqtt5Properties.EMPTY);
    assertEquals("Mqtt5Properties{Correlation Data=1 bytes, Reason String=why,"
        + " User Property=[k=v]}", a.toString());
    assertEquals(new StringPair("a", "b"), new StringPair("a", "b"));
    assertNotEquals(new StringPair("a", "b"), new StringPair("a", "c"));
    assertEquals("a=b", new StringPair("a", "b").toString());
  }

  @Test void encodedLength() {
    assertEquals(0, Mqtt5Properties.EMPTY.encodedLength());
    Mqtt5Properties p = Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, 1)
        .addSubscriptionIdentifier(128).addUserProperty("ab", "c").build();
    assertEquals(3 + 3 + (1 + 4 + 2 + 1), p.encodedLength());
  }

  @Test void reasonCodes() {
    assertEquals("Not authorized", ReasonCode.name(0x87));
    assertEquals("No matching subscribers", ReasonCode.name(ReasonCode.NO_MATCHING_SUBSCRIBERS));
    assertEquals("Success", ReasonCode.name(0));
    assertEquals("Normal disconnection", ReasonCode.name(PacketType.DISCONNECT, 0));
    assertEquals("Granted QoS 0", ReasonCode.name(PacketType.SUBACK, 0));
    assertEquals("Unknown (0x03)", ReasonCode.name(3));
    assertEquals("Unknown (0xFF)", ReasonCode.name(0xFF));
    assertEquals("Wildcard Subscriptions not supported", ReasonCode.name(0xA2));
    assertTrue(ReasonCode.isFailure(0x80));
    assertFalse(ReasonCode.isFailure(0x19));
    assertTrue(ReasonCode.validFor(PacketType.PUBACK, 0x10));
    assertFalse(ReasonCode.validFor(PacketType.PUBREL, 0x10));
    assertTrue(ReasonCode.validFor(PacketType.PUBREL, 0x92));
    assertTrue(ReasonCode.validFor(PacketType.AUTH, 0x18));
    assertFalse(ReasonCode.validFor(PacketType.AUTH, 0x80));
    assertTrue(ReasonCode.validFor(PacketType.DISCONNECT, 0x04));
    assertFalse(ReasonCode.validFor(PacketType.CONNACK, 0x04));
    assertTrue(ReasonCode.validFor(PacketType.CONNACK, 0x9F));
    assertTrue(ReasonCode.validFor(PacketType.SUBACK, 0x02));
    assertFalse(ReasonCode.validFor(PacketType.UNSUBACK, 0x02));
    assertTrue(ReasonCode.validFor(PacketType.UNSUBACK, 0x11));
    assertFalse(ReasonCode.validFor(PacketType.PUBLISH, 0));
    assertFalse(ReasonCode.validFor(PacketType.PUBACK, 0x1000));
    assertEquals("AUTH", PacketType.name(15));
  }
}
