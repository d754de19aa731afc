package dev.wren.cli;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.Qos;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The simulated sensors behind {@code wren gateway} and the demo: every {@code 1/rate} seconds each
 * of {@code sensors} sensors takes a temperature reading, published at QoS 1 to
 * {@code PREFIX/s1}, {@code PREFIX/s2}, ... as
 * {@code {"sensor":"s1","seq":123,"t":21.4,"ts":1712345678901}}. {@code seq} numbers the readings
 * of this run from 1 across all sensors, so a subscriber can tell what is missing; {@code ts} is
 * the time of the reading in milliseconds since 1970.
 *
 * <p>{@link #run()} publishes on the caller's thread; the client queues what it cannot send yet.
 * {@link #stop()}, {@link #pause()}, {@link #resume()} and {@link #published()} may be called from
 * any thread.
 */
final class Gateway {
  private final MqttClient client;
  private final String prefix;
  private final int sensors;
  private final long periodNanos;
  private final long count;
  private final int expirySeconds;
  private final UnaryOperator<Message.Builder> properties;
  private final double[] temperatures;
  private final Random random = new Random();
  private final Object lock = new Object();
  private volatile long published;
  private boolean stopped;
  private boolean paused;
  private boolean publishing;

  /** @param count readings to publish, or 0 for no limit */
  Gateway(MqttClient client, String prefix, int sensors, double rateHz, long count) {
    this(client, prefix, sensors, rateHz, count, 0);
  }

  /** @param expirySeconds how long a reading may wait in the queue, or 0 for no limit */
  Gateway(MqttClient client, String prefix, int sensors, double rateHz, long count,
      int expirySeconds) {
    this(client, prefix, sensors, rateHz, count, expirySeconds, UnaryOperator.identity());
  }

  /**
   * @param properties adds what each reading carries besides topic, payload and QoS: the
   *     command line's --expiry and -D publish properties
   */
  Gateway(MqttClient client, String prefix, int sensors, double rateHz, long count,
      UnaryOperator<Message.Builder> properties) {
    this(client, prefix, sensors, rateHz, count, 0, properties);
  }

  private Gateway(MqttClient client, String prefix, int sensors, double rateHz, long count,
      int expirySeconds, UnaryOperator<Message.Builder> properties) {
    this.properties = properties;
    if (sensors < 1) throw new IllegalArgumentException("sensors < 1: " + sensors);
    if (!(rateHz > 0)) throw new IllegalArgumentException("rate must be positive: " + rateHz);
    if (count < 0) throw new IllegalArgumentException("count < 0: " + count);
    if (expirySeconds < 0) throw new IllegalArgumentException("expirySeconds < 0: " + expirySeconds);
    this.expirySeconds = expirySeconds;
    this.client = client;
    this.prefix = prefix;
    this.sensors = sensors;
    this.periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rateHz);
    this.count = count;
    this.temperatures = new double[sensors];
    for (int i = 0; i < sensors; i++) temperatures[i] = 20 + i % 5;
  }

  /**
   * Publishes readings until {@code count} were handed to the client or {@link #stop()}.
   *
   * @throws MqttException when the client cannot queue a reading (queue full, storage failure)
   */
  void run() throws MqttException, InterruptedException {
    long due = System.nanoTime();
    while (true) {
      for (int i = 0; i < sensors; i++) {
        if (!startPublishing()) return;
        try {
          publish(i);
        } finally {
          donePublishing();
        }
      }
      due += periodNanos;
      synchronized (lock) {
        long wait;
        while (!stopped && (wait = due - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, wait);
        }
      }
      // Behind by more than a period (a full queue made publish wait): skip, do not burst.
      if (System.nanoTime() - due > periodNanos) due = System.nanoTime();
    }
  }

  /** Waits while paused; false when the run is over. */
  private boolean startPublishing() throws InterruptedException {
    synchronized (lock) {
      while (paused && !stopped) lock.wait();
      if (stopped || (count > 0 && published >= count)) return false;
      publishing = true;
      return true;
    }
  }

  private void donePublishing() {
    synchronized (lock) {
      publishing = false;
      lock.notifyAll();
    }
  }

  private void publish(int sensor) throws MqttException, InterruptedException {
    double t = temperatures[sensor] + (random.nextDouble() - 0.5) * 0.4;
    temperatures[sensor] = Math.max(-40, Math.min(85, t));
    long seq = published + 1;
    String name = "s" + (sensor + 1);
    Message.Builder reading = properties.apply(Message.builder())
        .topic(prefix + "/" + name)
        .payload(reading(name, seq, temperatures[sensor], System.currentTimeMillis()))
        .qos(Qos.AT_LEAST_ONCE);
    if (expirySeconds > 0) reading.expiresAfter(expirySeconds, TimeUnit.SECONDS);
    client.publish(reading.build());
    published = seq;
  }

  /** The JSON of one reading. */
  static String reading(String sensor, long seq, double celsius, long timeMillis) {
    return String.format(Locale.ROOT, "{\"sensor\":\"%s\",\"seq\":%d,\"t\":%.1f,\"ts\":%d}",
        sensor, seq, celsius, timeMillis);
  }

  /** The {@code seq} of a reading's JSON, or -1 when it has none. */
  static long seqOf(String json) {
    int at = json.indexOf("\"seq\":");
    if (at < 0) return -1;
    int start = at + 6;
    int end = start;
    while (end < json.length() && Character.isDigit(json.charAt(end))) end++;
    if (end == start) return -1;
    try {
      return Long.parseLong(json.substring(start, end));
    } catch (NumberFormatException e) {
      return -1; // more digits than a long: not one of ours
    }
  }

  /** Readings handed to the client so far. */
  long published() {
    return published;
  }

  /**
   * Holds the readings until {@link #resume()}: returns once none is being published. Readings
   * due meanwhile are taken later, not all at once.
   */
  void pause() throws InterruptedException {
    synchronized (lock) {
      paused = true;
      while (publishing) lock.wait();
    }
  }

  void resume() {
    synchronized (lock) {
      paused = false;
      lock.notifyAll();
    }
  }

  /** Ends {@link #run()} after the reading being published, if any. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
  }
}
