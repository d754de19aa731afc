package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Constructor checks, copies, equality and redacted toString of the packet values. */
class PacketValuesTest {
  private static void rejects(String fragment, Executable constructor) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructor);
    assertTrue(e.getMessage().contains(fragment),
        () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
  }

  @Test void typesAndNames() {
    assertEquals(PacketType.CONNACK, new ConnAck(false, 0).type());
    assertEquals(PacketType.PINGRESP, PingResp.INSTANCE.type());
    assertEquals("UNSUBSCRIBE", PacketType.name(PacketType.UNSUBSCRIBE));
    assertEquals("DISCONNECT", PacketType.name(14));
    assertEquals("UNKNOWN(16)", PacketType.name(16));
  }

  @Test void packetIdRange() {
    rejects("PUBACK packet identifier must be 1..65535: 0", () -> new PubAck(0));
    rejects(": 65536", () -> new PubRec(65536));
    rejects(": -1", () -> new PubRel(-1));
    rejects("PUBCOMP", () -> new PubComp(0));
    rejects("UNSUBACK", () -> new UnsubAck(70000));
    assertEquals(65535, new PubComp(65535).packetId());
  }

  @Test void publishRules() {
    byte[] payload = {1};
    rejects("must be 0 at QoS 0: 5", () -> new Publish("t", payload, 0, false, false, 5));
    rejects("must be 1..65535: 0", () -> new Publish("t", payload, 1, false, false, 0));
    rejects(": 65536", () -> new Publish("t", payload, 2, false, false, 65536));
    rejects("QoS must be 0, 1 or 2: 3", () -> new Publish("t", payload, 3, false, false, 1));
    rejects("DUP", () -> new Publish("t", payload, 0, false, true, 0));
  }

  @Test void publishSharesItsPayloadAndCopiesWithChanges() {
    byte[] payload = "secret".getBytes(StandardCharsets.UTF_8);
    Publish publish = new Publish("a/b", payload, 1, true, false, 9);
    assertSame(payload, publish.payload());
    Publish dup = publish.withDup(true);
    assertTrue(dup.dup());
    assertFalse(publish.dup());
    assertSame(payload, dup.payload());
    assertEquals(new Publish("a/b", payload, 1, true, true, 9), dup);
    assertEquals(10, publish.withPacketId(10).packetId());
    assertSame(publish, publish.withDup(false));
    rejects(": 0", () -> publish.withPacketId(0));
  }

  @Test void publishEqualityAndRedactedToString() {
    Publish a = new Publish("a/b", new byte[] {'x', 'y'}, 0, false, false, 0);
    Publish b = new Publish("a/b", new byte[] {'x', 'y'}, 0, false, false, 0);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new Publish("a/b", new byte[] {'x', 'z'}, 0, false, false, 0));
    assertNotEquals(a, new Publish("a/b", new byte[] {'x', 'y'}, 0, true, false, 0));
    Publish secret = new Publish("t", "hunter2".getBytes(StandardCharsets.UTF_8), 0, false, false,
        0);
    assertFalse(secret.toString().contains("hunter2"), secret.toString());
    assertTrue(secret.toString().contains("7 bytes"), secret.toString());
  }

  @Test void connectCopiesAndRedacts() {
    byte[] password = "hunter2".getBytes(StandardCharsets.UTF_8);
    byte[] willPayload = "last-words".getBytes(StandardCharsets.UTF_8);
    Connect connect = new Connect("id", true, 30, "user", password,
        new Connect.Will("w", willPayload, 1, false));
    password[0] = 'X';
    willPayload[0] = 'X';
    assertEquals("hunter2", new String(connect.password(), StandardCharsets.UTF_8));
    assertEquals("last-words", new String(connect.will().payload(), StandardCharsets.UTF_8));
    connect.password()[0] = 'Y';
    assertEquals('h', connect.password()[0]);
    assertNotSame(connect.password(), connect.password());
    String text = connect.toString();
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("last-words"), text);
    assertTrue(text.contains("10 bytes"), text);

    Connect same = new Connect("id", true, 30, "user", "hunter2".getBytes(StandardCharsets.UTF_8),
        new Connect.Will("w", "last-words".getBytes(StandardCharsets.UTF_8), 1, false));
    assertEquals(connect, same);
    assertEquals(connect.hashCode(), same.hashCode());
    assertNotEquals(connect, new Connect("id", true, 30, "user", null, null));
  }

  @Test void connectRules() {
    rejects("password requires a username",
        () -> new Connect("id", true, 0, null, new byte[3], null));
    rejects("keep alive must be 0..65535 seconds: 65536",
        () -> new Connect("id", true, 65536, null, null, null));
    rejects("65536 bytes", () -> new Connect("id", true, 0, "u", new byte[65536], null));
    rejects("will QoS must be 0, 1 or 2: 3", () -> new Connect.Will("t", new byte[0], 3, false));
    rejects("65536 bytes", () -> new Connect.Will("t", new byte[65536], 0, false));
    assertEquals(null, new Connect("id", false, 0, null, null, null).password());
  }

  @Test void connAckRules() {
    rejects("0..255: 256", () -> new ConnAck(false, 256));
    assertEquals(new ConnAck(true, 0), new ConnAck(true, 0));
    assertNotEquals(new ConnAck(true, 0), new ConnAck(false, 0));
  }

  @Test void subscribeRules() {
    rejects("at least one", () -> new Subscribe(1, Collections.emptyList()));
    rejects("QoS must be 0, 1 or 2: 3", () -> new Subscribe.Entry("a", 3));
    rejects(": 0", () -> new Subscribe(0, Arrays.asList(new Subscribe.Entry("a", 0))));
    List<Subscribe.Entry> entries = new ArrayList<>(Arrays.asList(new Subscribe.Entry("a", 1)));
    Subscribe subscribe = new Subscribe(1, entries);
    entries.clear();
    assertEquals(1, subscribe.entries().size());
    assertThrows(UnsupportedOperationException.class, () -> subscribe.entries().clear());
    assertEquals(new Subscribe.Entry("a", 1), subscribe.entries().get(0));
  }

  @Test void subAckRules() {
    rejects("at least one", () -> new SubAck(1, Collections.emptyList()));
    rejects("0x03", () -> new SubAck(1, Arrays.asList(0, 3)));
    rejects("0x81", () -> new SubAck(1, Arrays.asList(0x81)));
    rejects(": 256", () -> new SubAck(1, Arrays.asList(256)));
    SubAck subAck = new SubAck(1, Arrays.asList(0, 1, 2, SubAck.FAILURE));
    assertThrows(UnsupportedOperationException.class, () -> subAck.returnCodes().set(0, 1));
    assertEquals(Arrays.asList(0, 1, 2, 0x80), subAck.returnCodes());
  }

  @Test void unsubscribeRules() {
    rejects("at least one", () -> new Unsubscribe(1, Collections.emptyList()));
    Unsubscribe unsubscribe = new Unsubscribe(2, Arrays.asList("a", "b/#"));
    assertThrows(UnsupportedOperationException.class, () -> unsubscribe.filters().add("c"));
    assertEquals(unsubscribe, new Unsubscribe(2, Arrays.asList("a", "b/#")));
  }

  @Test void differentAckTypesWithTheSameIdAreNotEqual() {
    assertNotEquals(new PubAck(1), new PubRec(1));
    assertEquals(new PubAck(1), new PubAck(1));
    assertArrayEquals(Mqtt311Encoder.encode(new PubAck(1)), Hex.decode("40 02 00 01"));
  }
}
