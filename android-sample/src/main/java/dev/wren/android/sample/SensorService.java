package dev.wren.android.sample;

import android.app.Notification;
import android.app.NotificationManager;
import android.app.Service;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ServiceInfo;
import android.hardware.SensorManager;
import android.net.ConnectivityManager;
import android.os.Binder;
import android.os.Build;
import android.os.Handler;
import android.os.HandlerThread;
import android.os.IBinder;
import android.os.Looper;
import android.os.SystemClock;
import android.util.Log;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.Qos;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * The foreground service that owns the app's one {@link MqttClient}: it publishes a sensor reading
 * (QoS 1, through the file queue) every interval, reconnects at once when a network comes back,
 * and shows the status in its notification and to a bound {@link MainActivity}.
 *
 * <p>Threads: Android calls the lifecycle methods on the main thread; the client is made, used
 * and closed on one worker thread ("wren-sample"), because {@code connectAsync} opens the queue on
 * disk and {@code close} waits for the I/O thread. A {@code publish} on the main thread is fine
 * (the "Publish now" button): the client then writes to the socket on its writer thread, never
 * the caller's. The client's own I/O thread calls the
 * listeners, which post the status to the main thread. Fields marked "worker" are touched only
 * there, "main" only on the main thread.
 */
public final class SensorService extends Service {
  static final String ACTION_START = "dev.wren.android.sample.START";
  static final String ACTION_STOP = "dev.wren.android.sample.STOP";
  /** From {@link KeepAliveAlarm}: ping the broker now, the CPU may sleep again soon. */
  static final String ACTION_KEEP_ALIVE = "dev.wren.android.sample.KEEP_ALIVE";
  private static final String TAG = "WrenSample";
  /** Android drops a package's notification updates beyond about five a second. */
  private static final long NOTIFICATION_GAP_MILLIS = 1_000;

  private final Handler main = new Handler(Looper.getMainLooper());
  private final List<StatusListener> statusListeners = new ArrayList<>(); // main
  private final Runnable publishStatus = new Runnable() {
    @Override public void run() {
      statusPosted = false;
      showStatus();
    }
  };
  private final Runnable refreshNotification = new Runnable() {
    @Override public void run() {
      notificationPosted = false;
      updateNotification();
    }
  };
  private volatile boolean statusPosted;
  private boolean notificationPosted; // main
  private long notifiedAt = Long.MIN_VALUE / 2; // main, SystemClock.uptimeMillis()
  private HandlerThread workerThread;
  private Handler worker;
  private SettingsStore store;
  private volatile Session session; // set and cleared on the worker, read anywhere
  private boolean foreground; // main

  /** Told on the main thread whenever the status changed. */
  interface StatusListener {
    void statusChanged(ServiceStatus status);
  }

  /** What a bound activity gets: this service, in the same process. */
  final class LocalBinder extends Binder {
    SensorService service() {
      return SensorService.this;
    }
  }

  @Override public void onCreate() {
    super.onCreate();
    store = new SettingsStore(this);
    workerThread = new HandlerThread("wren-sample");
    workerThread.start();
    worker = new Handler(workerThread.getLooper());
    Notifications.createChannel(this);
  }

  @Override public int onStartCommand(Intent intent, int flags, int startId) {
    if (intent != null && ACTION_STOP.equals(intent.getAction())) {
      stopSelf();
      return START_NOT_STICKY;
    }
    if (intent != null && ACTION_KEEP_ALIVE.equals(intent.getAction()) && session != null) {
      keepAlive();
      return START_NOT_STICKY;
    }
    // Within seconds of startForegroundService(), or Android stops the app.
    goForeground();
    final SampleSettings settings = store.load();
    worker.post(new Runnable() {
      @Override public void run() {
        Session running = session;
        if (running != null && running.settings.equals(settings)) return;
        if (running != null) stopSession();
        startSession(settings);
      }
    });
    // Not sticky: a restart by the system would start a foreground service from the background,
    // which Android 12+ may refuse. The queue is on disk; the next start sends what is left.
    return START_NOT_STICKY;
  }

  private void goForeground() {
    Notification notification = Notifications.build(this, status());
    if (Build.VERSION.SDK_INT >= 29) {
      startForeground29(notification);
    } else {
      startForeground(Notifications.NOTIFICATION_ID, notification);
    }
    foreground = true;
    notifiedAt = SystemClock.uptimeMillis();
  }

  /** Android 14 requires the type, which must match the manifest; 10–13 accept it. */
  @NewerApi(29)
  private void startForeground29(Notification notification) {
    startForeground(Notifications.NOTIFICATION_ID, notification,
        ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC);
  }

  /**
   * Android 15 allows a dataSync service 6 hours a day and then calls this; the service must
   * stop within seconds or the app is stopped. Unsent readings wait in the queue on disk.
   */
  @Override public void onTimeout(int startId, int fgsType) {
    Log.w(TAG, "the system ended the foreground service time (type " + fgsType + "); stopping");
    stopSelf();
  }

  @Override public IBinder onBind(Intent intent) {
    return new LocalBinder();
  }

  @Override public void onDestroy() {
    main.removeCallbacks(publishStatus);
    main.removeCallbacks(refreshNotification);
    statusListeners.clear();
    worker.post(new Runnable() {
      @Override public void run() {
        stopSession();
      }
    });
    workerThread.quitSafely();
    foreground = false;
    super.onDestroy();
  }

  /** Registers {@code listener} (main thread) and tells it the status at once. */
  void addStatusListener(StatusListener listener) {
    statusListeners.add(listener);
    listener.statusChanged(status());
  }

  void removeStatusListener(StatusListener listener) {
    statusListeners.remove(listener);
  }

  /** The status now; {@link ServiceStatus#STOPPED} before a client runs. */
  ServiceStatus status() {
    Session s = session;
    return s == null ? ServiceStatus.STOPPED : s.tracker.snapshot(s.client.statistics(), TimeZone.getDefault());
  }

  /**
   * Publishes the latest reading now, on the calling thread, which is the main thread when the
   * activity's button calls it: the client hands the socket write to its writer thread there.
   * Only the queue append (a file write, synced in the background under BATCH) stays here.
   *
   * @return false when no client runs or there is no reading yet
   */
  boolean publishNow() {
    Session s = session;
    return s != null && s.publishLatest();
  }

  /** The running client, or null: for the tests. */
  MqttClient client() {
    Session s = session;
    return s == null ? null : s.client;
  }

  /** The worker thread, which ends after {@link #onDestroy} closed the client: for the tests. */
  Thread workerThread() {
    return workerThread;
  }

  /** Coalesces the many status changes of the I/O thread into one update on the main thread. */
  private void statusChanged() {
    if (statusPosted) return;
    statusPosted = true;
    main.post(publishStatus);
  }

  private void showStatus() {
    ServiceStatus status = status();
    updateNotification();
    for (StatusListener l : new ArrayList<>(statusListeners)) l.statusChanged(status);
  }

  /** At most one notification update a second; a change inside that second waits for its end. */
  private void updateNotification() {
    if (!foreground) return;
    long wait = notifiedAt + NOTIFICATION_GAP_MILLIS - SystemClock.uptimeMillis();
    if (wait > 0) {
      if (!notificationPosted) {
        notificationPosted = true;
        main.postDelayed(refreshNotification, wait);
      }
      return;
    }
    notifiedAt = SystemClock.uptimeMillis();
    NotificationManager nm = (NotificationManager) getSystemService(Context.NOTIFICATION_SERVICE);
    nm.notify(Notifications.NOTIFICATION_ID, Notifications.build(this, status()));
  }

  /**
   * The alarm fired: a PINGREQ now (the client writes it on its own thread, so calling from the
   * main thread is fine), and the next alarm one keep-alive interval later.
   */
  private void keepAlive() {
    Session s = session;
    if (s == null) return;
    s.client.keepAliveNow().whenDone(new dev.wren.mqtt.Completion.Listener<Void>() {
      @Override public void onDone(Void value, Throwable failure) {
        if (failure != null) Log.i(TAG, "keep-alive from the alarm: " + failure.getMessage());
      }
    });
    KeepAliveAlarm.schedule(this, ClientSetup.KEEP_ALIVE_SECONDS * 1000L);
  }

  /** Worker. */
  private void startSession(SampleSettings settings) {
    Session s = new Session(this, settings, worker, new StatusTracker.Observer() {
      @Override public void statusChanged() {
        SensorService.this.statusChanged();
      }
    });
    session = s;
    s.start();
    KeepAliveAlarm.schedule(this, ClientSetup.KEEP_ALIVE_SECONDS * 1000L);
    statusChanged();
  }

  /** Worker. */
  private void stopSession() {
    Session s = session;
    if (s == null) return;
    session = null;
    KeepAliveAlarm.cancel(this);
    s.stop();
    statusChanged();
  }

  /** One client with its settings, readings and network watcher; made and used on the worker. */
  private static final class Session {
    final SampleSettings settings;
    final StatusTracker tracker;
    final MqttClient client;
    private final Handler worker;
    private final ReadingSource readings;
    private final NetworkWatcher network;
    private final Runnable tick = new Runnable() {
      @Override public void run() {
        publishLatest();
        worker.postDelayed(this, settings.intervalMillis());
      }
    };
    private long seq;

    Session(Context context, SampleSettings settings, Handler worker, StatusTracker.Observer observer) {
      this.settings = settings;
      this.worker = worker;
      this.tracker = new StatusTracker(settings.brokerUri(), new StatusTracker.Clock() {
        @Override public long nowMillis() {
          return System.currentTimeMillis();
        }
      }, observer);
      this.client = new MqttClient(ClientSetup.options(context.getFilesDir(), settings,
          tracker));
      this.readings = new ReadingSource(
          (SensorManager) context.getSystemService(Context.SENSOR_SERVICE), worker);
      this.network = new NetworkWatcher(
          (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE), client);
    }

    void start() {
      try {
        // Returns at once: the client starts offline if need be and keeps trying.
        client.connectAsync();
      } catch (MqttException e) {
        // Typically QueueLockedException: another process holds the queue directory.
        Log.e(TAG, "cannot start the client on " + settings.brokerUri(), e);
        tracker.failed("cannot start", e);
        client.close();
        return;
      }
      network.start();
      readings.start();
      worker.post(tick);
    }

    void stop() {
      worker.removeCallbacks(tick);
      readings.stop();
      network.stop();
      client.close();
    }

    /** From the worker's timer, or the main thread ({@link SensorService#publishNow}). */
    synchronized boolean publishLatest() {
      Reading reading = readings.latest(System.currentTimeMillis());
      if (reading == null) return false;
      final long n = ++seq;
      try {
        Delivery delivery = client.publish(reading.topicUnder(settings.topic()), reading.toJson(n),
            Qos.AT_LEAST_ONCE, false);
        tracker.queued(n, reading);
        delivery.whenDone(new Delivery.Listener() {
          @Override public void onDone(Delivery d, Throwable failure) {
            tracker.done(n, failure);
          }
        });
      } catch (MqttException e) {
        Log.w(TAG, "reading #" + n + " not queued", e);
        tracker.failed("reading #" + n + " not queued", e);
      } catch (InterruptedException e) {
        // Nothing in the app interrupts the worker; keep the flag for whoever did.
        Thread.currentThread().interrupt();
        tracker.failed("reading #" + n + " interrupted", e);
      }
      return true;
    }
  }
}
