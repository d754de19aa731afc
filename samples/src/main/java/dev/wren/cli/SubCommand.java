package dev.wren.cli;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.Subscription;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren sub}: connects, subscribes to every {@code -t} filter in one SUBSCRIBE, and prints
 * each message as it arrives (flushed, in arrival order) until {@code -C} messages arrived,
 * {@code -W} seconds passed, the connection is lost, or the process is asked to stop.
 */
final class SubCommand {
  private final CliOptions o;
  private final PrintStream stdout;
  private final boolean stopOnSignal;
  private final SubOutput output;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Object lock = new Object();
  private int received;
  private boolean outputClosed;

  /** @param stopOnSignal disconnect cleanly on SIGINT/SIGTERM (only for a real process) */
  SubCommand(CliOptions o, PrintStream stdout, boolean stopOnSignal) {
    this.o = o;
    this.stdout = stdout;
    this.stopOnSignal = stopOnSignal;
    this.output = new SubOutput(o.verbose, !o.noNewline);
  }

  int run() throws CliException, InterruptedException {
    // With -c the broker may send the session's stored messages right after CONNACK, before the
    // SUBACK gives them a handler: print those too, as mosquitto_sub does.
    // One handler instance for every filter: the SDK calls a handler once per message, however
    // many of its filters overlap ("a/#" and "a/+").
    MessageHandler handler = this::onMessage;
    MqttClient client = new MqttClient(ClientSetup.options(o, "wren-sub").toBuilder()
        .defaultHandler(handler).build());
    StopHook hook = stopOnSignal ? StopHook.install("wren-sub-stop", done::countDown) : null;
    try {
      ClientSetup.connect(client);
      List<Subscription> subscriptions = new ArrayList<>();
      for (String filter : o.topics) {
        subscriptions.add(new Subscription(filter, o.qos, handler));
      }
      try {
        client.subscribe(subscriptions);
      } catch (MqttException e) {
        throw Errors.fromMqtt(e, "subscribing to " + String.join(", ", o.topics));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("-t: " + Errors.oneLine(e.getMessage()));
      }
      return waitUntilDone(client);
    } finally {
      ClientSetup.close(client);
      if (hook != null) hook.finished();
    }
  }

  private int waitUntilDone(MqttClient client) throws CliException, InterruptedException {
    long deadline = o.waitSeconds > 0
        ? System.nanoTime() + TimeUnit.SECONDS.toNanos(o.waitSeconds) : Long.MAX_VALUE;
    while (!done.await(50, TimeUnit.MILLISECONDS)) {
      if (!client.isConnected()) {
        if (done.getCount() == 0) break;
        throw Errors.lost();
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
    synchronized (lock) {
      if (done.getCount() == 0 || outputClosed) return;
      byte[] bytes = output.format(message);
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
}
