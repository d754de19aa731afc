package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.ConnectionState;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Who runs and what is up: the I/O thread, the current link, whether the application asked to
 * stop, and the backoff wait that {@code reconnectNow()} and {@code disconnect()} cut short.
 * The monitor of this object guards it all. Thread-safe.
 */
final class Lifecycle {
  private Thread thread;
  private Link link;
  private boolean closed;
  private boolean stopping;
  private String stopReason;
  private boolean wakeUp;
  private boolean networkChanged;
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  /** What the broker of the current (or last) connection announced; null before the first. */
  private volatile dev.wren.mqtt.ServerCapabilities capabilities;

  /** Registers {@code started} as the I/O thread, refusing when one runs or the client is closed. */
  synchronized void start(Thread started, String server) {
    if (closed) throw new IllegalStateException("client is closed; create a new MqttClient");
    if (thread != null) {
      throw new IllegalStateException("already connected or connecting to " + server
          + "; the client reconnects by itself, call disconnect() first to start over");
    }
    thread = started;
    stopping = false;
    stopReason = null;
    wakeUp = false;
    networkChanged = false;
    state = ConnectionState.CONNECTING;
  }

  /** The I/O thread is about to end. */
  synchronized void ended(Thread ending) {
    if (thread == ending) {
      thread = null;
      link = null;
      state = closed ? ConnectionState.CLOSED : ConnectionState.DISCONNECTED;
    }
  }

  /** A connection was opened; closes it at once when the application is stopping. */
  synchronized void opened(Link opened) {
    link = opened;
    if (stopping) {
      opened.closing(stopReason);
      opened.close();
    }
  }

  /** The CONNACK of the connection coming up announced {@code server}. */
  void announced(dev.wren.mqtt.ServerCapabilities server) {
    capabilities = server;
  }

  dev.wren.mqtt.ServerCapabilities capabilities() {
    return capabilities;
  }

  synchronized void connected() {
    // A reconnectNow() made during the attempt that just succeeded is answered.
    wakeUp = false;
    networkChanged = false;
    if (!stopping) state = ConnectionState.CONNECTED;
  }

  synchronized void linkEnded(Link ended) {
    if (link == ended) link = null;
    if (!stopping) state = ConnectionState.CONNECTING;
  }

  /**
   * The application wants the connection gone and no reconnect ({@code disconnect()}, or
   * {@code close()} when {@code close} is set). Returns the link to end, or null.
   */
  synchronized Link stop(String reason, boolean close) {
    if (close) {
      closed = true;
      if (thread == null) state = ConnectionState.CLOSED;
    }
    if (thread != null && !stopping) {
      stopping = true;
      stopReason = reason;
      notifyAll();
    }
    Link current = link;
    if (current != null) current.closing(reason);
    return current;
  }

  synchronized boolean stopping() {
    return stopping;
  }

  synchronized String stopReason() {
    return stopReason;
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized Thread thread() {
    return thread;
  }

  synchronized Link link() {
    return link;
  }

  ConnectionState state() {
    return state;
  }

  /**
   * The backoff wait begins. A {@link #wakeUp} asked for during the attempts that just failed
   * still cuts it short: the network may have come back while they were under way.
   */
  synchronized void waitingToReconnect() {
    if (!stopping) state = ConnectionState.WAITING_TO_RECONNECT;
  }

  /**
   * Ends a backoff wait early ({@code reconnectNow()}), or skips the next one when asked during a
   * connection attempt; ignored while connected. {@code skipWait} false only re-checks the chores'
   * deadline.
   */
  synchronized void wakeUp(boolean skipWait) {
    if (skipWait && (state == ConnectionState.CONNECTING
        || state == ConnectionState.WAITING_TO_RECONNECT)) {
      wakeUp = true;
    }
    notifyAll();
  }

  /**
   * {@code networkChanged()}: while connected, returns the link to drop and makes the loop connect
   * again without a backoff wait; otherwise acts as {@code wakeUp(true)} and returns null.
   */
  synchronized Link networkChanged() {
    if (stopping) return null;
    if (state != ConnectionState.CONNECTED || link == null) {
      wakeUp(true);
      return null;
    }
    networkChanged = true;
    return link;
  }

  /** Whether the link just lost was dropped by {@code networkChanged()}: no backoff wait then. */
  synchronized boolean takeNetworkChange() {
    boolean changed = networkChanged;
    networkChanged = false;
    return changed;
  }

  /**
   * Waits {@code delayMillis} before the next attempt, running the chores when due.
   *
   * @return false when the application asked to stop meanwhile
   */
  boolean awaitRetry(long delayMillis, Link.Chores chores) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
    while (true) {
      boolean choresDue;
      synchronized (this) {
        while (true) {
          if (stopping) return false;
          long now = System.nanoTime();
          if (wakeUp || deadline - now <= 0) {
            wakeUp = false;
            state = ConnectionState.CONNECTING;
            return true;
          }
          long choresIn = chores.dueNanos() - now;
          if (choresIn <= 0) break;
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(deadline - now, choresIn));
        }
        choresDue = true;
      }
      // Outside the monitor: a sync may take a while and publishers wake this monitor.
      if (choresDue) chores.run();
    }
  }
}
