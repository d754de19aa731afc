package dev.wren.mqtt.internal.client;

import static dev.wren.mqtt.testing.Wire.CONNECT;
import static dev.wren.mqtt.testing.Wire.PINGREQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.FakeBroker;
import dev.wren.mqtt.testing.FakeBroker.Script;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.RecordedPacket;
import dev.wren.mqtt.testing.RecordingListener;
import dev.wren.mqtt.testing.Wire;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A device that sleeps, simulated by a jump of the keep-alive's boot-time clock while
 * {@code nanoTime} (and the socket timeouts) stood still, as on Android in deep sleep; and
 * {@code keepAliveNow()}, the hook for an app's alarm.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DozeKeepAliveTest {
  private static final long TEN_MINUTES = TimeUnit.MINUTES.toNanos(10);

  private final AtomicLong slept = new AtomicLong();
  private final SleepClock clock = new SleepClock(new SleepClock.Source() {
    @Override public long awakeNanos() {
      return System.nanoTime();
    }

    @Override public long elapsedNanos() {
      return System.nanoTime() + slept.get();
    }
  });
  private final RecordingListener events = new RecordingListener();
  private FakeBroker fake;
  private ClientCore client;

  @BeforeEach void start() throws Exception {
    fake = FakeBroker.start();
  }

  @AfterEach void stop() throws Exception {
    if (client != null) client.close();
    fake.close();
  }

  private ClientCore client(int keepAliveSeconds, Inbox inbox) {
    client = new ClientCore(MqttOptions.builder().serverUri(fake.uri()).clientId("dozing")
        .keepAliveSeconds(keepAliveSeconds).listener(events).defaultHandler(inbox)
        .reconnect(ReconnectOptions.builder().initialDelay(30, TimeUnit.SECONDS).build())
        .build(), clock);
    return client;
  }

  private static Script accept() {
    return new Script().expect(CONNECT).sendConnAck(false, 0);
  }

  @Test void aWakeUpPastTheKeepAliveSendsThePingreqAtOnce() throws Exception {
    fake.enqueue(accept().expectAndReply(PINGREQ, p -> Wire.pingResp()).stall());
    client(10, new Inbox()).connect();
    long connected = System.nanoTime();
    Thread.sleep(300);
    slept.addAndGet(TEN_MINUTES);
    RecordedPacket ping = fake.takePacket(PINGREQ, 10_000);
    long after = TimeUnit.NANOSECONDS.toMillis(ping.receivedAtNanos() - connected);
    // The awake clock alone would wait the whole 10 s interval; the I/O thread looks again
    // within a quarter of keep-alive + ping timeout (3.75 s).
    assertTrue(after < 6_000, "PINGREQ " + after + " ms after connecting");
    Thread.sleep(300);
    assertEquals(ConnectionState.CONNECTED, client.state());
    assertEquals(1, fake.connectionCount());
  }

  @Test void aLongSleepWithAPingOutstandingDoesNotEndTheLink() throws Exception {
    // The broker answers late; a message meanwhile makes the I/O thread look at the outstanding
    // ping right after the device slept ten minutes.
    fake.enqueue(accept().expect(PINGREQ).sleep(600)
        .send(Wire.publish("dozed/while", "asleep", 0, 0)).sleep(400).send(Wire.pingResp()).stall());
    Inbox inbox = new Inbox();
    client(60, inbox).connect();
    Completion<Void> ping = client.keepAliveNow();
    fake.takePacket(PINGREQ, 5_000);
    slept.addAndGet(TEN_MINUTES);
    assertEquals("asleep", inbox.take(5_000).payloadAsString());
    ping.await(5, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertEquals(ConnectionState.CONNECTED, client.state());
    assertFalse(events.all().stream().anyMatch(e -> e.startsWith("disconnected")), events.all().toString());
    assertEquals(1, fake.connectionCount());
  }

  @Test void keepAliveNowPingsOffTheCallerAndEndsADeadLinkAfterThePingTimeout() throws Exception {
    fake.enqueue(accept().expect(PINGREQ).stall());
    client = new ClientCore(MqttOptions.builder().serverUri(fake.uri()).clientId("alarm")
        .keepAliveSeconds(60).pingTimeout(500, TimeUnit.MILLISECONDS).listener(events)
        .reconnect(ReconnectOptions.builder().initialDelay(30, TimeUnit.SECONDS).build())
        .build(), clock);
    client.connect();
    events.take("connected", 1_000);
    long asked = System.nanoTime();
    Completion<Void> ping = client.keepAliveNow();
    fake.takePacket(PINGREQ, 1_000);
    MqttException late = assertThrows(MqttException.class, () -> ping.await(5, TimeUnit.SECONDS));
    assertInstanceOf(MqttTimeoutException.class, late);
    String lost = events.take("disconnected", 2_000);
    assertTrue(lost.contains("no PINGRESP"), lost);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
    assertTrue(tookMillis < 3_000, "the dead link ended after " + tookMillis + " ms");
  }

  @Test void keepAliveNowWhileOfflineFailsAndTriesToConnect() throws Exception {
    Completion<Void> ping = client(60, new Inbox()).keepAliveNow();
    MqttException e = assertThrows(MqttException.class, () -> ping.await(1, TimeUnit.SECONDS));
    assertInstanceOf(NotConnectedException.class, e);
    assertTrue(e.getMessage().contains("call connect() first"), e.getMessage());
  }
}
