package dev.wren.cli;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.ReconnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren pub}: connects, publishes every payload in order without waiting for each
 * acknowledgement (the SDK's in-flight window paces QoS 1 and 2), then waits until every message
 * is delivered as its QoS promises, and disconnects.
 */
final class PubCommand {
  private final CliOptions o;
  private final InputStream stdin;
  private final PrintStream stderr;

  /** @param stderr where --progress prints */
  PubCommand(CliOptions o, InputStream stdin, PrintStream stderr) {
    this.o = o;
    this.stdin = stdin;
    this.stderr = stderr;
  }

  int run() throws CliException, InterruptedException {
    String topic = o.topics.get(0);
    PayloadSource payloads = PayloadSource.of(o, o.payloadKind == CliOptions.PayloadKind.LINES
        || o.payloadKind == CliOptions.PayloadKind.STDIN ? stdin : InputStream.nullInputStream());
    String clientId = ClientSetup.clientId(o, "wren-pub");
    MqttClient client = new MqttClient(ClientSetup.options(o, clientId,
        o.debug ? new DebugOutput(clientId, stderr) : null).toBuilder()
        // One message: pub ends when the connection does and says why itself. Lines (-l) are a
        // stream that may outlive a broker restart: reconnect and send on, as mosquitto_pub -l
        // does; what was handed over waits in the queue meanwhile.
        .reconnect(o.payloadKind == CliOptions.PayloadKind.LINES
            ? ReconnectOptions.defaults() : ReconnectOptions.disabled())
        .build());
    Progress progress = o.progress ? new Progress(client, stderr, 1, TimeUnit.SECONDS) : null;
    try {
      if (progress != null) progress.start();
      ClientSetup.connect(client);
      ArrayDeque<Delivery> pending = new ArrayDeque<>();
      long sent = 0;
      byte[] payload;
      while ((payload = nextPayload(payloads)) != null) {
        Message message = Mqtt5Flags.publish(Message.builder(), o)
            .topic(topic).payload(payload).qos(o.qos).retain(o.retain).build();
        for (int r = 0; r < o.repeat; r++) {
          if (r > 0) {
            // --repeat: the next copy once the last was delivered, and --repeat-delay after it.
            awaitAll(pending, topic);
            if (o.repeatDelayMillis > 0) Thread.sleep(o.repeatDelayMillis);
          }
          sent++;
          try {
            pending.add(client.publish(message));
          } catch (MqttException e) {
            throw Errors.fromMqtt(e, "publishing message " + sent + " to "
                + Errors.quote(topic));
          } catch (IllegalArgumentException e) {
            throw CliException.usage(o.topicFlags.get(0) + " " + Errors.quote(topic) + ": "
                + Errors.oneLine(e.getMessage()));
          }
          while (!pending.isEmpty() && pending.peekFirst().isDone()) {
            checkDelivered(pending.pollFirst(), topic);
          }
        }
      }
      awaitAll(pending, topic);
      return ExitCodes.OK;
    } finally {
      if (progress != null) progress.close();
      ClientSetup.close(client);
    }
  }

  /** Waits until every message in {@code pending} is delivered as its QoS promises. */
  private void awaitAll(ArrayDeque<Delivery> pending, String topic)
      throws CliException, InterruptedException {
    while (!pending.isEmpty()) {
      Delivery delivery = pending.pollFirst();
      try {
        delivery.await(o.timeoutSeconds, TimeUnit.SECONDS);
      } catch (MqttException e) {
        throw Errors.fromMqtt(e, "waiting for the broker to acknowledge a message to "
            + Errors.quote(topic));
      }
    }
  }

  private static void checkDelivered(Delivery delivery, String topic) throws CliException {
    Throwable failure = delivery.failure();
    if (failure != null) {
      throw Errors.fromFailure(failure, "publishing to " + Errors.quote(topic));
    }
  }

  private static byte[] nextPayload(PayloadSource payloads) throws CliException {
    try {
      return payloads.next();
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
    }
  }
}
