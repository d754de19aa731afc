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
 * <p>From {@link #connect()} to {@link #disconnect()} the client owns exactly one thread, made by
 * the options' thread factory, which reads from the socket, sends PINGREQ, reconnects with
 * backoff after a loss and calls the {@link MessageHandler}s and the {@link ClientListener}.
 * Handlers may publish and subscribe but must not wait on what those calls return. After
 * {@link #disconnect()} or {@link #close()}, no thread remains. A second, short-lived thread
 * writes what callers must not write themselves (Android's main thread, or every caller with
 * {@link MqttOptions.Builder#callerWrites callerWrites(false)}); it exists only while such
 * writes are pending.
 *
 * <p>QoS 1/2 messages go through the outbound queue ({@link MqttOptions#queue()}), connected or
 * not, and leave it only when the broker acknowledges them; after a reconnect the client sends
 * again whatever is unacknowledged, in order.
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
    this.core = new ClientCore(options, new ClientMessages());
  }

  public MqttOptions options() {
    return options;
  }

  /**
   * Connects and waits for the broker's CONNACK, trying each server URI once, each up to the
   * connect timeout. Once connected, the client reconnects by itself after a loss (see
   * {@link MqttOptions#reconnect()}) until {@link #disconnect()} or {@link #close()}; when this
   * first attempt fails, nothing keeps trying (see {@link #connectAsync()} for that).
   *
   * @return whether the broker resumed a session it had for this client id
   * @throws MqttException when the outbound queue cannot be opened (for example
   *     {@link QueueLockedException})
   * @throws BrokerUnreachableException when the TCP connection cannot be made
   * @throws ConnectionRefusedException when the broker refuses (a subclass per return code)
   * @throws MqttTimeoutException when no CONNACK arrives in time
   * @throws IllegalStateException when already connected or closed
   */
  public boolean connect() throws MqttException, InterruptedException {
    return core.connect();
  }

  /**
   * Starts connecting in the background and returns at once; unlike {@link #connect()}, failed
   * attempts are retried with backoff until the first CONNACK. For gateways that must start
   * while the broker or the network is down. The completion holds whether a session was resumed;
   * it fails only if the client gives up (a refusal no retry can fix, or disconnect/close).
   *
   * @throws IllegalStateException when already connected or connecting, or closed
   * @throws MqttException when the outbound queue cannot be opened
   */
  public Completion<Boolean> connectAsync() throws MqttException {
    return core.connectAsync();
  }

  /** True while a connection is up (CONNACK accepted and not lost since). */
  public boolean isConnected() {
    return core.isConnected();
  }

  public ConnectionState state() {
    return core.state();
  }

  /**
   * Tries to connect now, for example when a network comes back: ends the current backoff wait,
   * or, called while an attempt is under way, skips the wait after it should it fail. Does
   * nothing while connected or disconnected.
   */
  public void reconnectNow() {
    core.reconnectNow();
  }

  /**
   * The default network changed (Wi-Fi to cellular, a VPN came up): drops the current connection
   * at once, whose socket may be alive on paper and dead in fact, and connects again without a
   * backoff wait, resuming the session and sending what is unacknowledged in the queue. No
   * DISCONNECT is sent on the old socket, so the broker keeps the Will armed until the new
   * connection takes the session over. Offline it acts as {@link #reconnectNow()}; after
   * {@link #disconnect()} it does nothing. Thread-safe, returns at once, writes nothing.
   */
  public void networkChanged() {
    core.networkChanged();
  }

  /**
   * Sends a PINGREQ now, from the client's writer thread, never the caller's: for an app woken by
   * an alarm or a job while the device dozes, so the broker's keep-alive timer starts over and a
   * dead link is found now. The writer thread waits for the PINGRESP up to the ping timeout; a
   * missing one ends the connection (and the client reconnects). While connecting or waiting to
   * reconnect it acts as {@link #reconnectNow()}. Writes handed off after it wait for the answer.
   *
   * @return completes with the PINGRESP, so a job may keep the device awake until then; fails
   *     with {@link NotConnectedException} when not connected or the write failed, or with
   *     {@link MqttTimeoutException} when the answer was late
   */
  public Completion<Void> keepAliveNow() {
    return core.keepAliveNow();
  }

  /** Counts of the outbound queue and what was sent and acknowledged, as of now. */
  /**
   * What the broker announced in the CONNACK of the current connection, or of the last one while
   * reconnecting (under MQTT 5: Receive Maximum, Maximum QoS, Maximum Packet Size, assigned
   * client id, ...; under 3.1.1 the protocol's defaults); null before the first connection.
   */
  public ServerCapabilities serverCapabilities() {
    return core.serverCapabilities();
  }

  public ClientStatistics statistics() {
    return new ClientStatistics(core.state(), core.queued(), core.inflight(), core.sent(),
        core.acknowledged(), core.expired());
  }

  /** Publishes; see {@link #publish(Message, long, TimeUnit)}. */
  public Delivery publish(String topic, byte[] payload, Qos qos, boolean retain)
      throws MqttException, InterruptedException {
    if (topic == null) throw new NullPointerException("topic == null");
    if (payload == null) throw new NullPointerException("payload == null");
    if (qos == null) throw new NullPointerException("qos == null");
    // What the builder would make, without the builder: the copy is the message's own.
    return publish(new Message(topic, payload.clone(), qos, retain, false, 0));
  }

  /** Publishes, waiting for room in a full queue up to the operation timeout. */
  public Delivery publish(Message message) throws MqttException, InterruptedException {
    return core.publish(message, options.operationTimeoutMillis());
  }

  /**
   * Hands a message to the client and returns its {@link Delivery} without waiting for the
   * broker. A QoS 1/2 message is appended to the outbound queue (and synced as its
   * {@link SyncPolicy} says) before this returns, connected or not, and sent when the in-flight
   * window has room. A QoS 0 message is written at once when connected; offline it is dropped
   * (the delivery fails and the listener hears of it) unless {@link
   * MqttOptions.Builder#offlineQos0Buffer} keeps it.
   *
   * @throws IllegalArgumentException when the topic breaks the MQTT topic-name rules
   * @throws QueueFullException when the queue stays full for {@code timeout} (at once on the
   *     I/O thread, which cannot wait for itself)
   * @throws MqttException when the queue cannot store the message
   * @throws IllegalStateException when the client is closed
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
   * Sends DISCONNECT, closes the connection and stops reconnecting; the broker discards the Last
   * Will. Unacknowledged messages stay in the queue, and their deliveries pending, until the next
   * {@link #connect()}. SUBSCRIBE and UNSUBSCRIBE requests not yet answered fail.
   */
  public void disconnect() throws InterruptedException {
    core.disconnect();
  }

  /**
   * Disconnects if connected, closes the queue and releases everything; the I/O thread has ended
   * when this returns. Deliveries not yet acknowledged fail; their messages stay in a file queue
   * for the next client on that directory. The client cannot be used again. Safe to call more
   * than once.
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
