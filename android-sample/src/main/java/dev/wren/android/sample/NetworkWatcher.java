package dev.wren.android.sample;

import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.NetworkRequest;
import android.os.Build;
import dev.wren.mqtt.MqttClient;

/**
 * Tells the client when the network changes. A different network than the last one (Wi-Fi to
 * cellular) calls {@code networkChanged()}: the old socket may look alive and be dead, so the
 * client drops it and connects again at once over the new one. The same network coming back (or
 * the first one, which the callback reports on registration) calls {@code reconnectNow()}, which
 * ends a backoff wait and leaves a working connection alone. API 24+: the default network (the one
 * the app's sockets use); API 21–23: any network with internet access. Callbacks come on a system
 * thread; both calls are thread-safe and return at once. Start and stop on one thread.
 */
final class NetworkWatcher {
  private final ConnectivityManager connectivity;
  private final MqttClient client;
  private final ConnectivityManager.NetworkCallback callback =
      new ConnectivityManager.NetworkCallback() {
        @Override public void onAvailable(Network network) {
          Network before;
          synchronized (NetworkWatcher.this) {
            before = last;
            last = network;
          }
          if (before != null && !before.equals(network)) {
            client.networkChanged();
          } else {
            client.reconnectNow();
          }
        }
      };
  /** The network the last onAvailable named; kept across onLost, so a switch is seen. */
  private Network last;
  private boolean registered;

  NetworkWatcher(ConnectivityManager connectivity, MqttClient client) {
    if (connectivity == null) throw new NullPointerException("connectivity == null");
    this.connectivity = connectivity;
    if (client == null) throw new NullPointerException("client == null");
    this.client = client;
  }

  void start() {
    if (registered) return;
    if (Build.VERSION.SDK_INT >= 24) {
      registerDefault();
    } else {
      NetworkRequest request = new NetworkRequest.Builder()
          .addCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET)
          .build();
      connectivity.registerNetworkCallback(request, callback);
    }
    registered = true;
  }

  @NewerApi(24)
  private void registerDefault() {
    connectivity.registerDefaultNetworkCallback(callback);
  }

  void stop() {
    if (!registered) return;
    registered = false;
    connectivity.unregisterNetworkCallback(callback);
  }
}
