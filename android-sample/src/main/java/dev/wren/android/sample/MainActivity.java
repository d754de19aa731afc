package dev.wren.android.sample;

import android.Manifest;
import android.app.Activity;
import android.content.ComponentName;
import android.content.Intent;
import android.content.ServiceConnection;
import android.content.pm.PackageManager;
import android.os.Build;
import android.os.Bundle;
import android.os.IBinder;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;

/**
 * The screen: the broker URI, topic and interval (editable), Start and Stop, and the service's
 * status (connection state, queued/sent/acked counts, the last readings and what became of them).
 * Built in code, without XML resources. Binds to {@link SensorService} while visible; everything
 * here runs on the main thread.
 */
public final class MainActivity extends Activity {
  static final int NOTIFICATION_PERMISSION_REQUEST = 1;

  private SettingsStore store;
  private EditText brokerUri;
  private EditText topic;
  private EditText interval;
  private Button start;
  private Button stop;
  private Button publishNow;
  private TextView error;
  private TextView headline;
  private TextView counts;
  private TextView recent;
  private TextView notice;
  private SensorService bound;

  private final SensorService.StatusListener statusListener = new SensorService.StatusListener() {
    @Override public void statusChanged(ServiceStatus status) {
      render(status);
    }
  };

  private final ServiceConnection connection = new ServiceConnection() {
    @Override public void onServiceConnected(ComponentName name, IBinder binder) {
      // No binder, no service to follow (Android calls onNullBinding instead; test doubles may not).
      if (binder == null) return;
      bound = ((SensorService.LocalBinder) binder).service();
      bound.addStatusListener(statusListener);
    }

    @Override public void onServiceDisconnected(ComponentName name) {
      bound = null;
      render(ServiceStatus.STOPPED);
    }
  };

  @Override protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    store = new SettingsStore(this);
    setContentView(buildLayout(store.load()));
    render(ServiceStatus.STOPPED);
  }

  @Override protected void onStart() {
    super.onStart();
    // Flags 0: follow the service while it runs, but do not create it just by looking at it.
    bindService(new Intent(this, SensorService.class), connection, 0);
  }

  @Override protected void onStop() {
    if (bound != null) bound.removeStatusListener(statusListener);
    bound = null;
    unbindService(connection);
    super.onStop();
  }

  private View buildLayout(SampleSettings settings) {
    LinearLayout column = new LinearLayout(this);
    column.setOrientation(LinearLayout.VERTICAL);
    int pad = dp(16);
    column.setPadding(pad, pad, pad, pad);

    column.addView(label("Broker URI"));
    brokerUri = field(settings.brokerUri(), InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_URI);
    column.addView(brokerUri);
    column.addView(label("Topic (readings go to TOPIC/SENSOR)"));
    topic = field(settings.topic(), InputType.TYPE_CLASS_TEXT);
    column.addView(topic);
    column.addView(label("Interval (seconds)"));
    interval = field(Double.toString(settings.intervalMillis() / 1000.0),
        InputType.TYPE_CLASS_NUMBER | InputType.TYPE_NUMBER_FLAG_DECIMAL);
    column.addView(interval);

    LinearLayout buttons = new LinearLayout(this);
    buttons.setOrientation(LinearLayout.HORIZONTAL);
    start = new Button(this);
    start.setText("Start");
    start.setOnClickListener(new View.OnClickListener() {
      @Override public void onClick(View v) {
        startClicked();
      }
    });
    stop = new Button(this);
    stop.setText("Stop");
    stop.setOnClickListener(new View.OnClickListener() {
      @Override public void onClick(View v) {
        stopService(new Intent(MainActivity.this, SensorService.class));
      }
    });
    publishNow = new Button(this);
    publishNow.setText("Publish now");
    publishNow.setOnClickListener(new View.OnClickListener() {
      @Override public void onClick(View v) {
        // On the main thread, on purpose: the client never writes to the socket here.
        if (bound == null || !bound.publishNow()) error.setText("Start the service first");
      }
    });
    buttons.addView(start);
    buttons.addView(stop);
    buttons.addView(publishNow);
    column.addView(buttons);

    error = new TextView(this);
    notice = new TextView(this);
    headline = new TextView(this);
    headline.setTextSize(18);
    counts = new TextView(this);
    recent = new TextView(this);
    recent.setTypeface(android.graphics.Typeface.MONOSPACE);
    column.addView(error);
    column.addView(notice);
    column.addView(headline);
    column.addView(counts);
    column.addView(label("Last readings"));
    column.addView(recent);

    ScrollView scroll = new ScrollView(this);
    scroll.addView(column);
    return scroll;
  }

  /** Checks the fields, saves them and starts (or re-configures) the service. */
  void startClicked() {
    SampleSettings settings;
    try {
      settings = store.load().toBuilder()
          .brokerUri(brokerUri.getText().toString())
          .topic(topic.getText().toString())
          .intervalSeconds(interval.getText().toString())
          .build();
    } catch (IllegalArgumentException e) {
      error.setText(e.getMessage());
      return;
    }
    error.setText("");
    store.save(settings);
    if (Build.VERSION.SDK_INT >= 33) askForNotifications();
    Intent intent = new Intent(this, SensorService.class).setAction(SensorService.ACTION_START);
    if (Build.VERSION.SDK_INT >= 26) {
      startForegroundService26(intent);
    } else {
      startService(intent);
    }
  }

  @NewerApi(26)
  private void startForegroundService26(Intent intent) {
    startForegroundService(intent);
  }

  /**
   * Android 13+: without this permission the service still runs, but its notification shows only
   * in the task manager, so ask; the answer changes nothing else.
   */
  @NewerApi(33)
  private void askForNotifications() {
    if (checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED) {
      requestPermissions(new String[] {Manifest.permission.POST_NOTIFICATIONS},
          NOTIFICATION_PERMISSION_REQUEST);
    }
  }

  @Override public void onRequestPermissionsResult(int requestCode, String[] permissions, int[] results) {
    if (requestCode != NOTIFICATION_PERMISSION_REQUEST) return;
    boolean granted = results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED;
    notice.setText(granted ? "" : "Notifications are off: the service runs, but its status shows"
        + " only here and in the task manager.");
  }

  void render(ServiceStatus status) {
    headline.setText(status.headline());
    counts.setText(status.counts());
    StringBuilder lines = new StringBuilder();
    for (String line : status.recent()) lines.append(line).append('\n');
    recent.setText(lines.length() == 0 ? "(none yet)" : lines.toString().trim());
    stop.setEnabled(status.running());
    publishNow.setEnabled(status.running());
  }

  private TextView label(String text) {
    TextView v = new TextView(this);
    v.setText(text);
    return v;
  }

  private EditText field(String value, int inputType) {
    EditText e = new EditText(this);
    e.setSingleLine(true);
    e.setInputType(inputType);
    e.setText(value);
    return e;
  }

  private int dp(int value) {
    return Math.round(value * getResources().getDisplayMetrics().density);
  }

  /** For the tests: the views by role. */
  TextView headlineView() {
    return headline;
  }

  TextView countsView() {
    return counts;
  }

  TextView recentView() {
    return recent;
  }

  TextView errorView() {
    return error;
  }

  EditText brokerUriView() {
    return brokerUri;
  }

  Button startButton() {
    return start;
  }

  Button stopButton() {
    return stop;
  }

  Button publishNowButton() {
    return publishNow;
  }

  TextView noticeView() {
    return notice;
  }
}
