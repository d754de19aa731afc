package dev.wren.android.sample;

import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.NetworkRequest;
import android.os.Build;
import dev.wren.mqtt.MqttClient;

/**
 * Calls the client's {@code reconnectNow()} when a network becomes available, so it reconnects at
 * once instead of waiting out its backoff (also when an attempt on the old network is still
 * timing out: the client then skips the wait after it). API 24+: the default network (the one the
 * app's sockets use); API 21–23: any network with internet access. Callbacks come on a system
 * thread; {@code reconnectNow()} is thread-safe. Not thread-safe itself: start and stop on one
 * thread.
 */
final class NetworkWatcher {
  private final ConnectivityManager connectivity;
  private final MqttClient client;
  private final ConnectivityManager.NetworkCallback callback =
      new ConnectivityManager.NetworkCallback() {
        @Override public void onAvailable(Network network) {
          client.reconnectNow();
        }
      };
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
