package dev.wren.mqtt;

import dev.wren.mqtt.internal.client.ClientCore;
import java.io.Closeable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 3.1.1 client. Thread-safe: any thread may publish, subscribe and disconnect.
 *
 * <p>While connected the client owns exactly one thread, made by the options' thread factory,
 * which reads from the socket, sends PINGREQ and calls the {@link MessageHandler}s. Handlers may
 * publish and subscribe but must not wait on what those calls return. After {@link #disconnect()},
 * a lost connection or {@link #close()}, no thread remains.
 *
 * <pre>{@code
 * MqttOptions options = MqttOptions.builder().serverUri("tcp://localhost:1883").build();
 * try (MqttClient client = new MqttClient(options)) {
 *   client.connect();
 *   client.subscribe("sensors/#", Qos.AT_LEAST_ONCE, m -> System.out.println(m.payloadAsString()));
 *   client.publish("sensors/t1", "21.5".getBytes(UTF_8), Qos.AT_LEAST_ONCE, false)
 *       .await(10, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
public final class MqttClient implements Closeable {
  private final MqttOptions options;
  private final ClientCore core;

  public MqttClient(MqttOptions options) {
    if (options == null) throw new NullPointerException("options == null");
    this.options = options;
    this.core = new ClientCore(options);
  }

  public MqttOptions options() {
    return options;
  }

  /**
   * Connects and waits for the broker's CONNACK, up to the connect timeout.
   *
   * @return whether the broker resumed a session it had for this client id
   * @throws BrokerUnreachableException when the TCP connection cannot be made
   * @throws ConnectionRefusedException when the broker refuses (a subclass per return code)
   * @throws MqttTimeoutException when no CONNACK arrives in time
   * @throws IllegalStateException when already connected or closed
   */
  public boolean connect() throws MqttException, InterruptedException {
    return core.connect();
  }

  /** True between a successful {@link #connect()} and the end of that connection. */
  public boolean isConnected() {
    return core.isConnected();
  }

  /** Publishes; see {@link #publish(Message, long, TimeUnit)}. */
  public Delivery publish(String topic, byte[] payload, Qos qos, boolean retain)
      throws MqttException, InterruptedException {
    Message message = Message.builder().topic(topic).payload(payload).qos(qos).retain(retain).build();
    return publish(message);
  }

  /** Publishes, waiting for room in the in-flight window up to the operation timeout. */
  public Delivery publish(Message message) throws MqttException, InterruptedException {
    return core.publish(message, options.operationTimeoutMillis());
  }

  /**
   * Writes a PUBLISH and returns its {@link Delivery} without waiting for the broker. For QoS 1
   * and 2, when {@code maxInflight} messages already wait for acknowledgement, waits up to
   * {@code timeout} for room; on the I/O thread (in a handler) it never waits: the message is
   * held in memory and sent as soon as there is room.
   *
   * @throws IllegalArgumentException when the topic breaks the MQTT topic-name rules
   * @throws NotConnectedException when not connected
   * @throws MqttTimeoutException when the in-flight window stays full for {@code timeout}
   */
  public Delivery publish(Message message, long timeout, TimeUnit unit)
      throws MqttException, InterruptedException {
    return core.publish(message, unit.toMillis(timeout));
  }

  /**
   * Subscribes to one filter and waits for the SUBACK up to the operation timeout.
   *
   * @return the QoS the broker granted
   * @throws SubscribeFailedException when the broker refuses the filter (SUBACK 0x80)
   * @throws IllegalArgumentException when the filter breaks the MQTT topic-filter rules
   * @throws IllegalStateException when called on the I/O thread (inside a handler), before
   *     anything is sent; use {@link #subscribeAsync} there
   */
  public Qos subscribe(String filter, Qos qos, MessageHandler handler)
      throws MqttException, InterruptedException {
    return subscribe(Collections.singletonList(new Subscription(filter, qos, handler))).get(0);
  }

  /**
   * Subscribes to several filters in one SUBSCRIBE and waits for the SUBACK.
   *
   * @return the granted QoS per filter, in order
   * @throws SubscribeFailedException when the broker refuses any filter; the others stay
   */
  public List<Qos> subscribe(List<Subscription> subscriptions)
      throws MqttException, InterruptedException {
    refuseOnIoThread("subscribe", "subscribeAsync");
    return core.subscribe(subscriptions)
        .await(options.operationTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a SUBSCRIBE and returns at once. A message goes to every handler whose filter matches,
   * from the moment this returns; a handler behind several overlapping filters is called once.
   */
  public Completion<List<Qos>> subscribeAsync(List<Subscription> subscriptions)
      throws MqttException {
    return core.subscribe(subscriptions);
  }

  /** Unsubscribes and waits for the UNSUBACK up to the operation timeout. */
  public void unsubscribe(String... filters) throws MqttException, InterruptedException {
    refuseOnIoThread("unsubscribe", "unsubscribeAsync");
    unsubscribeAsync(Arrays.asList(filters))
        .await(options.operationTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends an UNSUBSCRIBE and returns at once; the handlers stop at once. */
  public Completion<Void> unsubscribeAsync(List<String> filters) throws MqttException {
    return core.unsubscribe(filters);
  }

  /**
   * Sends DISCONNECT and closes the connection; the broker discards the Last Will. Deliveries not
   * yet acknowledged fail with {@link ConnectionLostException}. Does nothing when not connected.
   */
  public void disconnect() throws InterruptedException {
    core.disconnect();
  }

  /**
   * Disconnects if connected and releases everything; the I/O thread has ended when this returns.
   * The client cannot be used again. Safe to call more than once.
   */
  @Override public void close() {
    core.close();
  }

  private void refuseOnIoThread(String call, String instead) {
    if (core.onIoThread()) {
      throw new IllegalStateException(call + "() waits for the broker's answer, which the I/O thread"
          + " reads; inside a message handler use " + instead + "() and whenDone(listener)");
    }
  }

  @Override public String toString() {
    return "MqttClient{" + options.serverUri() + ", clientId=" + options.clientId() + "}";
  }
}
