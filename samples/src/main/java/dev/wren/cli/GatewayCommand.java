package dev.wren.cli;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren gateway}: a {@link Gateway} publishing through a file queue, with a status line on
 * stdout every second and on each change of the connection. It starts whether or not the broker is
 * up and rides out outages (the readings wait in the queue). It runs until interrupted (Ctrl-C
 * or SIGTERM: it stops, disconnects, and what is unacknowledged stays in the directory), or, with
 * {@code -C COUNT}, until COUNT readings were published and acknowledged.
 */
final class GatewayCommand {
  private static final String DEFAULT_PREFIX = "sensors";

  private final CliOptions o;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final boolean stopOnSignal;
  private volatile boolean signalled;

  /**
   * @param stderr a line for each reading dropped unsent at its deadline (--expiry)
   * @param stopOnSignal stop cleanly on SIGINT/SIGTERM (only for a real process)
   */
  GatewayCommand(CliOptions o, PrintStream stdout, PrintStream stderr, boolean stopOnSignal) {
    this.o = o;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stopOnSignal = stopOnSignal;
  }

  int run() throws CliException, InterruptedException {
    String prefix = o.topics.isEmpty() ? DEFAULT_PREFIX : o.topics.get(0);
    ClientEvents events = new ClientEvents();
    events.reportExpiredTo(stderr);
    MqttClient client = new MqttClient(QueueSetup.options(o, events, QueueSetup.RECONNECT));
    Gateway gateway = new Gateway(client, prefix, o.sensors, o.rateHz, o.count,
        m -> Mqtt5Flags.publish(m, o));
    Progress progress = new Progress(client, stdout, 1, TimeUnit.SECONDS);
    events.reportTo(progress);
    events.onGiveUp(gateway::stop);
    StopHook hook = stopOnSignal ? StopHook.install("wren-gateway-stop", () -> {
      signalled = true;
      gateway.stop();
    }) : null;
    try {
      Completion<Boolean> first;
      try {
        first = client.connectAsync();
      } catch (MqttException e) {
        throw QueueSetup.openFailure(e);
      }
      first.whenDone((sessionPresent, failure) -> {
        if (failure != null) events.gaveUp(failure);
      });
      progress.start();
      try {
        gateway.run();
      } catch (MqttException e) {
        throw QueueSetup.failure(e, "publishing to " + prefix, o.queueDir,
            client.statistics().queued());
      }
      while (o.count > 0 && !signalled && client.statistics().queued() > 0
          && events.gaveUp() == null) {
        Thread.sleep(20);
      }
      MqttException gaveUp = events.gaveUp();
      if (gaveUp != null) {
        throw QueueSetup.failure(gaveUp, "connecting to " + client.options().serverUri(),
            o.queueDir, client.statistics().queued());
      }
      return ExitCodes.OK;
    } finally {
      progress.close();
      ClientSetup.close(client);
      if (hook != null) hook.finished();
    }
  }
}
