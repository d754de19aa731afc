package dev.wren.android.sample;

import android.app.AlarmManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.os.Build;
import android.os.SystemClock;

/**
 * The alarm that wakes the service once per keep-alive interval so it can call the client's
 * {@code keepAliveNow()} while the phone sleeps: {@code ELAPSED_REALTIME_WAKEUP} (it counts deep
 * sleep and wakes the CPU), allowed while idle on API 23+ — where Doze still lets such an alarm
 * fire only about once per 9 minutes, so through Doze the client reconnects afterwards instead.
 * Inexact: exact alarms need a permission the sample does not ask for. Stateless.
 */
final class KeepAliveAlarm {
  private KeepAliveAlarm() {
  }

  static void schedule(Context context, long inMillis) {
    AlarmManager alarms = (AlarmManager) context.getSystemService(Context.ALARM_SERVICE);
    long at = SystemClock.elapsedRealtime() + inMillis;
    if (Build.VERSION.SDK_INT >= 23) {
      scheduleWhileIdle23(alarms, at, intent(context));
    } else {
      alarms.set(AlarmManager.ELAPSED_REALTIME_WAKEUP, at, intent(context));
    }
  }

  @NewerApi(23)
  private static void scheduleWhileIdle23(AlarmManager alarms, long at, PendingIntent intent) {
    alarms.setAndAllowWhileIdle(AlarmManager.ELAPSED_REALTIME_WAKEUP, at, intent);
  }

  static void cancel(Context context) {
    AlarmManager alarms = (AlarmManager) context.getSystemService(Context.ALARM_SERVICE);
    alarms.cancel(intent(context));
  }

  /** Starts the running service with ACTION_KEEP_ALIVE; immutable where the flag exists. */
  static PendingIntent intent(Context context) {
    return PendingIntent.getService(context, 2, new Intent(context, SensorService.class)
        .setAction(SensorService.ACTION_KEEP_ALIVE), Notifications.immutableFlags());
  }
}
