package dev.wren.cli;

import dev.wren.mqtt.ClientStatistics;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.ReconnectOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The second part of {@code wren demo}: a {@link Gateway} publishes QoS 1 readings through a file
 * queue in a temp directory while the embedded broker is stopped for a few seconds and started
 * again on the same port; a subscriber counts the readings that arrive. Status lines show the
 * queue growing and draining; the last line is
 * {@code demo: gateway through a broker restart: sent N, received N, lost 0}.
 *
 * <p>Moquette keeps no sessions across a restart: readings that reached it before the subscriber
 * had subscribed again would go nowhere. So both clients wait out a long backoff once the broker
 * is gone, and when it is back the demo wakes them with {@code reconnectNow()}, as an app does on a
 * network change: first the subscriber (the SDK subscribes again by itself; a probe message shows
 * when that took effect), then the gateway. Not thread-safe: one run.
 */
final class GatewayDemo {
  static final int SENSORS = 3;
  static final double RATE_HZ = 20;
  static final long READINGS = 360;
  private static final long UP_MILLIS = 1_500;
  private static final long DOWN_MILLIS = 3_000;
  private static final String TOPIC = "demo/sensors";
  private static final String PROBE = TOPIC + "/probe";
  /** Longer than the demo: the clients reconnect when the demo says so. */
  private static final ReconnectOptions HELD = ReconnectOptions.builder()
      .initialDelay(60, TimeUnit.SECONDS).maxDelay(60, TimeUnit.SECONDS).jitter(0).build();

  private final EmbeddedBroker broker;
  private final PrintStream stdout;
  private final long timeoutMillis;
  private final Object lock = new Object();
  private final Set<Long> arrived = new HashSet<>();
  private int duplicates;
  private int probesArrived;

  GatewayDemo(EmbeddedBroker broker, PrintStream stdout, int timeoutSeconds) {
    this.broker = broker;
    this.stdout = stdout;
    this.timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
  }

  int run() throws CliException, InterruptedException {
    Path dir;
    try {
      dir = Files.createTempDirectory("wren-demo-queue-");
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERROR, "cannot make a temp directory for the demo's"
          + " queue: " + Errors.oneLine(e.getMessage()));
    }
    try {
      return run(dir);
    } finally {
      delete(dir);
    }
  }

  private int run(Path dir) throws CliException, InterruptedException {
    say("now a gateway publishes " + SENSORS + " sensors x " + (int) RATE_HZ + " readings/s (QoS 1)"
        + " through a file queue in " + dir);
    MqttClient watcher = new MqttClient(MqttOptions.builder()
        .serverUri(broker.uri()).clientId("wren-demo-watch").reconnect(HELD).build());
    ClientEvents events = new ClientEvents();
    MqttClient client = new MqttClient(MqttOptions.builder()
        .serverUri(broker.uri())
        .clientId("wren-demo-gateway")
        .cleanSession(false)
        .queue(QueueOptions.files(dir.toFile()).build())
        .reconnect(HELD)
        .listener(events)
        .build());
    Gateway gateway = new Gateway(client, TOPIC, SENSORS, RATE_HZ, READINGS);
    Progress progress = new Progress(client, stdout, 1, TimeUnit.SECONDS);
    events.reportTo(progress);
    GatewayThread publishing = new GatewayThread(gateway);
    try {
      ClientSetup.connect(watcher);
      broker.awaitConnected(watcher.options().clientId(), 2000);
      try {
        watcher.subscribe(TOPIC + "/#", Qos.AT_LEAST_ONCE, this::onMessage);
      } catch (MqttException e) {
        throw Errors.fromMqtt(e, "subscribing to " + TOPIC + "/#");
      }
      ClientSetup.connect(client);
      broker.awaitConnected(client.options().clientId(), 2000);
      progress.start();
      publishing.start();

      Thread.sleep(UP_MILLIS);
      say("stopping the broker for " + TimeUnit.MILLISECONDS.toSeconds(DOWN_MILLIS) + " s");
      long stopped = System.nanoTime();
      stopBroker(gateway, client, watcher);
      long left = DOWN_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
      if (left > 0) Thread.sleep(left);
      try {
        broker.restart(); // after stop() has returned: both are synchronized
      } catch (IOException e) {
        throw new CliException(ExitCodes.ERROR, Errors.oneLine(e.getMessage()));
      }
      say("broker started again on port " + broker.port()
          + "; reconnecting the subscriber, then the gateway");
      awaitWatcherBack(watcher);
      drain(client, publishing);
      publishing.check();
      int received = awaitArrivals(gateway.published());
      progress.close();
      return report(gateway.published(), received);
    } finally {
      gateway.stop();
      publishing.join();
      progress.close();
      ClientSetup.close(client);
      ClientSetup.close(watcher);
    }
  }

  /**
   * Stops the broker in the background, holding the gateway's readings from the moment the
   * subscriber has everything the broker acknowledged until both connections are gone. Moquette
   * closes its connections one by one and keeps nothing: a reading it acknowledged after the
   * subscriber's connection had closed would be the broker's loss, not the gateway's, and this
   * demo counts the gateway's. The stop itself takes Moquette a few seconds; the gateway goes on
   * publishing into its queue meanwhile.
   */
  private void stopBroker(Gateway gateway, MqttClient client, MqttClient watcher)
      throws InterruptedException {
    gateway.pause();
    try {
      long quietBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!quiet(client) && System.nanoTime() - quietBy < 0) Thread.sleep(5);
      Thread stopping = new Thread(broker::stop, "wren-demo-broker-stop");
      stopping.setDaemon(true);
      stopping.start();
      long goneBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((client.isConnected() || watcher.isConnected()) && System.nanoTime() - goneBy < 0) {
        Thread.sleep(5);
      }
    } finally {
      gateway.resume();
    }
  }

  /** Nothing in flight, and the subscriber has every reading the broker acknowledged. */
  private boolean quiet(MqttClient client) {
    ClientStatistics s = client.statistics();
    synchronized (lock) {
      return s.queued() == 0 && arrived.size() >= s.acknowledged();
    }
  }

  /** Wakes the subscriber until a probe it publishes comes back: its subscription is in place. */
  private void awaitWatcherBack(MqttClient watcher) throws CliException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int probes = 0;
    while (System.nanoTime() - deadline < 0) {
      if (watcher.state() == ConnectionState.WAITING_TO_RECONNECT) watcher.reconnectNow();
      if (watcher.isConnected()) {
        try {
          watcher.publish(Message.of(PROBE, Integer.toString(++probes), Qos.AT_MOST_ONCE, false));
        } catch (MqttException e) {
          Logger.debug(e, "probe {} not sent; the subscriber is reconnecting", probes);
        }
        synchronized (lock) {
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
          long left;
          while (probesArrived == 0 && (left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          }
          if (probesArrived > 0) return;
        }
      } else {
        Thread.sleep(20);
      }
    }
    throw new CliException(ExitCodes.ERROR, "the demo's subscriber did not come back within "
        + timeoutMillis / 1000 + " s after the broker restarted");
  }

  /**
   * Wakes the gateway whenever it waits to reconnect (Moquette may drop a connection whose first
   * packet follows CONNACK too closely), until it has published every reading and its queue is
   * empty.
   */
  private void drain(MqttClient client, GatewayThread publishing)
      throws CliException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (publishing.isAlive() || client.statistics().queued() > 0) {
      if (client.state() == ConnectionState.WAITING_TO_RECONNECT) client.reconnectNow();
      if (System.nanoTime() - deadline > 0) {
        throw new CliException(ExitCodes.ERROR, "the demo's gateway did not empty its queue"
            + " within " + timeoutMillis / 1000 + " s: " + Progress.line(client.statistics()));
      }
      Thread.sleep(20);
    }
  }

  private int awaitArrivals(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (lock) {
      long left;
      while (arrived.size() < expected && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return arrived.size();
    }
  }

  private int report(long sent, int received) {
    int twice;
    synchronized (lock) {
      twice = duplicates;
    }
    if (twice > 0) {
      say(twice + (twice == 1 ? " reading" : " readings") + " arrived twice: QoS 1 is at least"
          + " once, and the broker stopped before its acknowledgement reached the gateway");
    }
    long lost = sent - received;
    say("gateway through a broker restart: sent " + sent + ", received " + received + ", lost "
        + lost);
    return lost == 0 ? ExitCodes.OK : ExitCodes.ERROR;
  }

  /** On the subscriber's I/O thread. */
  private void onMessage(Message m) {
    synchronized (lock) {
      if (m.topic().equals(PROBE)) {
        probesArrived++;
      } else if (!arrived.add(Gateway.seqOf(m.payloadAsString()))) {
        duplicates++;
      }
      lock.notifyAll();
    }
  }

  private void say(String line) {
    stdout.println("demo: " + line);
    stdout.flush();
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      Logger.warn("could not delete the demo's queue directory {}: {}", dir, e.getMessage());
    }
  }

  /** Runs the gateway and keeps what ended it. */
  private static final class GatewayThread extends Thread {
    private final Gateway gateway;
    private volatile Exception failure;

    GatewayThread(Gateway gateway) {
      super("wren-demo-gateway");
      setDaemon(true);
      this.gateway = gateway;
    }

    @Override public void run() {
      try {
        gateway.run();
      } catch (MqttException | InterruptedException e) {
        failure = e;
      }
    }

    /** Throws what ended the gateway early, if anything did. */
    void check() throws CliException {
      Exception e = failure;
      if (e instanceof MqttException) throw Errors.fromMqtt((MqttException) e, "publishing");
      if (e != null) throw new CliException(ExitCodes.ERROR, "the gateway stopped: " + e);
    }
  }
}
