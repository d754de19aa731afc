package dev.wren.cli;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
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
    MqttClient client = new MqttClient(ClientSetup.options(o, "wren-pub"));
    Progress progress = o.progress ? new Progress(client, stderr, 1, TimeUnit.SECONDS) : null;
    try {
      if (progress != null) progress.start();
      ClientSetup.connect(client);
      ArrayDeque<Delivery> pending = new ArrayDeque<>();
      long sent = 0;
      byte[] payload;
      while ((payload = nextPayload(payloads)) != null) {
        Message message = Message.builder()
            .topic(topic).payload(payload).qos(o.qos).retain(o.retain).build();
        sent++;
        try {
          pending.add(client.publish(message));
        } catch (MqttException e) {
          throw Errors.fromMqtt(e, "publishing message " + sent + " to " + topic);
        } catch (IllegalArgumentException e) {
          throw CliException.usage("-t " + topic + ": " + Errors.oneLine(e.getMessage()));
        }
        while (!pending.isEmpty() && pending.peekFirst().isDone()) {
          checkDelivered(pending.pollFirst(), topic);
        }
      }
      while (!pending.isEmpty()) {
        Delivery delivery = pending.pollFirst();
        try {
          delivery.await(o.timeoutSeconds, TimeUnit.SECONDS);
        } catch (MqttException e) {
          throw Errors.fromMqtt(e, "waiting for the broker to acknowledge a message to " + topic);
        }
      }
      return ExitCodes.OK;
    } finally {
      if (progress != null) progress.close();
      ClientSetup.close(client);
    }
  }

  private static void checkDelivered(Delivery delivery, String topic) throws CliException {
    Throwable failure = delivery.failure();
    if (failure != null) {
      throw Errors.fromFailure(failure, "publishing to " + topic);
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
