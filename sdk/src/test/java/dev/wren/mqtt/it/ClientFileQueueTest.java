package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static dev.wren.mqtt.testing.Wire.PUBREL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.OverflowPolicy;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueLockedException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.testing.FakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.RecordingListener;
import dev.wren.mqtt.testing.Wire;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client with a file queue, against a {@link FakeBroker}: what a second client on the same
 * directory sends after the first was closed, persistence as the delivery reports it, and the
 * queue's limits as the publisher sees them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientFileQueueTest {
  @TempDir Path dir;
  private FakeBroker fake;
  private final List<MqttClient> clients = new ArrayList<>();
  private final RecordingListener events = new RecordingListener();

  @BeforeEach void startFake() throws Exception {
    fake = FakeBroker.start();
  }

  @AfterEach void tearDown() throws Exception {
    try {
      for (MqttClient c : clients) c.close();
    } finally {
      fake.close();
    }
  }

  private MqttClient client(QueueOptions queue) {
    MqttClient c = new MqttClient(MqttOptions.builder().serverUri(fake.uri()).clientId("fq")
        .cleanSession(false).connectTimeout(3, TimeUnit.SECONDS)
        .reconnect(ReconnectOptions.disabled()).queue(queue).listener(events).build());
    clients.add(c);
    return c;
  }

  private QueueOptions files(SyncPolicy sync) {
    return QueueOptions.files(dir.toFile()).sync(sync).build();
  }

  private static Script accept(boolean sessionPresent) {
    return new Script().expect(CONNECT).sendConnAck(sessionPresent, 0);
  }

  @Test void aNewClientOnTheDirectorySendsWhatTheOldOneLeftInOrder() throws Exception {
    MqttClient first = client(files(SyncPolicy.ALWAYS));
    List<Delivery> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(first.publish(Message.of("fq/" + i, "m" + i, Qos.AT_LEAST_ONCE, false)));
    }
    for (Delivery d : pending) assertTrue(d.isPersisted(), "ALWAYS: synced before publish returned");
    first.close();
    NotConnectedException e = assertInstanceOf(NotConnectedException.class, pending.get(0).failure());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());

    fake.enqueue(accept(false).autoReply());
    MqttClient second = client(files(SyncPolicy.ALWAYS));
    assertEquals(0, second.statistics().queued(), "the queue opens on first use");
    second.connect();
    awaitQueued(second, 0);
    List<RecordedPacket> sent = fake.packets(PUBLISH);
    assertEquals(5, sent.size(), sent.toString());
    for (int i = 0; i < 5; i++) {
      assertEquals("fq/" + i, sent.get(i).topic());
      assertFalse(sent.get(i).dup(), "no session: sent as new");
    }
  }

  @Test void aQos2MessageLeftAfterPubrecResumesWithPubrelInTheNextProcess() throws Exception {
    int[] id = new int[1];
    fake.enqueue(accept(false)
        .expectAndReply(PUBLISH, p -> {
          id[0] = p.packetId();
          return Wire.pubRec(p.packetId());
        })
        .expect(PUBREL)
        .stall());
    MqttClient first = client(files(SyncPolicy.BATCH));
    first.connect();
    Delivery d = first.publish(Message.of("fq/q2", "once", Qos.EXACTLY_ONCE, false));
    fake.takePacket(PUBREL, 3_000);
    first.close();
    assertFalse(d.isDelivered());

    fake.enqueue(accept(true)
        .expectAndReply(PUBREL, p -> {
          assertEquals(id[0], p.packetId(), "the identifier survived the restart");
          return Wire.pubComp(p.packetId());
        })
        .stall());
    MqttClient second = client(files(SyncPolicy.BATCH));
    second.connect();
    awaitQueued(second, 0);
    assertEquals(1, fake.packets(PUBLISH).size(), "never sent again as PUBLISH: " + fake.packets());
  }

  @Test void aQos1MessageLeftUnackedGoesAgainWithDupWhenTheSessionIsPresent() throws Exception {
    fake.enqueue(accept(false).expect(PUBLISH).stall());
    MqttClient first = client(files(SyncPolicy.NEVER));
    first.connect();
    first.publish(Message.of("fq/q1", "x", Qos.AT_LEAST_ONCE, false));
    RecordedPacket original = fake.takePacket(PUBLISH, 3_000);
    first.close();

    fake.enqueue(accept(true).expectAndReply(PUBLISH, p -> {
      assertTrue(p.dup(), "DUP: the broker may have it already: " + p);
      assertEquals(original.packetId(), p.packetId());
      return Wire.pubAck(p.packetId());
    }).stall());
    MqttClient second = client(files(SyncPolicy.NEVER));
    second.connect();
    awaitQueued(second, 0);
  }

  @Test void batchSyncReportsPersistenceSoonAfterTheAppend() throws Exception {
    fake.enqueue(accept(false).stall());
    MqttClient c = client(files(SyncPolicy.BATCH));
    c.connect();
    Delivery d = c.publish(Message.of("fq/b", "x", Qos.AT_LEAST_ONCE, false));
    d.awaitPersisted(3, TimeUnit.SECONDS);
    assertTrue(d.isPersisted());
    assertFalse(d.isDone(), "persisted is not delivered");
  }

  @Test void persistenceThatNeverComesIsAnIllegalWait() throws Exception {
    MqttClient never = client(files(SyncPolicy.NEVER));
    Delivery d = never.publish(Message.of("fq/n", "x", Qos.AT_LEAST_ONCE, false));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> d.awaitPersisted(1, TimeUnit.SECONDS));
    assertTrue(e.getMessage().contains("NEVER"), e.getMessage());
    never.close();
    MqttClient memory = new MqttClient(MqttOptions.builder().serverUri(fake.uri()).build());
    clients.add(memory);
    Delivery m = memory.publish(Message.of("fq/m", "x", Qos.AT_LEAST_ONCE, false));
    assertThrows(IllegalStateException.class, () -> m.awaitPersisted(1, TimeUnit.SECONDS));
    Delivery q0 = memory.publish(Message.of("fq/m", "x", Qos.AT_MOST_ONCE, false));
    assertThrows(IllegalStateException.class, () -> q0.awaitPersisted(1, TimeUnit.SECONDS));
  }

  @Test void aSecondClientOnTheSameDirectoryIsRefusedByName() throws Exception {
    MqttClient first = client(files(SyncPolicy.BATCH));
    first.publish(Message.of("fq/a", "x", Qos.AT_LEAST_ONCE, false));
    MqttClient second = client(files(SyncPolicy.BATCH));
    QueueLockedException e = assertThrows(QueueLockedException.class,
        () -> second.publish(Message.of("fq/b", "y", Qos.AT_LEAST_ONCE, false)));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test void dropOldestFailsTheDroppedDeliveryAndTellsTheListener() throws Exception {
    MqttClient c = client(QueueOptions.files(dir.toFile()).maxMessages(2)
        .overflow(OverflowPolicy.DROP_OLDEST).build());
    Delivery oldest = c.publish(Message.of("fq/1", "1", Qos.AT_LEAST_ONCE, false));
    c.publish(Message.of("fq/2", "2", Qos.AT_LEAST_ONCE, false));
    c.publish(Message.of("fq/3", "3", Qos.AT_LEAST_ONCE, false));
    assertInstanceOf(QueueFullException.class, oldest.failure());
    assertTrue(events.take("dropped fq/1", 1_000).contains("DROP_OLDEST"));
    assertEquals(2, c.statistics().queued());
  }

  private static void awaitQueued(MqttClient c, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (c.statistics().queued() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("queue holds " + c.statistics() + ", expected " + n);
      }
      Thread.sleep(10);
    }
  }
}
