package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageExpiredException;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.RecordedPacket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages with a lifetime, queued while offline: those whose deadline passed before the
 * connection came up are not sent; their deliveries fail with {@link MessageExpiredException},
 * the listener hears why, and {@code statistics()} counts them. Memory and file queues alike.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientExpiryTest extends AgainstFakeBroker {
  @TempDir Path dir;

  @ParameterizedTest(name = "files={0}") @ValueSource(booleans = {false, true})
  void messagesPastTheirDeadlineAreDroppedUnsentAndCounted(boolean files) throws Exception {
    QueueOptions queue = files ? QueueOptions.files(dir.toFile()).build() : QueueOptions.memory(10);
    client = new MqttClient(MqttOptions.builder().serverUri(fake.uri()).clientId("exp")
        .connectTimeout(3, TimeUnit.SECONDS).reconnect(ReconnectOptions.disabled()).queue(queue)
        .listener(events).build());
    Delivery stale = client.publish(Message.builder().topic("exp/stale").payload("old")
        .qos(Qos.AT_LEAST_ONCE).expiresAfter(200, TimeUnit.MILLISECONDS).build());
    Delivery plain = client.publish(Message.of("exp/plain", "p", Qos.AT_LEAST_ONCE, false));
    Delivery fresh = client.publish(Message.builder().topic("exp/fresh").payload("new")
        .qos(Qos.EXACTLY_ONCE).expiresAfter(1, TimeUnit.HOURS).build());
    Thread.sleep(400);
    assertEquals(3, client.statistics().queued(), "found expired only when it would be sent");

    fake.enqueue(new Script().expect(CONNECT).sendConnAck(false, 0).autoReply());
    client.connect();
    plain.await(5, TimeUnit.SECONDS);
    fresh.await(5, TimeUnit.SECONDS);
    List<String> topics = new ArrayList<>();
    for (RecordedPacket p : fake.packets(PUBLISH)) topics.add(p.topic());
    assertEquals(List.of("exp/plain", "exp/fresh"), topics);

    MessageExpiredException e = assertInstanceOf(MessageExpiredException.class, stale.failure());
    assertTrue(e.getMessage().startsWith("message to 'exp/stale' expired: its deadline ("
        + e.deadlineMillis() + " ms since 1970"), e.getMessage());
    assertTrue(events.take("dropped exp/stale", 1_000).startsWith("dropped exp/stale: expired: "));
    assertEquals(1, client.statistics().expired());
    assertEquals(0, client.statistics().queued());
    assertTrue(client.statistics().toString().endsWith(" expired=1"), client.statistics().toString());
  }
}
