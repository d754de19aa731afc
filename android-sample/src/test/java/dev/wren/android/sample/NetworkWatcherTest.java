package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.net.ConnectivityManager;
import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.testing.Mosquitto;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowConnectivityManager;
import org.robolectric.shadows.ShadowNetwork;

@RunWith(RobolectricTestRunner.class)
@Config(manifest = Config.NONE, sdk = 35)
public class NetworkWatcherTest {
  @Test public void networkThatComesBackEndsAnHourLongBackoff() throws Exception {
    ConnectivityManager cm = (ConnectivityManager) RuntimeEnvironment.getApplication()
        .getSystemService(Context.CONNECTIVITY_SERVICE);
    ShadowConnectivityManager shadow = shadowOf(cm);
    try (Mosquitto broker = Robo.mosquitto()) {
      broker.stop();
      CountDownLatch waiting = new CountDownLatch(1);
      CountDownLatch connected = new CountDownLatch(1);
      MqttClient[] client = new MqttClient[1];
      ClientListener events = new ClientListener() {
        @Override public void reconnecting(int attempt, long delayMillis) {
          waiting.countDown();
        }

        @Override public void connected(String serverUri, boolean sessionPresent) {
          connected.countDown();
        }
      };
      // Only the network callback can end a wait this long within the test.
      ReconnectOptions hourLong = ReconnectOptions.builder()
          .initialDelay(1, TimeUnit.HOURS).maxDelay(1, TimeUnit.HOURS).jitter(0).build();
      client[0] = new MqttClient(MqttOptions.builder().serverUri(broker.uri()).clientId("nudged")
          .reconnect(hourLong).listener(events).build());
      NetworkWatcher watcher = new NetworkWatcher(cm, client[0]);
      try {
        client[0].connectAsync();
        assertTrue("the first attempt failed and the wait began", waiting.await(10, TimeUnit.SECONDS));
        assertEquals(ConnectionState.WAITING_TO_RECONNECT, client[0].state());

        watcher.start();
        Set<ConnectivityManager.NetworkCallback> callbacks = shadow.getNetworkCallbacks();
        assertEquals(1, callbacks.size());
        broker.restart();
        for (ConnectivityManager.NetworkCallback cb : callbacks) cb.onAvailable(ShadowNetwork.newInstance(100));

        assertTrue("connected right after the network came back", connected.await(10, TimeUnit.SECONDS));
      } finally {
        watcher.stop();
        client[0].close();
      }
      assertTrue("the callback is unregistered", shadow.getNetworkCallbacks().isEmpty());
    }
  }
}
