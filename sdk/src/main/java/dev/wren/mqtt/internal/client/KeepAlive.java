package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MqttTimeoutException;

/**
 * When to send PINGREQ and when to give up on PINGRESP. A PINGREQ is due when nothing has been
 * sent for the keep-alive interval (inbound traffic does not postpone it); with one outstanding,
 * no second one is sent, and the link is dead when the answer is later than the ping timeout.
 * Pure timing logic over the caller's clock; used by the I/O thread only.
 */
final class KeepAlive {
  /** Returned by {@link #next} when a PINGREQ should be sent now. */
  static final long PING_NOW = 0;

  private final long intervalNanos;
  private final long pingTimeoutNanos;
  private final String peer;
  private long pingSentAt;
  private boolean pingOutstanding;

  /** @param intervalNanos 0 disables keep-alive */
  KeepAlive(long intervalNanos, long pingTimeoutNanos, String peer) {
    this.intervalNanos = intervalNanos;
    this.pingTimeoutNanos = pingTimeoutNanos;
    this.peer = peer;
  }

  /**
   * @return {@link #PING_NOW}, or how many nanoseconds the I/O thread may block before asking
   *     again (-1: forever)
   * @throws MqttTimeoutException when the outstanding PINGREQ was not answered in time
   */
  long next(long now, long lastSendNanos) throws MqttTimeoutException {
    if (intervalNanos == 0) return -1;
    if (pingOutstanding) {
      long late = now - pingSentAt;
      if (late >= pingTimeoutNanos) {
        throw new MqttTimeoutException("no PINGRESP from " + peer + " within "
            + pingTimeoutNanos / 1_000_000 + " ms of PINGREQ; the connection is dead");
      }
      return pingTimeoutNanos - late;
    }
    long idle = now - lastSendNanos;
    return idle >= intervalNanos ? PING_NOW : intervalNanos - idle;
  }

  void pingSent(long now) {
    pingSentAt = now;
    pingOutstanding = true;
  }

  void pingResponse() {
    pingOutstanding = false;
  }
}
