package dev.wren.cli;

import dev.wren.mqtt.ClientListener;
import dev.wren.mqtt.Completion;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.PacketInfo;
import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.Subscription;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren sub}: connects, subscribes to every {@code -t} filter in one SUBSCRIBE, unsubscribes
 * from the {@code -U} ones, and prints each message as it arrives (flushed, in arrival order)
 * until {@code -C} messages were printed, {@code -W} seconds passed, {@code -E} (once subscribed),
 * {@code --retained-only} met a message that is not retained, the connection is lost, or the
 * process is asked to stop. Which messages print follows mosquitto_sub: {@code -R} skips
 * retained ones, {@code -T} those on matching topics, {@code --random-filter} a share; skipped
 * ones do not count for {@code -C}.
 */
final class SubCommand {
  private final CliOptions o;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final boolean stopOnSignal;
  private final SubOutput output;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Object lock = new Object();
  private final Packets packets;
  private volatile MqttException lostBecause;
  private MqttClient client;
  private int received;
  private boolean outputClosed;

  /**
   * @param stderr -d's packet lines and %J's complaints
   * @param stopOnSignal disconnect cleanly on SIGINT/SIGTERM (only for a real process)
   */
  SubCommand(CliOptions o, PrintStream stdout, PrintStream stderr, boolean stopOnSignal) {
    this.o = o;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stopOnSignal = stopOnSignal;
    this.output = new SubOutput(o.verbose, !o.noNewline);
    this.packets = new Packets();
  }

  /**
   * The packet id of the PUBLISH being handled, for %m: the listener hears of each PUBLISH on the
   * I/O thread just before its message reaches the handler, on the same thread. Passes packets
   * on to -d's output.
   */
  private static final class Packets extends PacketListener {
    volatile DebugOutput debug;
    int lastPublishId;
    /** QoS 1 and 2 messages received whose last acknowledgement has not been sent yet. */
    private final java.util.Set<Integer> unsettled = new java.util.HashSet<>();

    @Override public void sent(PacketInfo p) {
      DebugOutput d = debug;
      if (d != null) d.sent(p);
      if (p.type().equals("PUBACK") || p.type().equals("PUBCOMP")) {
        synchronized (unsettled) {
          unsettled.remove(p.packetId());
          unsettled.notifyAll();
        }
      }
    }

    @Override public void received(PacketInfo p) {
      if (p.type().equals("PUBLISH")) {
        lastPublishId = p.packetId();
        if (p.qos() > 0) {
          synchronized (unsettled) {
            unsettled.add(p.packetId());
          }
        }
      }
      DebugOutput d = debug;
      if (d != null) d.received(p);
    }

    /**
     * Waits until every QoS 1 and 2 message received is acknowledged (PUBACK, PUBCOMP), so that
     * the DISCONNECT does not overtake them: the SDK acknowledges after the handler returns, and
     * the broker would send an unacknowledged message again to a persistent session.
     */
    void awaitSettled(long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      synchronized (unsettled) {
        while (!unsettled.isEmpty()) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) return;
          unsettled.wait(left);
        }
      }
    }
  }

  int run() throws CliException, InterruptedException {
    // With -c the broker may send the session's stored messages right after CONNACK, before the
    // SUBACK gives them a handler: print those too, as mosquitto_sub does.
    // One handler instance for every filter: the SDK calls a handler once per message, however
    // many of its filters overlap ("a/#" and "a/+").
    MessageHandler handler = this::onMessage;
    String clientId = ClientSetup.clientId(o, "wren-sub");
    if (o.debug) packets.debug = new DebugOutput(clientId, stderr);
    client = new MqttClient(ClientSetup.options(o, clientId, packets).toBuilder()
        .defaultHandler(handler)
        // sub ends when the connection does, so it says why itself rather than reconnect.
        .reconnect(ReconnectOptions.disabled())
        .listener(new ClientListener() {
          @Override public void disconnected(String uri, MqttException cause, boolean again) {
            lostBecause = cause;
          }
        })
        .build());
    StopHook hook = stopOnSignal ? StopHook.install("wren-sub-stop", done::countDown) : null;
    try {
      ClientSetup.connect(client);
      List<Subscription> subscriptions = new ArrayList<>();
      for (String filter : o.topics) {
        subscriptions.add(new Subscription(filter, o.qos, handler));
      }
      try {
        // Both requests go out before either answer, as mosquitto_sub sends them.
        Completion<List<Qos>> subscribed = client.subscribeAsync(subscriptions);
        Completion<Void> unsubscribed = o.unsubscribe.isEmpty() ? null
            : client.unsubscribeAsync(o.unsubscribe);
        subscribed.await(o.timeoutSeconds, TimeUnit.SECONDS);
        if (unsubscribed != null) unsubscribed.await(o.timeoutSeconds, TimeUnit.SECONDS);
      } catch (MqttException e) {
        throw Errors.fromMqtt(e, "subscribing to " + Errors.shorten(String.join(", ", o.topics)));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("-t: " + Errors.oneLine(e.getMessage()));
      }
      if (o.exitAfterSubscribe) return ExitCodes.OK;
      return waitUntilDone();
    } finally {
      if (client.isConnected()) packets.awaitSettled(TimeUnit.SECONDS.toMillis(o.timeoutSeconds));
      ClientSetup.close(client);
      if (hook != null) hook.finished();
    }
  }

  private int waitUntilDone() throws CliException, InterruptedException {
    long deadline = o.waitSeconds > 0
        ? System.nanoTime() + TimeUnit.SECONDS.toNanos(o.waitSeconds) : Long.MAX_VALUE;
    while (!done.await(50, TimeUnit.MILLISECONDS)) {
      if (!client.isConnected()) {
        if (done.getCount() == 0) break;
        MqttException cause = lostBecause;
        throw new CliException(ExitCodes.CONNECTION_LOST, cause != null
            ? Errors.oneLine(cause.getMessage()) : "connection to " + o.serverUri() + " lost");
      }
      if (System.nanoTime() - deadline >= 0) {
        synchronized (lock) {
          if (o.count > 0 && received < o.count) {
            throw new CliException(ExitCodes.WAIT_EXPIRED, "-W " + o.waitSeconds
                + ": time is up after " + received + " of " + o.count + " messages (-C)");
          }
          done.countDown();
        }
        return ExitCodes.WAIT_EXPIRED;
      }
    }
    return ExitCodes.OK;
  }

  /** Runs on the client's I/O thread, one message at a time. */
  private void onMessage(Message message) {
    int packetId = packets.lastPublishId;
    synchronized (lock) {
      if (done.getCount() == 0 || outputClosed) return;
      if (o.removeRetained && message.retain()) clearRetained(message.topic());
      if (o.retainedOnly && !message.retain()) {
        done.countDown(); // the retained set is over
        return;
      }
      if (o.noRetained && message.retain()) return;
      for (String filter : o.filterOuts) {
        if (TopicCheck.matches(filter, message.topic())) return;
      }
      if (o.randomFilter < 100 && ThreadLocalRandom.current().nextDouble(100) >= o.randomFilter) {
        return;
      }
      byte[] bytes = o.format != null
          ? o.format.format(message, packetId, !o.noNewline, o.quiet ? null : stderr)
          : output.format(message);
      stdout.write(bytes, 0, bytes.length);
      stdout.flush();
      received++;
      if (stdout.checkError()) {
        outputClosed = true; // stdout closed, for example `wren sub ... | head -1`
        done.countDown();
      } else if (o.count > 0 && received >= o.count) {
        done.countDown();
      }
    }
  }

  /** --remove-retained: an empty retained message clears the topic's retained one. */
  private void clearRetained(String topic) {
    try {
      client.publish(Message.builder().topic(topic).qos(Qos.AT_LEAST_ONCE).retain(true).build());
    } catch (MqttException e) {
      if (!o.quiet) {
        stderr.println("wren: --remove-retained: could not clear " + Errors.quote(topic) + ": "
            + Errors.oneLine(e.getMessage()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
