package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoThroughRelay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One fault at a time between the client and Mosquitto, through the relay: a link cut in the
 * middle of a packet, a half-closed stream, a slow link, and a peer that stops reading so the
 * client's own writes block. Each time the client replaces the connection and delivers everything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientFaultsMosquittoTest extends MosquittoThroughRelay {
  private static final ReconnectOptions FAST = ReconnectOptions.builder()
      .initialDelay(50, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS).build();

  private MqttClient client(String id, int keepAlive) throws Exception {
    MqttClient c = new MqttClient(MqttOptions.builder().serverUri(relay.uri()).clientId(id)
        .cleanSession(false).keepAliveSeconds(keepAlive).reconnect(FAST).listener(events)
        .queue(QueueOptions.memory(1_000)).build());
    track(c);
    c.connect();
    return c;
  }

  private Inbox subscriber(String topic) throws Exception {
    MqttClient watcher = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
        .clientId("watch-" + topic.replace('/', '-')).maxInboundPacketSize(2 * 1024 * 1024).build());
    track(watcher);
    watcher.connect();
    Inbox inbox = new Inbox(topic);
    watcher.subscribe(topic, Qos.AT_LEAST_ONCE, inbox);
    return inbox;
  }

  private static Set<String> take(Inbox inbox, int n) throws InterruptedException {
    Set<String> got = new HashSet<>();
    while (got.size() < n) got.add(inbox.take(10_000).payloadAsString());
    return got;
  }

  @Test void aLinkCutInTheMiddleOfAPacketIsReplacedAndNothingIsLost() throws Exception {
    Inbox inbox = subscriber("fault/cut");
    relay.dropAfterBytes(300); // every connection dies a few packets in, mid-PUBLISH
    MqttClient c = client("fault-cut", 5);
    List<Delivery> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(c.publish(Message.of("fault/cut", "message " + i, Qos.AT_LEAST_ONCE, false)));
    }
    Thread.sleep(300);
    relay.dropAfterBytes(0);
    for (Delivery d : sent) d.await(15, TimeUnit.SECONDS);
    assertEquals(50, take(inbox, 50).size());
    assertTrue(relay.connections() > 2, "connections: " + relay.connections());
  }

  @Test void aHalfClosedStreamEndsTheConnectionAndTheClientComesBack() throws Exception {
    MqttClient c = client("fault-half", 5);
    relay.halfClose();
    events.take("disconnected", 3_000);
    events.take("connected " + relay.uri() + " session=true", 3_000);
    Inbox inbox = subscriber("fault/half");
    c.publish(Message.of("fault/half", "after", Qos.AT_LEAST_ONCE, false)).await(5, TimeUnit.SECONDS);
    assertEquals("after", inbox.take(5_000).payloadAsString());
  }

  @Test void aSlowLinkIsSlowNotDead() throws Exception {
    Inbox inbox = subscriber("fault/slow");
    relay.slow(30);
    MqttClient c = client("fault-slow", 1);
    List<Delivery> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(c.publish(Message.of("fault/slow", "s" + i, Qos.AT_LEAST_ONCE, false)));
    }
    for (Delivery d : sent) d.await(15, TimeUnit.SECONDS);
    assertEquals(20, take(inbox, 20).size());
    assertEquals(1, relay.connections(), "30 ms per chunk is no reason to reconnect: " + events.all());
  }

  @Test void aWriteThatNeverEndsIsFoundAndTheMessagesGoOnTheNextConnection() throws Exception {
    Inbox inbox = subscriber("fault/stall");
    MqttClient c = client("fault-stall", 1);
    relay.stall(); // the relay stops reading: socket buffers fill, then the publisher's write blocks
    byte[] big = new byte[1024 * 1024];
    List<Delivery> sent = new ArrayList<>();
    Thread publisher = new Thread(() -> {
      try {
        for (int i = 0; i < 24; i++) {
          big[0] = (byte) i;
          synchronized (sent) {
            sent.add(c.publish(Message.builder().topic("fault/stall").payload(big)
                .qos(Qos.AT_LEAST_ONCE).build()));
          }
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    publisher.start();
    String lost = events.take("disconnected", 10_000);
    assertTrue(lost.contains("blocked") || lost.contains("PINGRESP"), lost);
    publisher.join(15_000);
    synchronized (sent) {
      for (Delivery d : sent) d.await(30, TimeUnit.SECONDS);
    }
    Set<Integer> firstBytes = new HashSet<>();
    while (firstBytes.size() < 24) firstBytes.add((int) inbox.take(15_000).payload()[0]);
    assertEquals(24, firstBytes.size());
  }
}
