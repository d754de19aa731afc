package dev.wren.cli;

import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.UserProperty;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren demo}: one subscriber and one publisher exchange two messages at each QoS, through an
 * embedded broker, or through the broker that -h/-p/-L name. With the embedded broker, a
 * {@link GatewayDemo} follows: a gateway publishing through a file queue while the broker
 * restarts. Exits 0 when nothing was lost. With {@code -V mqttv5} (only with -h/-p/-L: the
 * embedded Moquette 0.17 speaks MQTT 3.1.1 only) both clients speak MQTT 5.0 and one more
 * message carries a user property, which the subscriber prints.
 */
final class DemoCommand {
  /** The demo's messages: QoS, topic (under the prefix) and payload. */
  static final List<Message> MESSAGES = List.of(
      Message.of("demo/greeting", "hello", Qos.AT_MOST_ONCE, false),
      Message.of("demo/greeting", "hello again", Qos.AT_MOST_ONCE, false),
      Message.of("demo/counter", "1", Qos.AT_LEAST_ONCE, false),
      Message.of("demo/counter", "2", Qos.AT_LEAST_ONCE, false),
      Message.of("demo/exact", "once", Qos.EXACTLY_ONCE, false),
      Message.of("demo/exact", "only once", Qos.EXACTLY_ONCE, false));

  /** With -V mqttv5: one more message, with a user property the subscriber prints. */
  static final Message MQTT5_MESSAGE = Message.builder().topic("demo/properties")
      .payload("hello 5.0").qos(Qos.AT_MOST_ONCE).userProperty("demo", "mqtt5").build();

  private final CliOptions o;
  private final PrintStream stdout;
  private final List<Message> messages;
  private final Object lock = new Object();
  private final Set<String> arrived = new HashSet<>();

  DemoCommand(CliOptions o, PrintStream stdout) {
    this.o = o;
    this.stdout = stdout;
    List<Message> all = new ArrayList<>(MESSAGES);
    if (o.protocolVersion == ProtocolVersion.MQTT_5_0) all.add(MQTT5_MESSAGE);
    this.messages = all;
  }

  int run() throws CliException, InterruptedException {
    if (o.brokerGiven()) return exchange(o, uniquePrefix(), null);
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start();
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERROR,
          "cannot start the embedded broker: " + Errors.oneLine(e.getMessage()));
    }
    try {
      o.host = "127.0.0.1";
      o.port = broker.port();
      int exchanged = exchange(o, "", broker);
      int restarted = new GatewayDemo(broker, stdout, o.timeoutSeconds).run();
      return exchanged != ExitCodes.OK ? exchanged : restarted;
    } finally {
      broker.close();
    }
  }

  /** On a shared broker, topics get a unique prefix so that two demos do not mix. */
  private static String uniquePrefix() {
    return ClientSetup.generatedId("wren") + "/";
  }

  /** @param embedded the broker in this process, or null */
  private int exchange(CliOptions o, String prefix, EmbeddedBroker embedded)
      throws CliException, InterruptedException {
    String server = o.serverUri();
    MqttClient subscriber = new MqttClient(ClientSetup.options(o, "wren-demo-sub"));
    MqttClient publisher = null;
    try {
      ClientSetup.connect(subscriber);
      if (embedded != null) embedded.awaitConnected(subscriber.options().clientId(), 2000);
      try {
        subscriber.subscribe(prefix + "demo/#", Qos.EXACTLY_ONCE, m -> onMessage(m, prefix));
      } catch (MqttException e) {
        throw Errors.fromMqtt(e, "subscribing to " + prefix + "demo/#");
      }
      publisher = new MqttClient(ClientSetup.options(o, "wren-demo-pub"));
      ClientSetup.connect(publisher);
      if (embedded != null) embedded.awaitConnected(publisher.options().clientId(), 2000);
      List<Delivery> deliveries = new ArrayList<>();
      for (Message m : messages) {
        try {
          deliveries.add(publisher.publish(m.toBuilder().topic(prefix + m.topic()).build()));
        } catch (MqttException e) {
          throw Errors.fromMqtt(e, "publishing to " + prefix + m.topic());
        }
      }
      for (Delivery d : deliveries) {
        try {
          d.await(o.timeoutSeconds, TimeUnit.SECONDS);
        } catch (MqttException e) {
          throw Errors.fromMqtt(e, "waiting for the broker to acknowledge " + d.message().topic());
        }
      }
      int received = awaitArrivals(TimeUnit.SECONDS.toNanos(Math.min(5, o.timeoutSeconds)));
      int lost = messages.size() - received;
      stdout.println("demo: sent " + messages.size() + ", received " + received + ", lost " + lost
          + " (QoS 0/1/2 over " + server
          + (o.protocolVersion == ProtocolVersion.MQTT_5_0 ? ", MQTT 5.0" : "") + ")");
      stdout.flush();
      return lost == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    } finally {
      ClientSetup.close(publisher);
      ClientSetup.close(subscriber);
    }
  }

  private int awaitArrivals(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (lock) {
      while (arrived.size() < messages.size()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return arrived.size();
    }
  }

  /** On the subscriber's I/O thread. */
  private void onMessage(Message m, String prefix) {
    String topic = m.topic().startsWith(prefix) ? m.topic().substring(prefix.length()) : m.topic();
    synchronized (lock) {
      boolean first = arrived.add(topic + "\u0000" + m.payloadAsString());
      StringBuilder properties = new StringBuilder();
      for (UserProperty p : m.userProperties()) {
        properties.append(" (user property ").append(p.name()).append('=').append(p.value())
            .append(')');
      }
      stdout.println("received qos=" + m.qos().value() + " " + topic + ": " + m.payloadAsString()
          + properties + (first ? "" : " (duplicate)"));
      stdout.flush();
      lock.notifyAll();
    }
  }
}
