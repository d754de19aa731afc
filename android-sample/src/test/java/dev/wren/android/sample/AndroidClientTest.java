package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.net.ConnectivityManager;
import android.os.Looper;
import android.os.StrictMode;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.RecordingListener;
import dev.wren.mqtt.testing.TcpForwarder;
import dev.wren.mqtt.testing.Wire;
import dev.wren.mqtt.testing.WriteThreads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowNetwork;
import org.robolectric.shadows.ShadowSystemClock;

/**
 * The SDK as an Android app uses it, against a real Mosquitto: calls from the main thread, a
 * change of the default network while connected, and a long deep sleep.
 */
@RunWith(RobolectricTestRunner.class)
@Config(manifest = Config.NONE, sdk = 35)
public class AndroidClientTest {
  private Mosquitto broker;
  private TcpForwarder relay;
  private final List<MqttClient> clients = new ArrayList<>();
  private final RecordingListener events = new RecordingListener();

  @Before public void start() throws Exception {
    broker = Robo.mosquitto();
    relay = TcpForwarder.to(broker.port());
  }

  @After public void stop() throws Exception {
    StrictMode.setThreadPolicy(StrictMode.ThreadPolicy.LAX);
    for (MqttClient c : clients) c.close();
    relay.close();
    broker.close();
  }

  private Inbox watch(String filter) throws Exception {
    MqttClient watcher = new MqttClient(MqttOptions.builder().serverUri(broker.uri())
        .clientId("watch-android").build());
    clients.add(watcher);
    watcher.connect();
    Inbox inbox = new Inbox(filter);
    watcher.subscribe(filter, Qos.AT_LEAST_ONCE, inbox);
    return inbox;
  }

  private MqttClient phone(MqttOptions.Builder b) {
    MqttClient c = new MqttClient(b.clientId("phone").cleanSession(false).listener(events)
        .reconnect(ReconnectOptions.builder().initialDelay(30, TimeUnit.SECONDS).jitter(0).build())
        .build());
    clients.add(c);
    return c;
  }

  @Test public void publishSubscribeAndCloseOnTheMainThreadDoNoSocketWriteThere() throws Exception {
    Inbox inbox = watch("main/#");
    Thread main = Looper.getMainLooper().getThread();
    assertSame("the test runs on the main looper's thread", main, Thread.currentThread());
    WriteThreads sockets = new WriteThreads();
    MqttClient c = phone(MqttOptions.builder().serverUri(broker.uri()).socketFactory(sockets));
    c.connect();
    StrictMode.setThreadPolicy(new StrictMode.ThreadPolicy.Builder().detectNetwork().penaltyDeath().build());

    Inbox own = new Inbox("own");
    c.subscribeAsync(java.util.Collections.singletonList(
        new dev.wren.mqtt.Subscription("main/echo", Qos.AT_LEAST_ONCE, own)));
    Delivery q1 = c.publish("main/button", "pressed".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false);
    Delivery q0 = c.publish("main/q0", "fast".getBytes(StandardCharsets.UTF_8), Qos.AT_MOST_ONCE, false);
    Robo.until("the broker acknowledged the button's message", q1::isDone);
    Robo.until("the QoS 0 message was written", q0::isDone);
    c.publish("main/echo", "back".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false);
    assertEquals("back", own.take(5_000).payloadAsString());
    c.close();

    Set<String> topics = new HashSet<>();
    for (int i = 0; i < 3; i++) topics.add(inbox.take(5_000).topic());
    assertEquals(Set.of("main/button", "main/q0", "main/echo"), topics);
    assertFalse("a socket write ran on the main thread: " + sockets.writers(), sockets.wrote(main));
    assertTrue("the writer thread wrote: " + sockets.writers(),
        sockets.writers().stream().anyMatch(t -> t.getName().equals("wren-write-phone")));
  }

  @Test public void aChangeOfDefaultNetworkWhileConnectedReconnectsWithinASecondAndLosesNothing() throws Exception {
    Inbox inbox = watch("net/reading");
    MqttClient c = phone(MqttOptions.builder().serverUri(relay.uri()));
    ConnectivityManager cm = (ConnectivityManager) RuntimeEnvironment.getApplication()
        .getSystemService(Context.CONNECTIVITY_SERVICE);
    NetworkWatcher watcher = new NetworkWatcher(cm, c);
    c.connect();
    events.take("connected", 1_000);
    watcher.start();
    try {
      List<ConnectivityManager.NetworkCallback> callbacks = new ArrayList<>(shadowOf(cm).getNetworkCallbacks());
      for (ConnectivityManager.NetworkCallback cb : callbacks) cb.onAvailable(ShadowNetwork.newInstance(100));
      List<Delivery> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) sent.add(publish(c, i));
      for (Delivery d : sent) d.await(10, TimeUnit.SECONDS);
      assertEquals("the first network leaves the connection alone", 1, relay.connections());

      relay.blackhole(); // Wi-Fi gone: the old socket still looks open
      for (int i = 20; i < 40; i++) sent.add(publish(c, i));
      long changed = System.nanoTime();
      for (ConnectivityManager.NetworkCallback cb : callbacks) cb.onAvailable(ShadowNetwork.newInstance(101));
      events.take("connected " + relay.uri() + " session=true", 1_000);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
      assertTrue("new connection after " + took + " ms", took < 1_000);

      for (Delivery d : sent) d.await(10, TimeUnit.SECONDS);
      Set<String> got = new HashSet<>();
      while (got.size() < 40) got.add(inbox.take(10_000).payloadAsString());
      for (int i = 0; i < 40; i++) assertTrue("reading " + i, got.contains("r" + i));
      assertEquals(2, relay.connections());
    } finally {
      watcher.stop();
    }
  }

  @Test public void aLongDeepSleepPingsAtOnceOnWakingAndKeepsTheSession() throws Exception {
    Inbox inbox = watch("sleep/after");
    // Keep-alive 4 s: the I/O thread looks at the clock every 1.5 s (a quarter of 4 s + 2 s).
    MqttClient c = phone(MqttOptions.builder().serverUri(relay.uri()).keepAliveSeconds(4));
    c.connect();
    long connected = System.nanoTime();
    // Deep sleep: SystemClock.elapsedRealtime ran 30 minutes, nanoTime did not.
    ShadowSystemClock.advanceBy(30, TimeUnit.MINUTES);
    long deadline = connected + TimeUnit.SECONDS.toNanos(10);
    while (relay.clientPackets(Wire.PINGREQ).isEmpty() && System.nanoTime() - deadline < 0) Thread.sleep(10);
    long pingedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connected);
    assertFalse("a PINGREQ went out", relay.clientPackets(Wire.PINGREQ).isEmpty());
    assertTrue("PINGREQ " + pingedAfter + " ms after connecting, before the 4 s interval", pingedAfter < 3_500);

    Thread.sleep(1_000);
    assertEquals(ConnectionState.CONNECTED, c.state());
    assertFalse(events.all().toString(), events.all().stream().anyMatch(e -> e.startsWith("disconnected")));
    assertEquals(1, relay.connections());
    c.publish("sleep/after", "awake".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false)
        .await(5, TimeUnit.SECONDS);
    assertEquals("awake", inbox.take(5_000).payloadAsString());
  }

  private static Delivery publish(MqttClient c, int i) throws Exception {
    return c.publish("net/reading", ("r" + i).getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false);
  }
}
