package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MqttTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * When to send PINGREQ and when to give up on PINGRESP. A PINGREQ is due when nothing has been
 * sent for the keep-alive interval (inbound traffic does not postpone it); with one outstanding,
 * no second one is sent, and the link is dead when the answer is later than the ping timeout.
 * Pure timing logic over the caller's clocks. Whether a PINGREQ is due is asked in
 * {@link SleepClock} terms (the broker's timer runs while the device sleeps); how late a PINGRESP
 * is, in {@code nanoTime} terms (no answer can be read while it sleeps). Thread-safe: the I/O
 * thread asks, and {@code keepAliveNow()} may claim a ping from another thread.
 */
final class KeepAlive {
  /** Returned by {@link #next} when a PINGREQ should be sent now. */
  static final long PING_NOW = 0;

  private long intervalNanos;
  private final long pingTimeoutNanos;
  private final String peer;
  private long pingSentAt;
  // Counted, not flagged, so that a thread waiting for an answer cannot miss it when the I/O
  // thread sends the next PINGREQ before that thread wakes up (after a sleep one is due at once).
  // One is outstanding while fewer were answered than sent.
  private long pingsSent;
  private long pingsAnswered;
  private boolean linkClosed;

  /** @param intervalNanos 0 disables keep-alive */
  KeepAlive(long intervalNanos, long pingTimeoutNanos, String peer) {
    this.intervalNanos = intervalNanos;
    this.pingTimeoutNanos = pingTimeoutNanos;
    this.peer = peer;
  }

  /** MQTT 5 Server Keep Alive: the broker's interval replaces the client's. */
  synchronized void interval(long nanos) {
    this.intervalNanos = nanos;
  }

  /**
   * @return {@link #PING_NOW}, or how many nanoseconds the I/O thread may block before asking
   *     again (-1: forever)
   * @throws MqttTimeoutException when the outstanding PINGREQ was not answered in time
   */
  long next(long now, long lastSendNanos) throws MqttTimeoutException {
    return next(now, lastSendNanos, now);
  }

  /**
   * @param now and {@code lastSendNanos}: {@link SleepClock} time
   * @param awakeNow {@code nanoTime}, the clock of {@link #pingSent}
   */
  synchronized long next(long now, long lastSendNanos, long awakeNow) throws MqttTimeoutException {
    if (pingsAnswered < pingsSent) {
      long late = awakeNow - pingSentAt;
      if (late >= pingTimeoutNanos) {
        throw new MqttTimeoutException("no PINGRESP from " + peer + " within "
            + pingTimeoutNanos / 1_000_000 + " ms of PINGREQ; the connection is dead");
      }
      return pingTimeoutNanos - late;
    }
    if (intervalNanos == 0) return -1;
    long idle = now - lastSendNanos;
    return idle >= intervalNanos ? PING_NOW : intervalNanos - idle;
  }

  /** @param awakeNow {@code nanoTime} */
  synchronized void pingSent(long awakeNow) {
    pingSentAt = awakeNow;
    pingsSent++;
  }

  /**
   * For a PINGREQ another thread is about to send ({@code keepAliveNow()}): a new one, or the
   * outstanding one when there is one, which answers the same question.
   */
  synchronized Claim claimPing(long awakeNow) {
    if (pingsAnswered < pingsSent) return new Claim(pingsSent, false);
    pingSent(awakeNow);
    return new Claim(pingsSent, true);
  }

  /** The PINGREQ whose answer a {@code keepAliveNow()} awaits. */
  static final class Claim {
    final long ping;
    /** Whether the claiming thread must write it (false: it is outstanding already). */
    final boolean send;

    Claim(long ping, boolean send) {
      this.ping = ping;
      this.send = send;
    }
  }

  /** A PINGRESP answers every PINGREQ sent before it (at most one is outstanding). */
  synchronized void pingResponse() {
    pingsAnswered = pingsSent;
    notifyAll();
  }

  /** The link is closed: a thread in {@link #awaitResponse} stops waiting. */
  synchronized void linkClosed() {
    linkClosed = true;
    notifyAll();
  }

  /**
   * For the thread that sent a claimed ping: waits for the PINGRESP up to the ping timeout
   * ({@code nanoTime}, which stops while the device sleeps, as the answer cannot be read then).
   *
   * @throws MqttTimeoutException when it did not come, or the link closed first
   */
  synchronized void awaitResponse(Claim claim) throws MqttTimeoutException, InterruptedException {
    long deadline = System.nanoTime() + pingTimeoutNanos;
    while (pingsAnswered < claim.ping && !linkClosed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new MqttTimeoutException("no PINGRESP from " + peer + " within "
            + pingTimeoutNanos / 1_000_000 + " ms of PINGREQ; the connection is dead");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (pingsAnswered < claim.ping) {
      throw new MqttTimeoutException("the connection to " + peer + " closed before the PINGRESP");
    }
  }
}
