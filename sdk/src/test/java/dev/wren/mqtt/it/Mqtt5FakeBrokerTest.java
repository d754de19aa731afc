package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.DISCONNECT;
import static dev.wren.mqtt.testing.Wire.PINGREQ;
import static dev.wren.mqtt.testing.Wire.PUBACK;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static dev.wren.mqtt.testing.Wire.PUBREC;
import static dev.wren.mqtt.testing.Wire.SUBSCRIBE;
import static dev.wren.mqtt.testing.Wire.UNSUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.DisconnectedByBrokerException;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.PublishFailedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.UnsubscribeFailedException;
import dev.wren.mqtt.UserProperty;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.codec.StringPair;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.Wire;
import dev.wren.mqtt.testing.Wire5;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MQTT 5 client against a {@link dev.wren.mqtt.testing.FakeBroker} for what real brokers do
 * not do on request: every CONNACK and acknowledgement failure code, server DISCONNECTs, imposed
 * limits (keep-alive, Receive Maximum 1, tiny packets, Maximum QoS), topic alias misuse and
 * malformed properties. Each checked on the wire.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Mqtt5FakeBrokerTest extends AgainstFakeBroker {

  private MqttClient client5(UnaryOperator<MqttOptions.Builder> options) {
    return client(b -> options.apply(b.protocolVersion(ProtocolVersion.MQTT_5_0)));
  }

  /** Accepts the CONNECT with a CONNACK carrying {@code properties}. */
  private static Script accepted(Mqtt5Properties properties) {
    return new Script().expectAndReply(CONNECT, p -> Wire5.connAck(properties));
  }

  // ---- CONNECT and CONNACK ------------------------------------------------------------------

  @Test void connectCarriesTheVersionAndTheMqtt5Properties() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    client5(b -> b.sessionExpiry(300, TimeUnit.SECONDS).receiveMaximum(7)
        .maxInboundPacketSize(2048).topicAliasMaximum(4).requestProblemInformation(false)
        .userProperty("site", "north").password("secret")
        .will(Will.builder().topic("w/t").payload("gone").delay(30, TimeUnit.SECONDS)
            .expiry(60, TimeUnit.SECONDS).userProperty("why", "lost").contentType("text/plain")
            .build()))
        .connect();
    Connect c = (Connect) Wire5.decode(fake.takePacket(CONNECT, 3_000));
    assertEquals(5, c.protocolLevel());
    assertNull(c.username(), "MQTT 5 sends a password without a user name");
    Mqtt5Properties p = c.properties();
    assertEquals(300, p.longValue(Property.SESSION_EXPIRY_INTERVAL, -1));
    assertEquals(7, p.intValue(Property.RECEIVE_MAXIMUM, -1));
    assertEquals(2048, p.longValue(Property.MAXIMUM_PACKET_SIZE, -1));
    assertEquals(4, p.intValue(Property.TOPIC_ALIAS_MAXIMUM, -1));
    assertEquals(0, p.intValue(Property.REQUEST_PROBLEM_INFORMATION, -1));
    assertEquals(List.of(new StringPair("site", "north")), p.userProperties());
    Mqtt5Properties w = c.will().properties();
    assertEquals(30, w.longValue(Property.WILL_DELAY_INTERVAL, -1));
    assertEquals(60, w.longValue(Property.MESSAGE_EXPIRY_INTERVAL, -1));
    assertEquals("text/plain", w.string(Property.CONTENT_TYPE));
    assertEquals(List.of(new StringPair("why", "lost")), w.userProperties());
  }

  @Test void aPersistentSessionNeverExpiresUnlessToldAndACleanOneSendsNone() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    client5(b -> b.cleanSession(false)).connect();
    Connect c = (Connect) Wire5.decode(fake.takePacket(CONNECT, 3_000));
    assertFalse(c.cleanSession());
    assertEquals(4_294_967_295L, c.properties().longValue(Property.SESSION_EXPIRY_INTERVAL, -1));
    client.close();
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    client5(b -> b).connect();
    Connect clean = (Connect) Wire5.decode(fake.takePacket(CONNECT, 3_000));
    assertFalse(clean.properties().has(Property.SESSION_EXPIRY_INTERVAL));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C,
      0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F})
  void everyConnAckFailureIsANamedExceptionWithCodeAndReasonString(int code) throws Exception {
    Mqtt5Properties p = code == 0x9C || code == 0x9D
        ? Mqtt5Properties.builder().put(Property.REASON_STRING, "go away")
            .put(Property.SERVER_REFERENCE, "other:1883").build()
        : Wire5.reason("go away");
    fake.enqueue(new Script().expectAndReply(CONNECT, r -> Wire5.connAck(code, p)));
    ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
        () -> client5(b -> b).connect());
    assertEquals(code, e.code());
    assertEquals("go away", e.reasonString());
    assertTrue(e.getMessage().contains(ReasonCode.name(code)), e.getMessage());
    assertTrue(e.getMessage().contains(String.format("0x%02X", code)), e.getMessage());
    Class<?> expected = switch (code) {
      case 0x84 -> ConnectionRefusedException.UnacceptableProtocolVersionException.class;
      case 0x85 -> ConnectionRefusedException.IdentifierRejectedException.class;
      case 0x86 -> ConnectionRefusedException.BadUsernameOrPasswordException.class;
      case 0x87 -> ConnectionRefusedException.NotAuthorizedException.class;
      case 0x88, 0x89 -> ConnectionRefusedException.ServerUnavailableException.class;
      default -> ConnectionRefusedException.class;
    };
    assertEquals(expected, e.getClass());
    if (code == 0x9C || code == 0x9D) assertEquals("other:1883", e.serverReference());
  }

  @Test void theConnAckAnnouncementsAreExposedAndEnforcedAtPublish() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.builder().put(Property.RECEIVE_MAXIMUM, 3)
        .put(Property.MAXIMUM_QOS, 1).put(Property.RETAIN_AVAILABLE, 0)
        .put(Property.MAXIMUM_PACKET_SIZE, 200).put(Property.TOPIC_ALIAS_MAXIMUM, 5)
        .put(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 0)
        .put(Property.SHARED_SUBSCRIPTION_AVAILABLE, 0)
        .put(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0)
        .put(Property.ASSIGNED_CLIENT_IDENTIFIER, "auto-17").put(Property.SERVER_KEEP_ALIVE, 30)
        .addUserProperty("region", "eu").build()).autoReply());
    MqttClient c = client5(b -> b.clientId(""));
    c.connect();
    ServerCapabilities s = c.serverCapabilities();
    assertEquals(ProtocolVersion.MQTT_5_0, s.protocolVersion());
    assertEquals(3, s.receiveMaximum());
    assertEquals(Qos.AT_LEAST_ONCE, s.maximumQos());
    assertFalse(s.retainAvailable());
    assertEquals(200, s.maximumPacketSize());
    assertEquals(5, s.topicAliasMaximum());
    assertFalse(s.wildcardSubscriptionAvailable());
    assertFalse(s.sharedSubscriptionAvailable());
    assertFalse(s.subscriptionIdentifiersAvailable());
    assertEquals("auto-17", s.assignedClientId());
    assertEquals(30, s.serverKeepAliveSeconds());
    assertEquals(List.of(UserProperty.of("region", "eu")), s.userProperties());

    PublishFailedException qos = assertThrows(PublishFailedException.class,
        () -> c.publish("t", new byte[1], Qos.EXACTLY_ONCE, false));
    assertEquals(ReasonCode.QOS_NOT_SUPPORTED, qos.reasonCode());
    assertTrue(qos.getMessage().contains("Maximum QoS 1"), qos.getMessage());
    PublishFailedException retain = assertThrows(PublishFailedException.class,
        () -> c.publish("t", new byte[1], Qos.AT_LEAST_ONCE, true));
    assertEquals(ReasonCode.RETAIN_NOT_SUPPORTED, retain.reasonCode());
    PublishFailedException size = assertThrows(PublishFailedException.class,
        () -> c.publish("t", new byte[300], Qos.AT_MOST_ONCE, false));
    assertEquals(ReasonCode.PACKET_TOO_LARGE, size.reasonCode());
    assertTrue(size.getMessage().contains("Maximum Packet Size 200"), size.getMessage());
    // Within every limit it goes.
    c.publish("t", new byte[100], Qos.AT_LEAST_ONCE, false).await(3, TimeUnit.SECONDS);
    assertTrue(fake.packets(PUBLISH).size() == 1, "only the allowed message was sent");
  }

  @Test void theServerKeepAliveReplacesTheClientsOwn() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.builder().put(Property.SERVER_KEEP_ALIVE, 1).build())
        .autoReply());
    client5(b -> b.keepAliveSeconds(60)).connect();
    RecordedPacket connect = fake.takePacket(CONNECT, 3_000);
    RecordedPacket ping = fake.takePacket(PINGREQ, 3_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(ping.receivedAtNanos() - connect.receivedAtNanos());
    assertTrue(millis < 2_500, "PINGREQ after " + millis + " ms; the broker asked for 1 s");
  }

  @Test void anAssignedClientIdentifierIsUsedOnReconnect() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.builder()
        .put(Property.ASSIGNED_CLIENT_IDENTIFIER, "given-by-broker").build()).close());
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    client5(b -> b.clientId("").sessionExpiry(60, TimeUnit.SECONDS)
        .reconnect(dev.wren.mqtt.ReconnectOptions.builder()
            .initialDelay(10, TimeUnit.MILLISECONDS).build())).connect();
    fake.awaitConnections(2, 5_000);
    awaitTrue("second CONNECT", 3_000, () -> fake.packets(CONNECT).size() == 2);
    assertEquals("", ((Connect) Wire5.decode(fake.packets(CONNECT).get(0))).clientId());
    assertEquals("given-by-broker",
        ((Connect) Wire5.decode(fake.packets(CONNECT).get(1))).clientId());
  }

  // ---- flow control ---------------------------------------------------------------------------

  @Test void receiveMaximumOneKeepsOneMessageInFlight() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.builder().put(Property.RECEIVE_MAXIMUM, 1).build())
        .expect(PUBLISH).sleep(300)
        .send(Wire5.ack(PacketType.PUBACK, 1, 0, Mqtt5Properties.EMPTY))
        .expect(PUBLISH)
        .send(Wire5.ack(PacketType.PUBACK, 2, 0, Mqtt5Properties.EMPTY))
        .expect(PUBLISH)
        .send(Wire5.ack(PacketType.PUBACK, 3, 0, Mqtt5Properties.EMPTY))
        .autoReply());
    MqttClient c = client5(b -> b.maxInflight(10));
    c.connect();
    Delivery[] d = new Delivery[3];
    for (int i = 0; i < 3; i++) d[i] = c.publish("t", new byte[] {(byte) i}, Qos.AT_LEAST_ONCE, false);
    Thread.sleep(150);
    assertEquals(1, fake.packets(PUBLISH).size(), "a second PUBLISH went out before the PUBACK");
    for (Delivery x : d) x.await(3, TimeUnit.SECONDS);
    List<RecordedPacket> p = fake.packets(PUBLISH);
    assertEquals(3, p.size());
    // In order, one after another: each sent only after the one before was acknowledged.
    assertTrue(p.get(1).receivedAtNanos() - p.get(0).receivedAtNanos()
        >= TimeUnit.MILLISECONDS.toNanos(250));
  }

  @Test void aBrokerExceedingTheClientsReceiveMaximumIsDisconnectedWith0x93() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).expect(SUBSCRIBE)
        .send(Wire5.subAck(1, 2))
        .send(Wire5.publish("t", "a", 2, 10, Mqtt5Properties.EMPTY))
        .send(Wire5.publish("t", "b", 2, 11, Mqtt5Properties.EMPTY))
        .expect(PUBREC).expect(DISCONNECT, p -> assertEquals(0x93,
            ((Disconnect) Wire5.decode(p)).reasonCode())));
    MqttClient c = client5(b -> b.receiveMaximum(1));
    c.connect();
    c.subscribe("t", Qos.EXACTLY_ONCE, new Inbox());
    events.take("disconnected", 5_000);
    MqttProtocolException e = assertInstanceOf(MqttProtocolException.class, events.lastCause());
    assertTrue(e.getMessage().contains("Receive Maximum of 1"), e.getMessage());
  }

  // ---- acknowledgements with reason codes ------------------------------------------------------

  @Test void aRefusingPubAckFailsTheDeliveryWithCodeAndReasonAndTheMessageLeaves() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(PUBLISH, p -> Wire5.ack(PacketType.PUBACK, p.packetId(), 0x97,
            Wire5.reason("quota used up")))
        .autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    Delivery d = c.publish("t", new byte[1], Qos.AT_LEAST_ONCE, false);
    MqttException e = assertThrows(MqttException.class, () -> d.await(3, TimeUnit.SECONDS));
    PublishFailedException f = assertInstanceOf(PublishFailedException.class, e);
    assertEquals(0x97, f.reasonCode());
    assertEquals("quota used up", f.reasonString());
    assertTrue(f.getMessage().contains("Quota exceeded"), f.getMessage());
    awaitTrue("the queue empties", 3_000, () -> c.statistics().queued() == 0);
  }

  @Test void noMatchingSubscribersIsASuccessTheDeliveryShows() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(PUBLISH, p -> Wire5.ack(PacketType.PUBACK, p.packetId(), 0x10,
            Mqtt5Properties.EMPTY))
        .autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    Delivery d = c.publish("t", new byte[1], Qos.AT_LEAST_ONCE, false);
    d.await(3, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
    assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS, d.reasonCode());
  }

  @Test void aRefusingPubRecEndsTheQos2FlowWithoutPubRel() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(PUBLISH, p -> Wire5.ack(PacketType.PUBREC, p.packetId(), 0x87,
            Mqtt5Properties.EMPTY))
        .autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    Delivery d = c.publish("t", new byte[1], Qos.EXACTLY_ONCE, false);
    PublishFailedException f = assertInstanceOf(PublishFailedException.class,
        assertThrows(MqttException.class, () -> d.await(3, TimeUnit.SECONDS)));
    assertEquals(0x87, f.reasonCode());
    Thread.sleep(200);
    assertTrue(fake.packets(Wire.PUBREL).isEmpty(), "PUBREL after a refusing PUBREC");
  }

  @Test void subAckCodesNameEachRefusedFilter() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, p -> Wire5.subAck(p.packetId(), 1, 0x87, 0x8F))
        .autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    SubscribeFailedException e = assertThrows(SubscribeFailedException.class,
        () -> c.subscribe(List.of(new Subscription("a", Qos.AT_LEAST_ONCE, new Inbox()),
            new Subscription("b", Qos.AT_LEAST_ONCE, new Inbox()),
            new Subscription("c", Qos.AT_LEAST_ONCE, new Inbox()))));
    assertEquals(List.of("b", "c"), e.refusedFilters());
    assertEquals(List.of(1, 0x87, 0x8F), e.reasonCodes());
    assertEquals(Arrays.asList(Qos.AT_LEAST_ONCE, null, null), e.granted());
    assertTrue(e.getMessage().contains("'b' (SUBACK 0x87 Not authorized)"), e.getMessage());
  }

  @Test void unsubAckRefusalsAreNamedAndNoSubscriptionExistedIsNot() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(UNSUBSCRIBE, p -> Wire5.unsubAck(p.packetId(), 0x11))
        .expectAndReply(UNSUBSCRIBE, p -> Wire5.unsubAck(p.packetId(), 0x00, 0x87))
        .autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    c.unsubscribe("never");
    UnsubscribeFailedException e = assertThrows(UnsubscribeFailedException.class,
        () -> c.unsubscribe("a", "b"));
    assertEquals(List.of("b"), e.refusedFilters());
    assertEquals(List.of(0, 0x87), e.reasonCodes());
  }

  // ---- DISCONNECT -------------------------------------------------------------------------------

  @Test void aServerDisconnectReachesTheListenerWithCodeAndReason() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).sleep(100)
        .send(Wire5.disconnect(0x8B, Wire5.reason("maintenance"))).expectClosed());
    client5(b -> b).connect();
    events.take("disconnected", 5_000);
    DisconnectedByBrokerException e =
        assertInstanceOf(DisconnectedByBrokerException.class, events.lastCause());
    assertEquals(0x8B, e.reasonCode());
    assertEquals("maintenance", e.reasonString());
    assertTrue(e.getMessage().contains("Server shutting down"), e.getMessage());
  }

  @Test void sessionTakenOverIsNotRetried() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).sleep(100)
        .send(Wire5.disconnect(0x8E, Mqtt5Properties.EMPTY)).expectClosed());
    client5(b -> b.reconnect(dev.wren.mqtt.ReconnectOptions.builder()
        .initialDelay(10, TimeUnit.MILLISECONDS).build())).connect();
    String e = events.take("disconnected", 5_000);
    assertTrue(e.contains("reconnect=false"), e);
  }

  @Test void disconnectSendsNormalDisconnection() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    c.disconnect();
    Disconnect d = (Disconnect) Wire5.decode(fake.takePacket(DISCONNECT, 3_000));
    assertEquals(0, d.reasonCode());
  }

  // ---- PUBLISH properties and topic aliases ----------------------------------------------------

  @Test void inboundPropertiesReachTheMessage() throws Exception {
    Mqtt5Properties p = Mqtt5Properties.builder().put(Property.PAYLOAD_FORMAT_INDICATOR, 1)
        .put(Property.MESSAGE_EXPIRY_INTERVAL, 42).put(Property.CONTENT_TYPE, "text/plain")
        .put(Property.RESPONSE_TOPIC, "reply/here").put(Property.CORRELATION_DATA, new byte[] {7})
        .addUserProperty("k", "v").addUserProperty("k", "w")
        .addSubscriptionIdentifier(5).build();
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 1))
        .send(Wire5.publish("t", "hello", 1, 9, p)).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    Inbox inbox = new Inbox();
    c.subscribe("t", Qos.AT_LEAST_ONCE, inbox);
    Message m = inbox.take(3_000);
    assertEquals("hello", m.payloadAsString());
    assertTrue(m.payloadFormatUtf8());
    assertEquals(42_000, m.expiresAfterMillis());
    assertEquals("text/plain", m.contentType());
    assertEquals("reply/here", m.responseTopic());
    assertArrayEquals(new byte[] {7}, m.correlationData());
    assertEquals(List.of(UserProperty.of("k", "v"), UserProperty.of("k", "w")),
        m.userProperties());
    assertEquals(List.of(5), m.subscriptionIdentifiers());
  }

  @Test void outboundPropertiesAndTheRemainingExpiryGoOnTheWire() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    c.publish(Message.builder().topic("t").payload("{}").qos(Qos.AT_LEAST_ONCE)
        .userProperty("unit", "C").contentType("application/json").responseTopic("r/1")
        .correlationData(new byte[] {1, 2}).payloadFormatUtf8(true)
        .expiresAfter(10, TimeUnit.SECONDS).build()).await(3, TimeUnit.SECONDS);
    Publish p = (Publish) Wire5.decode(fake.takePacket(PUBLISH, 3_000));
    Mqtt5Properties props = p.properties();
    assertEquals(List.of(new StringPair("unit", "C")), props.userProperties());
    assertEquals("application/json", props.string(Property.CONTENT_TYPE));
    assertEquals("r/1", props.string(Property.RESPONSE_TOPIC));
    assertArrayEquals(new byte[] {1, 2}, props.binary(Property.CORRELATION_DATA));
    assertEquals(1, props.intValue(Property.PAYLOAD_FORMAT_INDICATOR, 0));
    long expiry = props.longValue(Property.MESSAGE_EXPIRY_INTERVAL, -1);
    assertTrue(expiry >= 9 && expiry <= 10, "expiry " + expiry);
  }

  @Test void inboundTopicAliasesAreResolvedPerConnection() throws Exception {
    Mqtt5Properties alias1 = Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, 1).build();
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 0))
        .send(Wire5.publish("long/topic/name", "1", 0, 0, alias1))
        .send(Wire5.publish("", "2", 0, 0, alias1)).autoReply());
    MqttClient c = client5(b -> b.topicAliasMaximum(2));
    c.connect();
    Inbox inbox = new Inbox();
    c.subscribe("long/#", Qos.AT_MOST_ONCE, inbox);
    List<Message> two = inbox.take(2, 3_000);
    assertEquals("long/topic/name", two.get(0).topic());
    assertEquals("long/topic/name", two.get(1).topic());
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 1})
  void topicAliasMisuseIsDisconnectedWith0x94(int alias) throws Exception {
    // 3: above the maximum of 2; 1: used with an empty topic before it was set.
    Mqtt5Properties p = Mqtt5Properties.builder().put(Property.TOPIC_ALIAS, alias).build();
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 0))
        .send(Wire5.publish(alias == 3 ? "t" : "", "x", 0, 0, p))
        .expect(DISCONNECT, d -> assertEquals(0x94, ((Disconnect) Wire5.decode(d)).reasonCode())));
    MqttClient c = client5(b -> b.topicAliasMaximum(2));
    c.connect();
    c.subscribe("#", Qos.AT_MOST_ONCE, new Inbox());
    events.take("disconnected", 5_000);
    assertInstanceOf(MqttProtocolException.class, events.lastCause());
  }

  @Test void aMalformedPropertyIsDisconnectedWith0x81() throws Exception {
    // PUBLISH "t" QoS 0 whose properties hold Session Expiry Interval (0x11): not a PUBLISH's.
    byte[] bad = Wire.hex("30 0A 0001 74 05 11 0000000A 78");
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 0))
        .send(bad)
        .expect(DISCONNECT, d -> assertEquals(0x81, ((Disconnect) Wire5.decode(d)).reasonCode())));
    MqttClient c = client5(b -> b);
    c.connect();
    c.subscribe("#", Qos.AT_MOST_ONCE, new Inbox());
    events.take("disconnected", 5_000);
    MqttProtocolException e = assertInstanceOf(MqttProtocolException.class, events.lastCause());
    assertTrue(e.getMessage().contains("Session Expiry Interval"), e.getMessage());
  }

  // ---- SUBSCRIBE options and shared subscriptions ---------------------------------------------

  @Test void subscribeOptionsAndTheIdentifierGoOnTheWire() throws Exception {
    // The fake's autoReply reads SUBSCRIBE as 3.1.1; this one is answered by hand.
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 1, 0)).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    c.subscribe(List.of(Subscription.builder("a/+", Qos.AT_LEAST_ONCE, new Inbox()).noLocal(true)
            .retainAsPublished(true).retainHandling(dev.wren.mqtt.RetainHandling.DO_NOT_SEND)
            .subscriptionIdentifier(77).build(),
        Subscription.builder("b", Qos.AT_MOST_ONCE, new Inbox()).subscriptionIdentifier(77)
            .build()));
    dev.wren.mqtt.internal.codec.Subscribe s =
        (dev.wren.mqtt.internal.codec.Subscribe) Wire5.decode(fake.takePacket(SUBSCRIBE, 3_000));
    assertEquals(List.of(77), s.properties().subscriptionIdentifiers());
    dev.wren.mqtt.internal.codec.Subscribe.Entry a = s.entries().get(0);
    assertEquals(1, a.qos());
    assertTrue(a.noLocal());
    assertTrue(a.retainAsPublished());
    assertEquals(2, a.retainHandling());
    assertEquals(0, s.entries().get(1).options());
  }

  @Test void subscriptionsOfOneCallMustShareTheirIdentifier() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.subscribe(
        List.of(Subscription.builder("a", Qos.AT_MOST_ONCE, new Inbox()).subscriptionIdentifier(1)
            .build(), Subscription.builder("b", Qos.AT_MOST_ONCE, new Inbox()).build())));
    assertTrue(e.getMessage().contains("separate calls"), e.getMessage());
    assertTrue(fake.packets(SUBSCRIBE).isEmpty());
  }

  @Test void aSharedSubscriptionReceivesMessagesOnTheirOwnTopic() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY)
        .expectAndReply(SUBSCRIBE, r -> Wire5.subAck(r.packetId(), 1))
        .send(Wire5.publish("sensors/t1", "21", 1, 3, Mqtt5Properties.EMPTY)).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    Inbox inbox = new Inbox();
    c.subscribe("$share/workers/sensors/+", Qos.AT_LEAST_ONCE, inbox);
    assertEquals("sensors/t1", inbox.take(3_000).topic());
  }

  @Test void badSharedFiltersAndNoLocalOnThemAreRefusedBeforeSending() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.EMPTY).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    for (String bad : List.of("$share/g", "$share//t", "$share/g+/t", "$share/g/")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.subscribe(bad, Qos.AT_MOST_ONCE, new Inbox()), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Subscription.builder("$share/g/t",
        Qos.AT_MOST_ONCE, new Inbox()).noLocal(true).build());
    assertTrue(fake.packets(SUBSCRIBE).isEmpty());
  }

  @Test void whatTheBrokerSaidItLacksIsRefusedAtSubscribe() throws Exception {
    fake.enqueue(accepted(Mqtt5Properties.builder()
        .put(Property.SHARED_SUBSCRIPTION_AVAILABLE, 0)
        .put(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 0)
        .put(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0).build()).autoReply());
    MqttClient c = client5(b -> b);
    c.connect();
    assertThrows(IllegalArgumentException.class,
        () -> c.subscribe("$share/g/t", Qos.AT_MOST_ONCE, new Inbox()));
    assertThrows(IllegalArgumentException.class,
        () -> c.subscribe("a/#", Qos.AT_MOST_ONCE, new Inbox()));
    assertThrows(IllegalArgumentException.class, () -> c.subscribe(List.of(
        Subscription.builder("t", Qos.AT_MOST_ONCE, new Inbox()).subscriptionIdentifier(3)
            .build())));
    assertTrue(fake.packets(SUBSCRIBE).isEmpty());
  }

  // ---- MQTT 3.1.1 refuses what only 5.0 has ----------------------------------------------------

  @Test void aThreeOneOneClientRefusesMqtt5OptionsAndPropertiesNamingThem() throws Exception {
    IllegalStateException option = assertThrows(IllegalStateException.class,
        () -> defaults().sessionExpiry(60, TimeUnit.SECONDS).build());
    assertTrue(option.getMessage().contains("sessionExpiry(60 s)"), option.getMessage());
    assertTrue(option.getMessage().contains("protocolVersion(ProtocolVersion.MQTT_5_0)"));
    IllegalStateException will = assertThrows(IllegalStateException.class,
        () -> defaults().will(Will.builder().topic("w").delay(5, TimeUnit.SECONDS).build())
            .build());
    assertTrue(will.getMessage().contains("Will.delay(5 s)"), will.getMessage());
    fake.enqueue(connected().autoReply());
    MqttClient c = client();
    c.connect();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.publish(Message.builder().topic("t").userProperty("k", "v").build()));
    assertTrue(e.getMessage().contains("userProperty(k, ...)"), e.getMessage());
    IllegalArgumentException subscribe = assertThrows(IllegalArgumentException.class,
        () -> c.subscribe(List.of(Subscription.builder("t", Qos.AT_MOST_ONCE, new Inbox())
            .noLocal(true).build())));
    assertTrue(subscribe.getMessage().contains("noLocal(true)"), subscribe.getMessage());
    assertTrue(fake.packets(PUBLISH).isEmpty());
    assertTrue(fake.packets(SUBSCRIBE).isEmpty());
  }
}
