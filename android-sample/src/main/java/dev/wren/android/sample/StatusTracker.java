package dev.wren.android.sample;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.ClientStatistics;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import java.util.TimeZone;

/**
 * Keeps what the client's listener events and the readings' deliveries said — the last error,
 * the reconnect attempt and when it is due, what became of the recent messages — and turns it,
 * with the client's statistics, into a {@link ServiceStatus}. Tells its {@link Observer} after
 * every change, on the thread of the change (usually the client's I/O thread): the observer must
 * return quickly, the service posts to the main thread. Thread-safe; no Android types.
 */
public final class StatusTracker extends ClientListener {
  /** Told that the status changed; see the class comment for the thread. */
  public interface Observer {
    void statusChanged();
  }

  /** The wall clock, so tests can fix it. */
  public interface Clock {
    long nowMillis();
  }

  private static final int RECENT = 10;

  private final String serverUri;
  private final Clock clock;
  private final Observer observer;
  private final RecentMessages recent = new RecentMessages(RECENT);
  private String lastError;
  private int attempt;
  private long retryAtMillis;
  private long dropped;

  public StatusTracker(String serverUri, Clock clock, Observer observer) {
    if (serverUri == null) throw new NullPointerException("serverUri == null");
    if (clock == null) throw new NullPointerException("clock == null");
    if (observer == null) throw new NullPointerException("observer == null");
    this.serverUri = serverUri;
    this.clock = clock;
    this.observer = observer;
  }

  @Override public void connected(String uri, boolean sessionPresent) {
    synchronized (this) {
      lastError = null;
      attempt = 0;
    }
    observer.statusChanged();
  }

  @Override public void disconnected(String uri, MqttException cause, boolean willReconnect) {
    synchronized (this) {
      lastError = StatusText.describe(cause);
    }
    observer.statusChanged();
  }

  @Override public void reconnecting(int nextAttempt, long delayMillis) {
    synchronized (this) {
      attempt = nextAttempt;
      retryAtMillis = clock.nowMillis() + delayMillis;
    }
    observer.statusChanged();
  }

  @Override public void messageDropped(Message message, String reason) {
    synchronized (this) {
      dropped++;
      lastError = "dropped a message to " + message.topic() + ": " + reason;
    }
    observer.statusChanged();
  }

  /** Reading {@code seq} went into the queue. */
  public void queued(long seq, Reading reading) {
    recent.queued(seq, reading.timeMillis(), reading.toShortText());
    observer.statusChanged();
  }

  /** The broker acknowledged reading {@code seq}, or it failed ({@code failure} not null). */
  public void done(long seq, Throwable failure) {
    recent.outcome(seq, failure == null ? "acked" : "failed: " + StatusText.describe(failure));
    observer.statusChanged();
  }

  /** Something outside the client went wrong (the queue could not be opened, a publish failed). */
  public void failed(String what, Throwable cause) {
    synchronized (this) {
      lastError = what + ": " + StatusText.describe(cause);
    }
    observer.statusChanged();
  }

  /** Messages the client dropped so far (offline QoS 0 or a full queue). */
  public synchronized long dropped() {
    return dropped;
  }

  /** The last error, or null after a successful connection. */
  public synchronized String lastError() {
    return lastError;
  }

  /** What to show now, given the client's statistics. */
  public ServiceStatus snapshot(ClientStatistics stats, TimeZone zone) {
    return snapshot(stats.state(), stats.queued(), stats.inflight(), stats.sent(),
        stats.acknowledged(), zone);
  }

  /** What to show now; the counts are those of {@link ClientStatistics}. */
  public ServiceStatus snapshot(ConnectionState state, int queued, int inflight, long sent,
      long acknowledged, TimeZone zone) {
    String headline;
    synchronized (this) {
      headline = StatusText.headline(state, serverUri, attempt, retryAtMillis - clock.nowMillis(),
          lastError);
    }
    return new ServiceStatus(state, headline, StatusText.counts(queued, inflight, sent, acknowledged),
        queued, inflight, sent, acknowledged, recent.lines(zone));
  }
}
