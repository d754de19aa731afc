package dev.wren.android.sample;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.os.Build;

/**
 * The foreground service's notification: its channel (API 26+), and a notification showing the
 * status that opens the activity and has a Stop action. PendingIntents are immutable on API 23+
 * (API 31+ refuses a PendingIntent that says neither mutable nor immutable). Stateless.
 */
final class Notifications {
  static final String CHANNEL_ID = "wren-connection";
  static final int NOTIFICATION_ID = 1;

  private Notifications() {
  }

  /** Creates the channel; does nothing below API 26, where channels do not exist. */
  static void createChannel(Context context) {
    if (Build.VERSION.SDK_INT >= 26) createChannel26(context);
  }

  @NewerApi(26)
  private static void createChannel26(Context context) {
    // Low importance: a status line that is always there should not make a sound.
    NotificationChannel channel = new NotificationChannel(CHANNEL_ID, "MQTT connection",
        NotificationManager.IMPORTANCE_LOW);
    channel.setDescription("Connection state and counts of the Wren sample's sensor readings");
    context.getSystemService(NotificationManager.class).createNotificationChannel(channel);
  }

  /** Flags for a PendingIntent nobody needs to change: immutable where the flag exists. */
  static int immutableFlags() {
    return Build.VERSION.SDK_INT >= 23
        ? PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT
        : PendingIntent.FLAG_UPDATE_CURRENT;
  }

  static Notification build(Context context, ServiceStatus status) {
    PendingIntent open = PendingIntent.getActivity(context, 0,
        new Intent(context, MainActivity.class), immutableFlags());
    PendingIntent stop = PendingIntent.getService(context, 1,
        new Intent(context, SensorService.class).setAction(SensorService.ACTION_STOP), immutableFlags());
    Notification.Builder b = Build.VERSION.SDK_INT >= 26 ? builder26(context) : builderBefore26(context);
    return b.setSmallIcon(android.R.drawable.stat_notify_sync)
        .setContentTitle(status.headline())
        .setContentText(status.counts())
        .setContentIntent(open)
        .setOngoing(true)
        .setOnlyAlertOnce(true)
        .addAction(stopAction(stop))
        .build();
  }

  @NewerApi(26)
  private static Notification.Builder builder26(Context context) {
    return new Notification.Builder(context, CHANNEL_ID);
  }

  @SuppressWarnings("deprecation") // the only constructor before API 26
  private static Notification.Builder builderBefore26(Context context) {
    return new Notification.Builder(context);
  }

  @SuppressWarnings("deprecation") // the Icon-based builder needs API 23
  private static Notification.Action stopAction(PendingIntent stop) {
    return new Notification.Action.Builder(android.R.drawable.ic_menu_close_clear_cancel, "Stop", stop)
        .build();
  }
}
