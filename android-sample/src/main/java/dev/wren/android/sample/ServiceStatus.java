package dev.wren.android.sample;

import dev.wren.mqtt.ConnectionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the screen shows at one moment: the state, a headline, the counts of
 * {@link dev.wren.mqtt.MqttClient#statistics()} and the recent messages. Immutable.
 */
public final class ServiceStatus {
  /** Before the service started a client, or after it stopped. */
  public static final ServiceStatus STOPPED = new ServiceStatus(ConnectionState.CLOSED, "Stopped",
      StatusText.counts(0, 0, 0, 0), 0, 0, 0, 0, Collections.<String>emptyList());

  private final ConnectionState state;
  private final String headline;
  private final String counts;
  private final int queued;
  private final int inflight;
  private final long sent;
  private final long acknowledged;
  private final List<String> recent;

  public ServiceStatus(ConnectionState state, String headline, String counts, int queued,
      int inflight, long sent, long acknowledged, List<String> recent) {
    this.state = state;
    this.headline = headline;
    this.counts = counts;
    this.queued = queued;
    this.inflight = inflight;
    this.sent = sent;
    this.acknowledged = acknowledged;
    this.recent = Collections.unmodifiableList(new ArrayList<>(recent));
  }

  public ConnectionState state() {
    return state;
  }

  public String headline() {
    return headline;
  }

  public String counts() {
    return counts;
  }

  public int queued() {
    return queued;
  }

  public int inflight() {
    return inflight;
  }

  public long sent() {
    return sent;
  }

  public long acknowledged() {
    return acknowledged;
  }

  /** Newest first. */
  public List<String> recent() {
    return recent;
  }

  /** Whether a client is running (connected or trying), so "Stop" makes sense. */
  public boolean running() {
    return state != ConnectionState.CLOSED && state != ConnectionState.DISCONNECTED;
  }

  @Override public String toString() {
    return headline + " | " + counts;
  }
}
