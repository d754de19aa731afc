package dev.wren.mqtt;

/**
 * A snapshot of what a {@link MqttClient} has done with the QoS 1/2 messages it was handed, for
 * status lines and health checks. Immutable; see {@link MqttClient#statistics()}.
 */
public final class ClientStatistics {
  private final ConnectionState state;
  private final int queued;
  private final int inflight;
  private final long sent;
  private final long acknowledged;
  private final long expired;

  /** For {@link MqttClient#statistics()}; not meant to be made by applications. */
  ClientStatistics(ConnectionState state, int queued, int inflight, long sent, long acknowledged,
      long expired) {
    this.state = state;
    this.queued = queued;
    this.inflight = inflight;
    this.sent = sent;
    this.acknowledged = acknowledged;
    this.expired = expired;
  }

  public ConnectionState state() {
    return state;
  }

  /** QoS 1/2 messages in the outbound queue, not yet acknowledged (in flight included). */
  public int queued() {
    return queued;
  }

  /** Of those, how many were sent on the current connection and await their acknowledgement. */
  public int inflight() {
    return inflight;
  }

  /** QoS 1/2 PUBLISH packets written since the client was made, re-sends included. */
  public long sent() {
    return sent;
  }

  /** QoS 1/2 messages the broker acknowledged since the client was made. */
  public long acknowledged() {
    return acknowledged;
  }

  /**
   * QoS 1/2 messages removed from the queue unsent since the client was made because their
   * deadline ({@link Message.Builder#expiresAfter}) passed.
   */
  public long expired() {
    return expired;
  }

  @Override public String toString() {
    return "state=" + state + " queued=" + queued + " inflight=" + inflight + " sent=" + sent
        + " acked=" + acknowledged + " expired=" + expired;
  }
}
