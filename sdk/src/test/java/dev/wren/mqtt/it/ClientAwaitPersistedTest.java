package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PUBLISH;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.testing.FakeBroker;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awaitPersisted} under {@code BATCH} while connected to a broker that says nothing: the
 * I/O thread sleeps in a read until the keep-alive, so the waiting thread runs the group commit
 * itself once the batch window is over.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientAwaitPersistedTest {
  @TempDir Path dir;

  @Test void persistenceIsReportedWithinTheBatchWindowWhenTheBrokerIsSilent() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().expect(CONNECT).sendConnAck(false, 0).stall());
      try (MqttClient client = new MqttClient(MqttOptions.builder().serverUri(fake.uri())
          .clientId("persist").keepAliveSeconds(60).reconnect(ReconnectOptions.disabled())
          .queue(QueueOptions.files(dir.toFile()).sync(SyncPolicy.BATCH).build()).build())) {
        client.connect();
        // Let the I/O thread settle into its read, which nothing inbound ends.
        Thread.sleep(300);
        Delivery d = client.publish(Message.of("persist/a", "x", Qos.AT_LEAST_ONCE, false));
        fake.takePacket(PUBLISH, 5_000);
        long start = System.nanoTime();
        d.awaitPersisted(5, TimeUnit.SECONDS);
        assertTrue(d.isPersisted());
        assertFalse(d.isDone(), "persisted is not delivered");
        System.out.printf("persisted %d ms after the wait began%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
    }
  }
}
