package dev.wren.cli;

import dev.wren.mqtt.ClientStatistics;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.MqttClient;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Prints a client's status line, {@code state=connected queued=N sent=N acked=N expired=N}, at
 * least once a period and at once when the connection state changes, and a last one on
 * {@link #close()}. The
 * keys are for scripts: {@code state} is {@code connecting}, {@code connected} or {@code offline};
 * {@code queued} counts QoS 1/2 messages not yet acknowledged (in flight included), {@code sent}
 * the PUBLISH packets written (re-sends included), {@code acked} the acknowledgements and
 * {@code expired} the messages removed unsent at their deadline ({@code --expiry}), all since the
 * process started.
 *
 * <p>The SDK runs no timers of its own, so the lines come from a thread of this class. State
 * changes arrive from the client's listener ({@link #changed}) and from sampling the state every
 * 100 ms (the SDK reports no event for "connecting"). Thread-safe.
 */
final class Progress implements AutoCloseable {
  static final String CONNECTING = "connecting";
  static final String CONNECTED = "connected";
  static final String OFFLINE = "offline";

  private static final long SAMPLE_MILLIS = 100;

  private final MqttClient client;
  private final PrintStream out;
  private final long periodNanos;
  private final Object lock = new Object();
  private final ArrayDeque<String> changes = new ArrayDeque<>();
  private boolean closed;
  private Thread thread;
  /** Written by the printing thread only, then by close() after joining it. */
  private String lastState;

  /** @param out where the lines go, each flushed at once */
  Progress(MqttClient client, PrintStream out, long period, TimeUnit unit) {
    this.client = client;
    this.out = out;
    this.periodNanos = unit.toNanos(period);
  }

  /** The status line for {@code s}. */
  static String line(ClientStatistics s) {
    return line(state(s.state()), s);
  }

  private static String line(String state, ClientStatistics s) {
    return "state=" + state + " queued=" + s.queued() + " sent=" + s.sent() + " acked="
        + s.acknowledged() + " expired=" + s.expired();
  }

  /** The three states scripts see: waiting to reconnect, not yet started and closed are offline. */
  static String state(ConnectionState state) {
    switch (state) {
      case CONNECTED: return CONNECTED;
      case CONNECTING: return CONNECTING;
      default: return OFFLINE;
    }
  }

  /** Starts printing; the first line comes at once. */
  void start() {
    Thread t = new Thread(this::run, "wren-progress");
    t.setDaemon(true);
    synchronized (lock) {
      if (thread != null || closed) throw new IllegalStateException("start() once, before close()");
      thread = t;
    }
    t.start();
  }

  /** The connection is now in {@code state}: print a line for it (from the client's listener). */
  void changed(String state) {
    synchronized (lock) {
      changes.add(state);
      lock.notifyAll();
    }
  }

  private void run() {
    long due = System.nanoTime();
    while (true) {
      String event;
      synchronized (lock) {
        if (closed) return;
        event = changes.poll();
        if (event == null) {
          long wait = Math.min(due - System.nanoTime(),
              TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
          if (wait > 0) {
            try {
              TimeUnit.NANOSECONDS.timedWait(lock, wait);
            } catch (InterruptedException e) {
              return; // close() interrupts only if the thread does not end by itself
            }
            if (closed) return;
            event = changes.poll();
          }
        }
      }
      ClientStatistics s = client.statistics();
      String state = event != null ? event : state(s.state());
      long now = System.nanoTime();
      if (!state.equals(lastState) || now - due >= 0) {
        print(line(state, s));
        lastState = state;
        due = now + periodNanos;
      }
    }
  }

  private void print(String line) {
    out.println(line);
    out.flush();
  }

  /** Stops the thread and, if it was started, prints a last line with the state as it is now. */
  @Override public void close() {
    Thread t;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      t = thread;
      lock.notifyAll();
    }
    if (t == null) return;
    boolean interrupted = false;
    try {
      t.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (t.isAlive()) t.interrupt();
    if (interrupted) Thread.currentThread().interrupt();
    print(line(client.statistics()));
  }
}
