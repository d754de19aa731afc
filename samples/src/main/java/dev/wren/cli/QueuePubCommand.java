package dev.wren.cli;

import dev.wren.mqtt.ClientStatistics;
import dev.wren.mqtt.Completion;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren pub --queue-dir DIR}: every message goes into the file queue in DIR first, so it is
 * kept whether or not the broker is up (with {@code -l}, each line as it is read), and pub exits 0
 * once the queue is empty: everything it holds, from this run or an earlier one, acknowledged.
 * {@code --drain} sends only what DIR already holds.
 *
 * <p>The client connects in the background and reconnects by itself. After the input ends, pub
 * gives up when nothing was acknowledged for {@code --timeout} seconds (exit 5), or when the broker
 * refuses it (exit 4); the messages stay in DIR, and the error line says how many.
 */
final class QueuePubCommand {
  private final CliOptions o;
  private final InputStream stdin;
  private final PrintStream stderr;

  QueuePubCommand(CliOptions o, InputStream stdin, PrintStream stderr) {
    this.o = o;
    this.stdin = stdin;
    this.stderr = stderr;
  }

  int run() throws CliException, InterruptedException {
    ClientEvents events = new ClientEvents();
    events.reportExpiredTo(stderr);
    MqttClient client = new MqttClient(QueueSetup.options(o, events, QueueSetup.RECONNECT));
    Progress progress = o.progress ? new Progress(client, stderr, 1, TimeUnit.SECONDS) : null;
    events.reportTo(progress);
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
      if (progress != null) progress.start();
      if (!o.drain) publishAll(client, events);
      awaitEmpty(client, events);
      return ExitCodes.OK;
    } finally {
      if (progress != null) progress.close();
      reportExpired(client, events);
      ClientSetup.close(client);
    }
  }

  private void publishAll(MqttClient client, ClientEvents events)
      throws CliException, InterruptedException {
    String topic = o.topics.get(0);
    PayloadSource payloads = PayloadSource.of(o, o.payloadKind == CliOptions.PayloadKind.LINES
        || o.payloadKind == CliOptions.PayloadKind.STDIN ? stdin : InputStream.nullInputStream());
    long read = 0;
    byte[] payload;
    while ((payload = next(payloads)) != null) {
      read++;
      checkGaveUp(client, events);
      Message message = Mqtt5Flags.publish(Message.builder(), o)
          .topic(topic).payload(payload).qos(o.qos).retain(o.retain).build();
      try {
        client.publish(message);
      } catch (MqttException e) {
        throw QueueSetup.failure(e, "queueing message " + read + " to " + topic, o.queueDir,
            client.statistics().queued());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("-t " + topic + ": " + Errors.oneLine(e.getMessage()));
      }
    }
  }

  /**
   * Waits until the queue is empty. Gives up when the client did, or when no acknowledgement
   * arrived for {@code --timeout} seconds: a long queue that keeps draining never times out.
   */
  private void awaitEmpty(MqttClient client, ClientEvents events)
      throws CliException, InterruptedException {
    long idleLimit = TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
    long lastAcked = -1;
    long since = System.nanoTime();
    while (true) {
      ClientStatistics s = client.statistics();
      if (s.queued() == 0) return;
      checkGaveUp(client, events);
      long now = System.nanoTime();
      if (s.acknowledged() != lastAcked) {
        lastAcked = s.acknowledged();
        since = now;
      } else if (now - since >= idleLimit) {
        throw new CliException(ExitCodes.TIMEOUT, "timed out: nothing acknowledged for "
            + o.timeoutSeconds + " s (--timeout); " + (client.isConnected() ? "connected to "
            : "not connected to ") + client.options().serverUri()
            + QueueSetup.left(o.queueDir, s.queued()));
      }
      Thread.sleep(20);
    }
  }

  /** Says on stderr how many queued messages reached their deadline unsent, if any did. */
  private void reportExpired(MqttClient client, ClientEvents events) {
    long expired = client.statistics().expired();
    if (expired == 0) return;
    // The summary comes after each message's line, which the I/O thread prints.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (events.expiredReported() < expired && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stderr.println("wren: " + expired + (expired == 1 ? " message" : " messages")
        + " expired in " + o.queueDir + " before they could be sent"
        + (o.expirySeconds > 0 ? " (--expiry " + o.expirySeconds + ")" : "") + "; not sent");
    stderr.flush();
  }

  private void checkGaveUp(MqttClient client, ClientEvents events) throws CliException {
    MqttException gaveUp = events.gaveUp();
    if (gaveUp != null) {
      throw QueueSetup.failure(gaveUp, "connecting to " + client.options().serverUri(),
          o.queueDir, client.statistics().queued());
    }
  }

  private static byte[] next(PayloadSource payloads) throws CliException {
    try {
      return payloads.next();
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
    }
  }
}
