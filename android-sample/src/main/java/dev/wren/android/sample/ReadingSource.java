package dev.wren.android.sample;

import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorEventListener;
import android.hardware.SensorManager;
import android.os.Handler;
import android.os.SystemClock;

/**
 * Where readings come from: the first of the light, pressure and accelerometer sensors the phone
 * has, whose latest values the publish timer takes; or, on a phone (or emulator) with none of
 * them, a "timer" reading of the seconds since boot, so the app always has something to send.
 * Sensor events arrive on the handler's thread; {@link #latest} may be called from any thread.
 */
final class ReadingSource implements SensorEventListener {
  /** The sensors tried, in order, with the names and units the readings carry. */
  private static final int[] TYPES = {Sensor.TYPE_LIGHT, Sensor.TYPE_PRESSURE, Sensor.TYPE_ACCELEROMETER};
  private static final String[] NAMES = {"light", "pressure", "accelerometer"};
  private static final String[] UNITS = {"lx", "hPa", "m/s2"};

  private final SensorManager sensors;
  private final Handler handler;
  private Sensor sensor;
  private String name = "timer";
  private String unit = "s";
  private float[] values;

  /** @param sensors null when the phone has no sensor service */
  ReadingSource(SensorManager sensors, Handler handler) {
    this.sensors = sensors;
    this.handler = handler;
  }

  /** Picks a sensor and listens to it; without one, readings come from the timer. */
  synchronized void start() {
    if (sensors == null) return;
    for (int i = 0; i < TYPES.length; i++) {
      Sensor s = sensors.getDefaultSensor(TYPES[i]);
      if (s == null) continue;
      // A normal rate is plenty: the publish timer keeps only the latest values.
      if (sensors.registerListener(this, s, SensorManager.SENSOR_DELAY_NORMAL, handler)) {
        sensor = s;
        name = NAMES[i];
        unit = UNITS[i];
        return;
      }
    }
  }

  synchronized void stop() {
    if (sensor != null) sensors.unregisterListener(this);
    sensor = null;
  }

  /** The sensor's name in readings: "light", "pressure", "accelerometer" or "timer". */
  synchronized String name() {
    return name;
  }

  /**
   * The reading to publish now, stamped {@code nowMillis}; null while the chosen sensor has not
   * reported yet.
   */
  synchronized Reading latest(long nowMillis) {
    if (sensor == null) {
      return new Reading(name, unit, new float[] {SystemClock.elapsedRealtime() / 1000f}, nowMillis);
    }
    return values == null ? null : new Reading(name, unit, values, nowMillis);
  }

  @Override public synchronized void onSensorChanged(SensorEvent event) {
    if (event.sensor != sensor) return;
    values = event.values.clone();
  }

  @Override public void onAccuracyChanged(Sensor s, int accuracy) {
    // The readings carry values only; accuracy changes need no action.
  }
}
