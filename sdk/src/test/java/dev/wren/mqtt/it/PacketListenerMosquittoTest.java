package dev.wren.mqtt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.PacketInfo;
import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.testing.Mosquitto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PacketListener} sees each packet of a real session with Mosquitto, in order. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PacketListenerMosquittoTest {
  private static Mosquitto broker;

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.builder().user("pl-user", "pl-s3cret").start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  /** Records "sent X" and "received X" lines, and each message's packet id as it arrives. */
  private static final class Recorder extends PacketListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<PacketInfo> received = new CopyOnWriteArrayList<>();

    @Override public void sent(PacketInfo p) {
      lines.add("sent " + p);
    }

    @Override public void received(PacketInfo p) {
      lines.add("received " + p);
      received.add(p);
    }
  }

  @Test void seesEveryPacketOfASessionButNeverThePasswordOrPayload() throws Exception {
    Recorder rec = new Recorder();
    List<String> handled = new CopyOnWriteArrayList<>();
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
        .clientId("pl-1").username("pl-user").password("pl-s3cret").packetListener(rec).build());
    try {
      client.connect();
      client.subscribe(Arrays.asList(new Subscription("pl/q2", Qos.EXACTLY_ONCE, m -> {
        // The listener heard the PUBLISH before the handler runs, on the same thread.
        PacketInfo last = rec.received.get(rec.received.size() - 1);
        handled.add(last.type() + " " + last.packetId() + " " + m.topic());
      }), new Subscription("pl/+/x", Qos.AT_LEAST_ONCE, m -> { })));
      client.publish(Message.builder().topic("pl/q2").payload("secret-payload").qos(Qos.EXACTLY_ONCE)
          .build()).await(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (handled.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
      client.unsubscribe("pl/+/x");
      client.disconnect();
    } finally {
      client.close();
    }
    List<String> expected = new ArrayList<>(Arrays.asList(
        "sent CONNECT",
        "received CONNACK codes=[0]",
        "sent SUBSCRIBE id=1 filters=[pl/q2, pl/+/x] codes=[2, 1]",
        "received SUBACK id=1 codes=[2, 1]",
        "sent PUBLISH id=1 qos=2 topic=pl/q2 payload=14 bytes",
        "received PUBREC id=1",
        "sent PUBREL id=1",
        "received PUBLISH id=1 qos=2 topic=pl/q2 payload=14 bytes",
        "sent PUBREC id=1",
        "received PUBREL id=1",
        "sent PUBCOMP id=1",
        "received PUBCOMP id=1",
        "sent UNSUBSCRIBE id=2 filters=[pl/+/x]",
        "received UNSUBACK id=2",
        "sent DISCONNECT"));
    // The broker's PUBCOMP for our message and its PUBLISH to us may come in either order.
    List<String> got = new ArrayList<>(rec.lines);
    assertEquals(sorted(expected), sorted(got), String.join("\n", got));
    assertTrue(got.indexOf("sent PUBREL id=1") < got.indexOf("received PUBCOMP id=1"));
    assertEquals(Arrays.asList("PUBLISH 1 pl/q2"), handled);
    for (String line : got) {
      assertFalse(line.contains("s3cret") || line.contains("secret-payload"), line);
    }
  }

  private static List<String> sorted(List<String> lines) {
    List<String> s = new ArrayList<>(lines);
    s.sort(null);
    return s;
  }

  @Test void aThrowingListenerDoesNotStopTheClient() throws Exception {
    PacketListener broken = new PacketListener() {
      @Override public void sent(PacketInfo packet) {
        throw new IllegalStateException("listener bug on " + packet.type());
      }

      @Override public void received(PacketInfo packet) {
        throw new IllegalStateException("listener bug on " + packet.type());
      }
    };
    MqttClient client = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
        .clientId("pl-2").username("pl-user").password("pl-s3cret").packetListener(broken)
        .build());
    try {
      client.connect();
      client.publish(Message.builder().topic("pl/broken").payload("x").qos(Qos.AT_LEAST_ONCE)
          .build()).await(10, TimeUnit.SECONDS);
      assertTrue(client.isConnected());
    } finally {
      client.close();
    }
  }

  @Test void packetInfoRejectsBadValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PacketInfo.builder("PUBLISH").publish("t", 3, false, false, 0));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PacketInfo.builder("PUBACK")
        .packetId(70_000));
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PacketInfo.builder(""));
    PacketInfo info = PacketInfo.builder("PINGREQ").build();
    assertEquals("PINGREQ", info.toString());
    assertEquals(0, info.packetId());
    assertTrue(info.filters().isEmpty() && info.codes().isEmpty());
  }
}
