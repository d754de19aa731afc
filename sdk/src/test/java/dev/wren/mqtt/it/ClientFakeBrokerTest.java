package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Await.awaitTrue;
import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.DISCONNECT;
import static dev.wren.mqtt.testing.Wire.PINGREQ;
import static dev.wren.mqtt.testing.Wire.PUBACK;
import static dev.wren.mqtt.testing.Wire.PUBCOMP;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static dev.wren.mqtt.testing.Wire.PUBREC;
import static dev.wren.mqtt.testing.Wire.PUBREL;
import static dev.wren.mqtt.testing.Wire.SUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.BrokerUnreachableException;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.FakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against a {@link FakeBroker}: protocol failures, acknowledgement flows and keep-alive,
 * checked on the wire. Every wait is bounded; every test runs in a few seconds at most.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientFakeBrokerTest extends AgainstFakeBroker {

  /** The client must not leak the socket: the fake's open-ended step ends when it closes. */
  private void assertClientClosedSocket(long timeoutMillis) throws InterruptedException {
    fake.awaitConnections(1, 1_000);
    try {
      fake.awaitScriptsDone(timeoutMillis);
    } catch (AssertionError e) {
      throw new AssertionError("the client did not close its socket within " + timeoutMillis
          + " ms (" + e.getMessage() + ")", e);
    }
  }


  private static long millisBetween(RecordedPacket earlier, RecordedPacket later) {
    return TimeUnit.NANOSECONDS.toMillis(later.receivedAtNanos() - earlier.receivedAtNanos());
  }

  // ---- connect -------------------------------------------------------------------------------

  @Test void connectSendsTheOptionsOnTheWire() throws Exception {
    fake.enqueue(new Script().expect(CONNECT, p -> {
      assertEquals("00 04 4d 51 54 54 04", Wire.hex(Arrays.copyOf(p.body(), 7)),
          "protocol name MQTT, level 4: " + p);
      assertEquals(0x02, p.connectFlags(), "clean session only: " + p);
      assertEquals(17, p.keepAliveSeconds());
      assertEquals("ClientFakeBrokerTest", p.clientId());
      assertEquals(0, p.flags());
    }).sendConnAck(true, 0).stall());
    boolean sessionPresent = client(b -> b.keepAliveSeconds(17)).connect();
    assertTrue(sessionPresent, "CONNACK said session present");
    assertTrue(client.isConnected());
  }

  @Test void connectToAClosedPortIsBrokerUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = s.getLocalPort();
    }
    int closedPort = port;
    client = new MqttClient(MqttOptions.builder().serverUri("tcp://127.0.0.1:" + closedPort)
        .connectTimeout(3, TimeUnit.SECONDS).build());
    BrokerUnreachableException e = assertThrows(BrokerUnreachableException.class, client::connect);
    assertEquals(closedPort, e.port());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
  }

  @Test void brokerClosesAfterConnect() throws Exception {
    fake.enqueue(new Script().expect(CONNECT).close());
    long start = System.nanoTime();
    MqttException e = assertThrows(MqttException.class, client(
        b -> b.connectTimeout(10, TimeUnit.SECONDS))::connect);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertFalse(e instanceof MqttTimeoutException,
        "a closed connection is not a timeout (took " + tookMillis + " ms): " + e);
    String text = (e.getMessage() + " " + e.getCause()).toLowerCase();
    assertTrue(e instanceof ConnectionLostException || text.contains("closed")
        || text.contains("end of stream") || text.contains("eof"),
        "the exception should name the cause (connection closed): " + e);
    assertTrue(tookMillis < 5_000, "noticed the close only after " + tookMillis + " ms");
    assertFalse(client.isConnected());
  }

  @Test void noConnAckTimesOutWithinTheConnectTimeout() throws Exception {
    fake.enqueue(new Script().expect(CONNECT).stall());
    client(b -> b.connectTimeout(700, TimeUnit.MILLISECONDS));
    long start = System.nanoTime();
    assertThrows(MqttTimeoutException.class, client::connect);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis >= 600 && tookMillis < 3_000,
        "connect timeout 700 ms, but connect() gave up after " + tookMillis + " ms");
    assertFalse(client.isConnected());
    assertClientClosedSocket(2_000);
  }

  @Test void garbageInsteadOfConnAckIsAProtocolError() throws Exception {
    // Type 0 is reserved, and ff ff ff ff is a remaining length with a fifth byte announced.
    fake.enqueue(new Script().expect(CONNECT).garbage(Wire.hex("00 ff ff ff ff ff 01")).stall());
    assertThrows(MqttProtocolException.class, client()::connect);
    assertFalse(client.isConnected());
    assertClientClosedSocket(2_000);
  }

  @Test void oversizeConnAckIsRefusedBeforeItsBodyArrives() throws Exception {
    // CONNACK announcing 268,435,455 bytes; the body never comes, so the client must judge by the
    // header. A CONNACK is always 2 bytes long, so that is the fault named, not the size limit
    // (raising maxInboundPacketSize would not help).
    fake.enqueue(new Script().expect(CONNECT).send("20 ff ff ff 7f").stall());
    MqttProtocolException e = assertThrows(MqttProtocolException.class, client()::connect);
    String message = e.getMessage();
    assertTrue(message.contains("CONNACK remaining length must be 2: 268435455"),
        "the message should give the rule and the announced length: " + message);
    assertClientClosedSocket(2_000);
  }

  @ParameterizedTest(name = "CONNACK return code {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void refusalCodeMapsToItsSubclass(int code) throws Exception {
    fake.enqueue(new Script().expect(CONNECT).sendConnAck(false, code).stall());
    ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, client()::connect);
    assertEquals(ConnectionRefusedException.forCode(code).getClass(), e.getClass());
    assertEquals(code, e.code());
    assertFalse(client.isConnected());
    assertClientClosedSocket(2_000);
  }

  // ---- keep-alive ----------------------------------------------------------------------------

  @Test void stalledBrokerAfterConnAckIsDetectedByKeepAlive() throws Exception {
    fake.enqueue(connected().stall());
    client(b -> b.keepAliveSeconds(1).pingTimeout(500, TimeUnit.MILLISECONDS)).connect();
    RecordedPacket connect = fake.takePacket(CONNECT, 1_000);
    RecordedPacket ping = fake.takePacket(PINGREQ, 3_000);
    long afterMillis = millisBetween(connect, ping);
    assertTrue(afterMillis <= 1_500, "keep-alive 1 s but PINGREQ came " + afterMillis + " ms after CONNECT");
    // keep-alive 1 s + ping timeout 0.5 s + margin
    awaitTrue("isConnected() == false after an unanswered PINGREQ", 2_500, () -> !client.isConnected());
    assertClientClosedSocket(2_000);
  }

  @Test void answeredPingsKeepTheConnection() throws Exception {
    fake.enqueue(connected().autoReply());
    client(b -> b.keepAliveSeconds(1).pingTimeout(500, TimeUnit.MILLISECONDS)).connect();
    fake.takePacket(PINGREQ, 2_000);
    fake.takePacket(PINGREQ, 2_000);
    fake.takePacket(PINGREQ, 2_000);
    assertTrue(client.isConnected(), "answered PINGREQs must not end the connection");
  }

  @Test void pingIsSentWhenNothingWasSentEvenIfTheBrokerKeepsTalking() throws Exception {
    // Inbound traffic every 200 ms must not postpone PINGREQ: keep-alive counts what the client sent.
    fake.enqueue(connected().sendEvery(200, Wire.publish("noise", "n", 0, 0)).autoReply());
    client(b -> b.keepAliveSeconds(1).defaultHandler(m -> { })).connect();
    RecordedPacket connect = fake.takePacket(CONNECT, 1_000);
    RecordedPacket ping = fake.takePacket(PINGREQ, 3_000);
    long afterMillis = millisBetween(connect, ping);
    assertTrue(afterMillis <= 1_500,
        "keep-alive 1 s, broker sending every 200 ms, PINGREQ only after " + afterMillis + " ms");
  }

  // ---- outbound QoS flows --------------------------------------------------------------------

  @Test void qos1PublishCompletesOnlyOnPubAck() throws Exception {
    fake.enqueue(connected().stall());
    client().connect();
    Delivery d = client.publish("q1/out", "hello".getBytes(StandardCharsets.UTF_8),
        Qos.AT_LEAST_ONCE, false);
    RecordedPacket p = fake.takePacket(PUBLISH, 2_000);
    assertEquals(1, p.qos(), p.toString());
    assertEquals("q1/out", p.topic());
    assertEquals("hello", p.payloadAsString());
    assertThrows(MqttTimeoutException.class, () -> d.await(300, TimeUnit.MILLISECONDS),
        "QoS 1 delivery done without PUBACK");
    assertFalse(d.isDone());
    fake.send(Wire.pubAck(p.packetId()));
    d.await(2, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
    assertNull(d.failure());
  }

  @Test void qos2PublishCompletesOnlyOnPubComp() throws Exception {
    fake.enqueue(connected().stall());
    client().connect();
    Delivery d = client.publish("q2/out", new byte[] {1, 2}, Qos.EXACTLY_ONCE, false);
    RecordedPacket p = fake.takePacket(PUBLISH, 2_000);
    assertEquals(2, p.qos(), p.toString());
    int id = p.packetId();
    fake.send(Wire.pubRec(id));
    RecordedPacket rel = fake.takePacket(PUBREL, 2_000);
    assertEquals(id, rel.packetId(), rel.toString());
    assertEquals(2, rel.flags(), "PUBREL must have flags 0010: " + rel);
    assertThrows(MqttTimeoutException.class, () -> d.await(300, TimeUnit.MILLISECONDS),
        "QoS 2 delivery done before PUBCOMP");
    assertFalse(d.isDone());
    fake.send(Wire.pubComp(id));
    d.await(2, TimeUnit.SECONDS);
    assertTrue(d.isDelivered());
  }

  @Test void qos0PublishIsDoneWhenWritten() throws Exception {
    fake.enqueue(connected().stall());
    client().connect();
    Delivery d = client.publish("q0/out", new byte[] {7}, Qos.AT_MOST_ONCE, true);
    d.await(2, TimeUnit.SECONDS);
    RecordedPacket p = fake.takePacket(PUBLISH, 2_000);
    assertEquals(0x31, (p.type() << 4) | p.flags(), "QoS 0 + retain: " + p);
    assertArrayEquals(new byte[] {7}, p.payload());
  }

  @Test void aFullInflightWindowKeepsTheNextMessageInTheQueueUntilAnAckMakesRoom() throws Exception {
    fake.enqueue(connected().stall());
    client(b -> b.maxInflight(2)).connect();
    client.publish(Message.of("w/1", "1", Qos.AT_LEAST_ONCE, false));
    client.publish(Message.of("w/2", "2", Qos.AT_LEAST_ONCE, false));
    RecordedPacket first = fake.takePacket(PUBLISH, 2_000);
    fake.takePacket(PUBLISH, 2_000);
    Delivery third = client.publish(Message.of("w/3", "3", Qos.AT_LEAST_ONCE, false));
    assertThrows(AssertionError.class, () -> fake.takePacket(PUBLISH, 300),
        "third PUBLISH written while the window was full");
    assertFalse(third.isDone());
    assertEquals("state=CONNECTED queued=3 inflight=2 sent=2 acked=0 expired=0",
        client.statistics().toString());
    fake.send(Wire.pubAck(first.packetId()));
    RecordedPacket p3 = fake.takePacket(PUBLISH, 3_000);
    assertEquals("w/3", p3.topic());
    fake.send(Wire.pubAck(p3.packetId()));
    third.await(3, TimeUnit.SECONDS);
  }

  @Test void aFullQueueMakesPublishWaitThenFailNamingTheLimit() throws Exception {
    fake.enqueue(connected().stall());
    client(b -> b.maxInflight(1).queue(QueueOptions.memory(2))).connect();
    client.publish(Message.of("f/1", "1", Qos.AT_LEAST_ONCE, false));
    client.publish(Message.of("f/2", "2", Qos.AT_LEAST_ONCE, false));
    long start = System.nanoTime();
    QueueFullException e = assertThrows(QueueFullException.class, () -> client.publish(
        Message.of("f/3", "3", Qos.AT_LEAST_ONCE, false), 300, TimeUnit.MILLISECONDS));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis >= 250, "gave up after " + tookMillis + " ms of a 300 ms timeout");
    assertTrue(e.getMessage().contains("2"), e.getMessage());
    RecordedPacket first = fake.takePacket(PUBLISH, 2_000);
    // Once the broker acknowledges, a waiting publisher gets the room. Its own thread: on JDK 25
    // with 2 CPUs the common pool has one worker, which another blocked task may hold.
    CompletableFuture<Delivery> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return client.publish(Message.of("f/4", "4", Qos.AT_LEAST_ONCE, false), 5, TimeUnit.SECONDS);
      } catch (Exception ex) {
        throw new RuntimeException(ex);
      }
    }, task -> new Thread(task, "waiting-publisher").start());
    Thread.sleep(100);
    assertFalse(waiting.isDone());
    fake.send(Wire.pubAck(first.packetId()));
    assertNotNull(waiting.get(3, TimeUnit.SECONDS));
  }

  @Test void aLostConnectionKeepsTheDeliveryPendingUntilClose() throws Exception {
    fake.enqueue(connected().stall());
    client().connect();
    Delivery d = client.publish("lost/1", new byte[] {1}, Qos.AT_LEAST_ONCE, false);
    fake.takePacket(PUBLISH, 2_000);
    fake.dropConnections();
    awaitTrue("isConnected() == false after the broker closed", 2_000, () -> !client.isConnected());
    assertThrows(MqttTimeoutException.class, () -> d.await(200, TimeUnit.MILLISECONDS),
        "the message is still in the queue for the next connection");
    assertEquals(1, client.statistics().queued());
    client.close();
    NotConnectedException e = assertInstanceOf(NotConnectedException.class, d.failure());
    assertTrue(e.getMessage().contains("lost with the memory queue"), e.getMessage());
  }

  // ---- inbound QoS flows ---------------------------------------------------------------------

  @Test void inboundQos1IsAckedWithItsId() throws Exception {
    Inbox inbox = new Inbox();
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .send(Wire.publish("in/q1", "x".getBytes(StandardCharsets.UTF_8), 1, 0x1234, false, false))
        .expect(PUBACK, p -> assertEquals(0x1234, p.packetId(), "PUBACK id: " + p))
        .stall());
    client().connect();
    client.subscribe("in/#", Qos.AT_LEAST_ONCE, inbox);
    Message m = inbox.take(3_000);
    assertEquals("in/q1", m.topic());
    assertEquals(Qos.AT_LEAST_ONCE, m.qos());
    fake.takePacket(PUBACK, 3_000);
  }

  @Test void inboundQos2DuplicateReachesTheHandlerOnce() throws Exception {
    Inbox inbox = new Inbox();
    byte[] payload = "once".getBytes(StandardCharsets.UTF_8);
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 2))
        .send(Wire.publish("in/q2", payload, 2, 7, false, false))
        .expect(PUBREC, p -> assertEquals(7, p.packetId(), "first PUBREC id: " + p))
        .send(Wire.publish("in/q2", payload, 2, 7, true, false)) // re-sent before PUBREL
        .expect(PUBREC, p -> assertEquals(7, p.packetId(), "second PUBREC id: " + p))
        .send(Wire.pubRel(7))
        .expect(PUBCOMP, p -> assertEquals(7, p.packetId(), "PUBCOMP id: " + p))
        .stall());
    client().connect();
    client.subscribe("in/#", Qos.EXACTLY_ONCE, inbox);
    fake.takePacket(PUBCOMP, 5_000);
    Message m = inbox.take(1_000);
    assertEquals("once", m.payloadAsString());
    assertEquals(Qos.EXACTLY_ONCE, m.qos());
    inbox.assertNothingFor(300);
    assertEquals(1, inbox.all().size(), "handler calls: " + inbox.all());
  }

  // ---- subscribe / disconnect ----------------------------------------------------------------

  @Test void refusedFilterFailsTheSubscribe() throws Exception {
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> {
          assertEquals(List.of("ok/#", "bad/#"), p.filters());
          assertEquals(List.of(1, 2), p.requestedQos());
          assertEquals(2, p.flags(), "SUBSCRIBE must have flags 0010: " + p);
          return Wire.subAck(p.packetId(), 1, 0x80);
        })
        .stall());
    client().connect();
    SubscribeFailedException e = assertThrows(SubscribeFailedException.class,
        () -> client.subscribe(List.of(
            new Subscription("ok/#", Qos.AT_LEAST_ONCE, m -> { }),
            new Subscription("bad/#", Qos.EXACTLY_ONCE, m -> { }))));
    assertEquals(List.of("bad/#"), e.refusedFilters());
    assertEquals(Arrays.asList(Qos.AT_LEAST_ONCE, null), e.granted());
    assertTrue(e.getMessage().contains("bad/#"), e.getMessage());
    assertTrue(client.isConnected(), "a refused filter does not end the connection");
  }

  @Test void disconnectSendsDisconnectThenCloses() throws Exception {
    fake.enqueue(connected()
        .expect(DISCONNECT, p -> assertEquals("e0 00", p.hex(), "DISCONNECT bytes"))
        .expectClosed());
    client().connect();
    client.disconnect();
    assertFalse(client.isConnected());
    fake.awaitScriptsDone(3_000);
    fake.verify();
    List<RecordedPacket> all = fake.packets();
    assertEquals(DISCONNECT, all.get(all.size() - 1).type(), "last packet: " + all);
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  @Test void connectTwiceIsIllegalAndQos1PublishedBeforeConnectWaitsInTheQueue() throws Exception {
    fake.enqueue(connected()
        .expectAndReply(PUBLISH, p -> {
          assertEquals("early", p.topic());
          return Wire.pubAck(p.packetId());
        })
        .stall());
    client();
    Delivery q0 = client.publish("q0", new byte[0], Qos.AT_MOST_ONCE, false);
    assertInstanceOf(NotConnectedException.class, q0.failure(), "QoS 0 is not queued");
    assertTrue(events.take("dropped q0", 1_000).contains("not queued"));
    Delivery q1 = client.publish("early", new byte[] {1}, Qos.AT_LEAST_ONCE, false);
    assertFalse(q1.isDone());
    client.connect();
    q1.await(3, TimeUnit.SECONDS);
    assertThrows(IllegalStateException.class, client::connect);
    assertTrue(client.isConnected(), "a refused second connect() must not end the first");
  }

  @Test void connectAgainAfterTheConnectionWasLost() throws Exception {
    fake.enqueue(connected().stall());
    fake.enqueue(connected().stall());
    client().connect();
    fake.dropConnections();
    awaitTrue("isConnected() == false after the drop", 3_000, () -> !client.isConnected());
    client.connect();
    assertTrue(client.isConnected());
    assertEquals(2, fake.packets(CONNECT).size());
    Delivery d = client.publish("again", new byte[] {1}, Qos.AT_LEAST_ONCE, false);
    RecordedPacket p = fake.takePacket(PUBLISH, 2_000);
    assertEquals(2, p.connection(), "published on the new connection");
    fake.send(Wire.pubAck(p.packetId()));
    d.await(2, TimeUnit.SECONDS);
  }

  // ---- inbound limits and handler contract ---------------------------------------------------

  @Test void oversizePublishAfterConnectClosesTheConnection() throws Exception {
    fake.enqueue(connected().stall());
    client(b -> b.maxInboundPacketSize(1_000)).connect();
    Delivery pending = client.publish("big", new byte[] {1}, Qos.AT_LEAST_ONCE, false);
    fake.takePacket(PUBLISH, 2_000);
    // A PUBLISH announcing 2,000 bytes of body; only the header is sent.
    fake.send(Wire.concat(new byte[] {0x30}, Wire.remainingLength(2_000)));
    awaitTrue("isConnected() == false after an oversize packet", 3_000, () -> !client.isConnected());
    events.take("disconnected", 1_000);
    MqttException e = events.lastCause();
    assertInstanceOf(MqttProtocolException.class, e);
    assertTrue(e.getMessage().contains("maxInboundPacketSize"), e.getMessage());
    assertFalse(pending.isDone(), "the message waits in the queue for the next connection");
    assertClientClosedSocket(2_000);
  }

  @Test void inboundQos1WithPacketIdZeroIsAProtocolError() throws Exception {
    Inbox inbox = new Inbox();
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .send(Wire.publish("in/zero", "x".getBytes(StandardCharsets.UTF_8), 1, 0, false, false))
        .stall());
    client().connect();
    client.subscribe("in/#", Qos.AT_LEAST_ONCE, inbox);
    awaitTrue("isConnected() == false after a QoS 1 PUBLISH with packet id 0 [MQTT-2.3.1-1]", 3_000,
        () -> !client.isConnected());
    assertEquals(List.of(), fake.packets(PUBACK), "acknowledged packet id 0");
  }

  @Test void ackIsSentOnlyAfterTheHandlerReturns() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .send(Wire.publish("in/slow", "x".getBytes(StandardCharsets.UTF_8), 1, 5, false, false))
        .stall());
    client().connect();
    client.subscribe("in/#", Qos.AT_LEAST_ONCE, m -> {
      entered.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(entered.await(3, TimeUnit.SECONDS), "handler not called");
    assertThrows(AssertionError.class, () -> fake.takePacket(PUBACK, 300),
        "PUBACK sent while the handler was still running");
    release.countDown();
    assertEquals(5, fake.takePacket(PUBACK, 2_000).packetId());
  }

  /** The fake sends two QoS 1 PUBLISHes (ids 11, 12) and expects a PUBACK after each. */
  private void assertBothAckedAndStillConnected(dev.wren.mqtt.MessageHandler handler)
      throws Exception {
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .send(Wire.publish("in/1", "1".getBytes(StandardCharsets.UTF_8), 1, 11, false, false))
        .expect(PUBACK, p -> assertEquals(11, p.packetId()))
        .send(Wire.publish("in/2", "2".getBytes(StandardCharsets.UTF_8), 1, 12, false, false))
        .expect(PUBACK, p -> assertEquals(12, p.packetId()))
        .stall());
    client().connect();
    client.subscribe("in/#", Qos.AT_LEAST_ONCE, handler);
    assertEquals(11, fake.takePacket(PUBACK, 3_000).packetId());
    assertEquals(12, fake.takePacket(PUBACK, 3_000).packetId());
    assertTrue(client.isConnected(), "a throwing handler must not end the connection");
  }

  @Test void handlerRuntimeExceptionIsLoggedAndTheMessageStillAcked() throws Exception {
    assertBothAckedAndStillConnected(m -> {
      throw new IllegalStateException("handler bug (expected in this test)");
    });
  }

  @Test void handlerCheckedExceptionThrownSneakilyIsLoggedAndTheMessageStillAcked() throws Exception {
    // Kotlin handlers and @SneakyThrows code throw checked exceptions through onMessage.
    assertBothAckedAndStillConnected(m -> ClientFakeBrokerTest.<RuntimeException>sneakyThrow(
        new java.io.IOException("checked handler failure (expected in this test)")));
  }

  @Test void handlerErrorDoesNotLeaveAZombieConnection() throws Exception {
    // MessageHandler promises to survive "an exception"; an Error (a failed assertion inside a
    // handler, say) may end the connection, but then it must really end: not connected, socket
    // closed, I/O thread gone.
    List<Thread> io = new java.util.concurrent.CopyOnWriteArrayList<>();
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 1))
        .send(Wire.publish("in/err", "1".getBytes(StandardCharsets.UTF_8), 1, 21, false, false))
        .stall());
    client(b -> b.threadFactory(r -> {
      Thread t = new Thread(r, "wren-err-io");
      io.add(t);
      return t;
    })).connect();
    client.subscribe("in/#", Qos.AT_LEAST_ONCE, m -> {
      throw new AssertionError("handler assertion (expected in this test)");
    });
    long deadline = System.currentTimeMillis() + 3_000;
    while (fake.packets(PUBACK).isEmpty() && client.isConnected()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    if (!fake.packets(PUBACK).isEmpty()) {
      assertTrue(client.isConnected(), "acked, so the connection should go on");
      return;
    }
    assertFalse(client.isConnected(), "neither acked nor disconnected after the handler's Error");
    io.get(0).join(2_000);
    assertFalse(io.get(0).isAlive(), "I/O thread still alive after the connection ended");
    assertClientClosedSocket(2_000);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
