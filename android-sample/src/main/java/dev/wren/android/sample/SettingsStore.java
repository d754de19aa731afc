package dev.wren.android.sample;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Log;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@link SampleSettings} in the app's shared preferences, with a client id made once per
 * install, so the broker sees the same client (and its session) after every restart. Stateless
 * apart from the preferences, which are thread-safe.
 */
final class SettingsStore {
  private static final String FILE = "wren-sample";
  private static final String CLIENT_ID = "clientId";
  private static final String BROKER_URI = "brokerUri";
  private static final String TOPIC = "topic";
  private static final String INTERVAL_MILLIS = "intervalMillis";

  private final SharedPreferences prefs;

  SettingsStore(Context context) {
    this.prefs = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
  }

  /**
   * The saved settings, or the defaults with a new client id. Values that no longer pass the
   * checks (saved by an older version) fall back to their defaults.
   */
  SampleSettings load() {
    String clientId = prefs.getString(CLIENT_ID, null);
    if (clientId == null) {
      clientId = SampleSettings.newClientId(new SecureRandom());
      prefs.edit().putString(CLIENT_ID, clientId).apply();
    }
    SampleSettings.Builder b = SampleSettings.builder(clientId);
    try {
      b.brokerUri(prefs.getString(BROKER_URI, SampleSettings.DEFAULT_BROKER_URI));
      String topic = prefs.getString(TOPIC, null);
      if (topic != null) b.topic(topic);
      b.interval(prefs.getLong(INTERVAL_MILLIS, SampleSettings.DEFAULT_INTERVAL_MILLIS),
          TimeUnit.MILLISECONDS);
    } catch (IllegalArgumentException e) {
      Log.w("WrenSample", "saved settings refused, using defaults: " + e.getMessage(), e);
      b = SampleSettings.builder(clientId);
    }
    return b.build();
  }

  /**
   * Saves {@code settings}. {@code apply()} updates the in-memory copy at once, which the service
   * (same process) reads, and writes the file off the main thread.
   */
  void save(SampleSettings settings) {
    prefs.edit()
        .putString(CLIENT_ID, settings.clientId())
        .putString(BROKER_URI, settings.brokerUri())
        .putString(TOPIC, settings.topic())
        .putLong(INTERVAL_MILLIS, settings.intervalMillis())
        .apply();
  }
}
