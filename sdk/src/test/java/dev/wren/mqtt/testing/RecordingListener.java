package dev.wren.mqtt.testing;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClientListener} that records every event as a line ("connected tcp://… session=false",
 * "disconnected … reconnect=true: cause", "reconnecting 1 after 1000 ms", "dropped topic: why"),
 * so tests can take them in order and wait for them.
 */
public final class RecordingListener extends ClientListener {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private volatile MqttException lastCause;

  @Override public void connected(String serverUri, boolean sessionPresent) {
    add("connected " + serverUri + " session=" + sessionPresent);
  }

  @Override public void disconnected(String serverUri, MqttException cause, boolean willReconnect) {
    lastCause = cause;
    add("disconnected " + serverUri + " reconnect=" + willReconnect + ": " + cause.getMessage());
  }

  @Override public void reconnecting(int attempt, long delayMillis) {
    add("reconnecting " + attempt + " after " + delayMillis + " ms");
  }

  @Override public void messageDropped(Message message, String reason) {
    add("dropped " + message.topic() + ": " + reason);
  }

  private synchronized void add(String event) {
    all.add(event);
    events.add(event);
  }

  /** The next event that starts with {@code prefix}, skipping others; fails after the timeout. */
  public String take(String prefix, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = deadline - System.nanoTime();
      String e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no event starting with '" + prefix + "' within " + timeoutMillis
            + " ms; all events: " + all());
      }
      if (e.startsWith(prefix)) return e;
    }
  }

  public synchronized List<String> all() {
    return new ArrayList<>(all);
  }

  public MqttException lastCause() {
    return lastCause;
  }
}
