package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.content.ComponentName;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.widget.TextView;
import dev.wren.mqtt.testing.Mosquitto;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowActivity;

@RunWith(RobolectricTestRunner.class)
@Config(manifest = Config.NONE, sdk = 35)
public class MainActivityTest {
  private final Application app = RuntimeEnvironment.getApplication();

  @Test public void showsTheStateAndCountsOfTheRunningService() throws Exception {
    try (Mosquitto broker = Robo.mosquitto()) {
      SettingsStore store = new SettingsStore(app);
      store.save(store.load().toBuilder().brokerUri(broker.uri()).interval(1, TimeUnit.MINUTES).build());
      ServiceController<SensorService> service = Robolectric.buildService(SensorService.class,
          new Intent(app, SensorService.class).setAction(SensorService.ACTION_START));
      service.create().startCommand(0, 1);
      shadowOf(app).setComponentNameAndServiceForBindService(
          new ComponentName(app, SensorService.class), service.get().onBind(new Intent()));

      ActivityController<MainActivity> screen = Robolectric.buildActivity(MainActivity.class).setup();
      MainActivity activity = screen.get();
      Robo.until("the screen shows reading #1 acknowledged", () ->
          activity.countsView().getText().toString().endsWith("sent 1 · acked 1"));
      assertEquals("Connected to " + broker.uri(), activity.headlineView().getText().toString());
      assertEquals("queued 0 · in flight 0 · sent 1 · acked 1", activity.countsView().getText().toString());
      Robo.until("reading #1 shows as acked", () -> activity.recentView().getText().toString().endsWith(": acked"));
      assertTrue(activity.recentView().getText().toString(),
          activity.recentView().getText().toString().matches("\\d\\d:\\d\\d:\\d\\d #1 timer [0-9.]+ s: acked"));
      assertTrue(activity.stopButton().isEnabled());

      // The button publishes on the main thread; the client writes on its writer thread.
      activity.publishNowButton().performClick();
      Robo.until("the button's reading #2 acknowledged", () ->
          activity.countsView().getText().toString().endsWith("sent 2 · acked 2"));
      assertEquals("", activity.errorView().getText().toString());

      // A rotation makes a new activity; the service and its client stay.
      dev.wren.mqtt.MqttClient client = service.get().client();
      screen.recreate();
      MainActivity rotated = screen.get();
      Robo.until("the new activity shows the counts", () ->
          rotated.countsView().getText().toString().endsWith("sent 2 · acked 2"));
      org.junit.Assert.assertSame(client, service.get().client());

      screen.stop();
      service.destroy();
      service.get().workerThread().join(10_000);
      assertFalse("the service closed its client", service.get().workerThread().isAlive());
    }
  }

  @Test public void showsStoppedWhenNoServiceRuns() {
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    assertEquals("Stopped", activity.headlineView().getText().toString());
    assertEquals("(none yet)", activity.recentView().getText().toString());
    assertFalse(activity.stopButton().isEnabled());
  }

  @Test public void badBrokerUriIsShownAndNothingStarts() {
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    activity.brokerUriView().setText("mqtt//broker");
    activity.startButton().performClick();
    assertTrue(activity.errorView().getText().toString(),
        activity.errorView().getText().toString().contains("mqtt//broker"));
    assertNull(startedWith(SensorService.ACTION_START));
  }

  @Test public void startSavesTheSettingsAsksForNotificationsAndStartsTheService() {
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    activity.brokerUriView().setText(" tcp://broker.example:1884 ");
    activity.startButton().performClick();

    assertEquals("", activity.errorView().getText().toString());
    assertEquals("tcp://broker.example:1884", new SettingsStore(app).load().brokerUri());
    Intent started = startedWith(SensorService.ACTION_START);
    assertEquals(SensorService.class.getName(), started.getComponent().getClassName());
    ShadowActivity.PermissionsRequest asked = shadowOf(activity).getLastRequestedPermission();
    assertEquals(Arrays.asList(Manifest.permission.POST_NOTIFICATIONS), Arrays.asList(asked.requestedPermissions));
  }

  @Test public void grantedNotificationsAreNotAskedForAgain() {
    shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    activity.startButton().performClick();
    assertNull(shadowOf(activity).getLastRequestedPermission());
  }

  @Test public void refusedNotificationsAreExplained() {
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    activity.onRequestPermissionsResult(MainActivity.NOTIFICATION_PERMISSION_REQUEST,
        new String[] {Manifest.permission.POST_NOTIFICATIONS}, new int[] {PackageManager.PERMISSION_DENIED});
    TextView notice = activity.noticeView();
    assertTrue(notice.getText().toString(), notice.getText().toString().startsWith("Notifications are off"));
  }

  /** The service intent with {@code action}, skipping what bindService recorded; or null. */
  private Intent startedWith(String action) {
    for (Intent i = shadowOf(app).getNextStartedService(); i != null; i = shadowOf(app).getNextStartedService()) {
      if (action.equals(i.getAction())) return i;
    }
    return null;
  }

  @Test public void stopStopsTheService() {
    MainActivity activity = Robolectric.buildActivity(MainActivity.class).setup().get();
    activity.stopButton().setEnabled(true);
    activity.stopButton().performClick();
    assertEquals(SensorService.class.getName(),
        shadowOf(app).getNextStoppedService().getComponent().getClassName());
  }
}
