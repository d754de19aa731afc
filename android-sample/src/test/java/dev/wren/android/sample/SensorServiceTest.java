package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.AlarmManager;
import android.app.Application;
import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ServiceInfo;
import android.hardware.Sensor;
import android.hardware.SensorEvent;
import android.hardware.SensorManager;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.testing.Inbox;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.TcpForwarder;
import dev.wren.mqtt.testing.Wire;
import java.io.File;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowAlarmManager;
import org.robolectric.shadows.ShadowSensor;
import org.robolectric.shadows.ShadowSensorManager;
import org.robolectric.shadows.ShadowSystemClock;

@RunWith(RobolectricTestRunner.class)
@Config(manifest = Config.NONE, sdk = 35)
public class SensorServiceTest {
  private static Mosquitto broker;

  private Application app;
  private MqttClient subscriber;
  private final Inbox inbox = new Inbox("subscriber");
  private ServiceController<SensorService> controller;

  @BeforeClass public static void startBroker() throws Exception {
    broker = Robo.mosquitto();
  }

  @AfterClass public static void stopBroker() throws Exception {
    if (broker != null) broker.close();
  }

  @Before public void subscribe() throws Exception {
    app = RuntimeEnvironment.getApplication();
    subscriber = new MqttClient(MqttOptions.builder().serverUri(broker.uri()).clientId("phone-watcher").build());
    subscriber.connect();
    subscriber.subscribe("test/phone/#", Qos.AT_LEAST_ONCE, inbox);
  }

  @After public void stop() throws Exception {
    if (controller != null) destroy();
    subscriber.close();
  }

  private SensorService start(String brokerUri, long intervalMillis) {
    SettingsStore store = new SettingsStore(app);
    store.save(store.load().toBuilder().brokerUri(brokerUri).topic("test/phone")
        .interval(intervalMillis, TimeUnit.MILLISECONDS).build());
    controller = Robolectric.buildService(SensorService.class,
        new Intent(app, SensorService.class).setAction(SensorService.ACTION_START));
    return controller.create().startCommand(0, 1).get();
  }

  /** Destroys the service and waits until its worker closed the client. */
  private void destroy() throws InterruptedException {
    SensorService service = controller.get();
    controller.destroy();
    controller = null;
    service.workerThread().join(10_000);
    assertFalse("the worker thread ended", service.workerThread().isAlive());
  }

  @Test public void publishesTimerReadingsThroughTheFileQueueAndShowsTheCounts() throws Exception {
    SensorService service = start(broker.uri(), 1_000);
    Notification first = shadowOf(service).getLastForegroundNotification();
    assertNotNull("started in the foreground", first);

    Message m = inbox.take(10_000);
    assertEquals("test/phone/timer", m.topic());
    assertEquals(Qos.AT_LEAST_ONCE, m.qos());
    assertTrue(m.payloadAsString(), m.payloadAsString().startsWith("{\"sensor\":\"timer\",\"unit\":\"s\",\"seq\":1,"));
    assertTrue("the queue lives in the files directory",
        new File(app.getFilesDir(), ClientSetup.QUEUE_DIRECTORY).isDirectory());

    Robo.until("the broker acknowledged reading #1", () -> service.status().acknowledged() == 1);
    ServiceStatus status = service.status();
    assertEquals("Connected to " + broker.uri(), status.headline());
    assertEquals("queued 0 · in flight 0 · sent 1 · acked 1", status.counts());
    Robo.until("the last reading shows as acked", () -> service.status().recent().get(0).endsWith(": acked"));

    // The next reading comes one interval later on the worker's clock.
    ShadowSystemClock.advanceBy(1_000, TimeUnit.MILLISECONDS);
    assertTrue(inbox.take(10_000).payloadAsString().contains("\"seq\":2,"));

    NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
    Robo.until("the notification shows the connection", () -> ("Connected to " + broker.uri())
        .equals(title(shadowOf(nm).getNotification(Notifications.NOTIFICATION_ID))));
    Robo.until("the notification shows the queued and sent counts", () -> {
      Notification n = shadowOf(nm).getNotification(Notifications.NOTIFICATION_ID);
      CharSequence text = n == null ? null : n.extras.getCharSequence(Notification.EXTRA_TEXT);
      return text != null && text.toString().startsWith("queued ") && text.toString().contains("sent 2");
    });

    MqttClient client = service.client();
    destroy();
    assertEquals(ConnectionState.CLOSED, client.state());
  }

  @Test public void publishesTheLatestValueOfALightSensor() throws Exception {
    SensorManager sensors = (SensorManager) app.getSystemService(Context.SENSOR_SERVICE);
    ShadowSensorManager shadowSensors = shadowOf(sensors);
    Sensor light = ShadowSensor.newInstance(Sensor.TYPE_LIGHT);
    shadowSensors.addSensor(light);

    start(broker.uri(), 1_000);
    Robo.until("the service listens to the light sensor", () -> !shadowSensors.getListeners().isEmpty());
    SensorEvent event = ShadowSensorManager.createSensorEvent(1, Sensor.TYPE_LIGHT);
    event.sensor = light;
    event.values[0] = 321.5f;
    shadowSensors.sendSensorEventToListeners(event);
    ShadowSystemClock.advanceBy(1_000, TimeUnit.MILLISECONDS);

    Message m = inbox.take(10_000);
    assertEquals("test/phone/light", m.topic());
    assertTrue(m.payloadAsString(), m.payloadAsString().matches(
        "\\{\"sensor\":\"light\",\"unit\":\"lx\",\"seq\":\\d+,\"time\":\\d+,\"values\":\\[321\\.5]}"));
    destroy();
    assertTrue("unregistered from the sensor", shadowSensors.getListeners().isEmpty());
  }

  @Test public void notificationChannelIsQuietAndItsIntentsImmutable() throws Exception {
    SensorService service = start(broker.uri(), 60_000);
    NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
    NotificationChannel channel = nm.getNotificationChannel(Notifications.CHANNEL_ID);
    assertNotNull(channel);
    assertEquals(NotificationManager.IMPORTANCE_LOW, channel.getImportance());

    Notification n = shadowOf(service).getLastForegroundNotification();
    assertEquals(Notifications.CHANNEL_ID, n.getChannelId());
    assertTrue("content intent immutable", shadowOf(n.contentIntent).isImmutable());
    Notification.Action stop = n.actions[0];
    assertEquals("Stop", stop.title.toString());
    assertTrue("stop intent immutable", shadowOf(stop.actionIntent).isImmutable());
    assertEquals(SensorService.ACTION_STOP, shadowOf(stop.actionIntent).getSavedIntent().getAction());
  }

  @Test public void stopActionStopsTheService() {
    controller = Robolectric.buildService(SensorService.class,
        new Intent(app, SensorService.class).setAction(SensorService.ACTION_STOP));
    SensorService service = controller.create().startCommand(0, 1).get();
    assertTrue(shadowOf(service).isStoppedBySelf());
  }

  @Test public void androidFifteensDataSyncTimeLimitStopsTheService() throws Exception {
    SensorService service = start(broker.uri(), 60_000);
    service.onTimeout(1, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC);
    assertTrue(shadowOf(service).isStoppedBySelf());
  }

  @Test public void startsOfflineAndSendsWhatWasQueuedWhenTheBrokerComesUp() throws Exception {
    try (Mosquitto later = Robo.mosquitto()) {
      later.stop();
      SensorService service = start(later.uri(), 1_000);
      Robo.until("reading #1 is queued while offline", () -> service.status().queued() == 1);
      assertFalse(service.status().state() == ConnectionState.CONNECTED);
      later.restart();
      // What the network callback does when a network comes back: no backoff wait.
      service.client().reconnectNow();
      Robo.until("reading #1 acknowledged after the broker came up",
          () -> service.status().acknowledged() >= 1);
      // The worker's clock stands still, so #1 was the only reading: nothing is left.
      assertEquals(0, service.status().queued());
    }
  }

  @Test public void theKeepAliveAlarmPingsTheBrokerAndStopsWithTheService() throws Exception {
    try (TcpForwarder relay = TcpForwarder.to(broker.port())) {
      SensorService service = start(relay.uri(), 60_000);
      Robo.until("connected through the relay", () -> service.status().state() == ConnectionState.CONNECTED);
      AlarmManager alarms = (AlarmManager) app.getSystemService(Context.ALARM_SERVICE);
      ShadowAlarmManager.ScheduledAlarm alarm = shadowOf(alarms).getNextScheduledAlarm();
      assertNotNull("an alarm for the keep-alive", alarm);
      assertEquals(AlarmManager.ELAPSED_REALTIME_WAKEUP, alarm.getType());
      assertTrue("allowed while idle", alarm.isAllowWhileIdle());
      Intent fired = shadowOf(alarm.operation).getSavedIntent();
      assertEquals(SensorService.ACTION_KEEP_ALIVE, fired.getAction());

      // What the alarm does when it goes off: start the running service with the action.
      int pings = relay.clientPackets(Wire.PINGREQ).size();
      controller.withIntent(fired).startCommand(0, 2);
      Robo.until("the alarm's PINGREQ reached the broker", () -> relay.clientPackets(Wire.PINGREQ).size() > pings);
      assertEquals(ConnectionState.CONNECTED, service.status().state());
      assertNotNull("the next alarm", shadowOf(alarms).getNextScheduledAlarm());

      destroy();
      assertEquals("the alarm is cancelled", null, shadowOf(alarms).getNextScheduledAlarm());
    }
  }

  /** A process restart, as far as the queue can tell: the old client closed, a new one opened. */
  @Test public void whatWasQueuedBeforeARestartIsSentAfterIt() throws Exception {
    try (TcpForwarder relay = TcpForwarder.to(broker.port())) {
      relay.refuse(true); // the broker cannot be reached
      SensorService first = start(relay.uri(), 60_000);
      Robo.until("reading #1 is queued while offline", () -> first.status().queued() == 1);
      destroy();

      relay.refuse(false);
      SensorService second = start(relay.uri(), 60_000);
      // The reading from before the restart, then the new service's own first one.
      Message before = inbox.take(10_000);
      Message after = inbox.take(10_000);
      assertTrue(before.payloadAsString(), before.payloadAsString().contains("\"seq\":1,"));
      assertTrue(after.payloadAsString(), after.payloadAsString().contains("\"seq\":1,"));
      Robo.until("the queue drained", () -> second.status().queued() == 0
          && second.status().acknowledged() == 2);
    }
  }

  private static String title(Notification n) {
    if (n == null) return null;
    CharSequence t = n.extras.getCharSequence(Notification.EXTRA_TITLE);
    return t == null ? null : t.toString();
  }
}
