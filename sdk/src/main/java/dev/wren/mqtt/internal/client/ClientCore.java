package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.InvalidTopicException;
import dev.wren.mqtt.internal.codec.MalformedStringException;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.Mqtt311Encoder;
import dev.wren.mqtt.internal.codec.MqttStrings;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.Subscribe;
import dev.wren.mqtt.internal.codec.Topics;
import dev.wren.mqtt.internal.codec.Unsubscribe;
import dev.wren.mqtt.internal.transport.ServerAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The client behind {@link dev.wren.mqtt.MqttClient}: turns API calls into queue appends and
 * packets, and starts the I/O thread that runs the {@link ConnectionLoop}. QoS 1/2 messages go
 * through the {@link OutboundStore}; QoS 0 messages are written directly, or handled by
 * {@link OfflineQos0} while offline. Writes asked for on a thread that must not make them go
 * through the {@link WriteHandoff}. Thread-safe.
 */
public final class ClientCore {
  /** How long disconnect() lets the broker close its side after DISCONNECT before cutting. */
  private static final long DISCONNECT_GRACE_MILLIS = 2_000;

  private final MqttOptions options;
  private final List<ServerAddress> servers;
  private final IoThread ioThread = new IoThread();
  private final Lifecycle lifecycle = new Lifecycle();
  private final Events events;
  private final SubscriptionBook book = new SubscriptionBook();
  private final OutboundStore store;
  private final OfflineQos0 offlineQos0;
  private final SleepClock clock;
  private final MessageAccess messages;
  private final WriteHandoff writes;
  /** Made once, so the inbound QoS 2 state lasts as long as the broker's session. */
  private InboundHandler inbound;

  /** Copies payloads through the public API: for tests without the public package. */
  public ClientCore(MqttOptions options) {
    this(options, MessageAccess.COPYING, SleepClock.forPlatform());
  }

  /** @param messages how the public package lets this share a message's own payload array */
  public ClientCore(MqttOptions options, MessageAccess messages) {
    this(options, messages, SleepClock.forPlatform());
  }

  /** With the keep-alive's clock given, for tests that simulate a device that slept. */
  ClientCore(MqttOptions options, SleepClock clock) {
    this(options, MessageAccess.COPYING, clock);
  }

  private ClientCore(MqttOptions options, MessageAccess messages, SleepClock clock) {
    this.options = options;
    this.messages = messages;
    this.clock = clock;
    this.writes = new WriteHandoff(new ThreadFactory() {
      @Override public Thread newThread(Runnable r) {
        return ClientCore.this.newThread(r, "wren-write-");
      }
    }, ioThread, options.callerWrites());
    this.servers = new ArrayList<>();
    for (String uri : options.serverUris()) servers.add(ServerAddress.parse(uri));
    this.events = new Events(options.listener());
    this.store = new OutboundStore(options, ioThread, events, lifecycle, messages);
    this.offlineQos0 = new OfflineQos0(options.offlineQos0Buffer(), events, messages,
        options.protocolVersion());
  }

  /** Connects, retrying nothing before the first CONNACK; reconnects by itself afterwards. */
  public boolean connect() throws MqttException, InterruptedException {
    CompletionImpl<Boolean> first = start(false);
    // Every attempt enforces its own deadline; the margin covers thread scheduling.
    long wait = servers.size() * (options.connectTimeoutMillis() + 1_000);
    try {
      return first.await(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | MqttTimeoutException e) {
      if (!first.isDone()) abandon("connect() was interrupted or timed out");
      throw e;
    }
  }

  /** Starts connecting in the background, retrying with backoff until the first CONNACK. */
  public Completion<Boolean> connectAsync() throws MqttException {
    return start(true);
  }

  private CompletionImpl<Boolean> start(boolean retryFirst) throws MqttException {
    final CompletionImpl<Boolean> first =
        new CompletionImpl<>(ioThread, "CONNECT to " + servers.get(0));
    OutboundFlow flow = store.open();
    InboundHandler inbound = inbound(flow);
    Backoff backoff = new Backoff(options.reconnect(), new Random());
    ConnectionLoop loop = new ConnectionLoop(options, servers, lifecycle, flow, inbound,
        store.chores(), events, new ConnectionLoop.OnConnected() {
          @Override public void connected(Link link, boolean sessionPresent) throws IOException {
            if (!sessionPresent) resubscribe(link);
            offlineQos0.flush(link);
          }
        }, backoff, first, retryFirst, connectPacket(), clock);
    final Thread thread = newThread(loop, "wren-io-");
    lifecycle.start(thread, servers.get(0).toString());
    ioThread.set(thread);
    thread.start();
    return first;
  }

  private synchronized InboundHandler inbound(OutboundFlow flow) {
    if (inbound == null) {
      boolean v5 = options.protocolVersion() == ProtocolVersion.MQTT_5_0;
      inbound = new InboundHandler(flow, book, options.defaultHandler(), messages,
          v5 ? options.receiveMaximum() : 0, v5 ? options.topicAliasMaximum() : 0);
    }
    return inbound;
  }

  public boolean isConnected() {
    return lifecycle.state() == ConnectionState.CONNECTED;
  }

  public ConnectionState state() {
    return lifecycle.state();
  }

  /** True on the client's I/O thread, where nothing may wait for the broker. */
  public boolean onIoThread() {
    return ioThread.isCurrent();
  }

  /** Skips the current backoff wait. */
  public void reconnectNow() {
    lifecycle.wakeUp(true);
  }

  /**
   * The default network changed: drops the current connection at once, without DISCONNECT (its
   * socket belongs to the old network), and connects again with no backoff wait. Offline it acts
   * as {@link #reconnectNow}. Never touches the socket but to close it.
   */
  public void networkChanged() {
    Link dropped = lifecycle.networkChanged();
    if (dropped == null) return;
    Logger.info("the network changed; dropping the connection to {} and connecting again", dropped.peer());
    // Recorded as the link's failure, so the end is reported with this reason, not "socket closed".
    dropped.writeFailed(new IOException("the network changed (networkChanged() was called);"
        + " connecting again at once"));
  }

  /**
   * Sends a PINGREQ now, off the calling thread, for an app woken by an alarm while the device
   * dozes, and waits for the PINGRESP on the writer thread up to the ping timeout; without one
   * the link ends at once. Offline it acts as {@link #reconnectNow}. The completion ends with the
   * PINGRESP (to this PINGREQ or one outstanding already); it fails when there is no connection,
   * the write fails or the answer is late.
   */
  public Completion<Void> keepAliveNow() {
    final CompletionImpl<Void> done = new CompletionImpl<>(ioThread, "keepAliveNow() to " + servers.get(0));
    final Link current = lifecycle.state() == ConnectionState.CONNECTED ? lifecycle.link() : null;
    if (current == null) {
      lifecycle.wakeUp(true);
      done.fail(new NotConnectedException("not connected to " + servers.get(0)
          + "; no PINGREQ sent" + (lifecycle.thread() == null ? "; call connect() first"
              : "; the client is connecting now")));
      return done;
    }
    boolean taken = writes.submit(new Runnable() {
      @Override public void run() {
        try {
          current.pingNow();
          done.complete(null);
        } catch (MqttTimeoutException e) {
          // The link is dead: end it now rather than at the I/O thread's next wake-up.
          current.writeFailed(e);
          done.fail(e);
        } catch (IOException e) {
          current.writeFailed(e);
          done.fail(new NotConnectedException("PINGREQ to " + current.peer() + " failed: "
              + e.getMessage() + "; the client reconnects"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          done.fail(new NotConnectedException("the writer thread was interrupted waiting for"
              + " the PINGRESP from " + current.peer()));
        }
      }
    });
    if (!taken) done.fail(new NotConnectedException("the client is closed; no PINGREQ sent"));
    return done;
  }

  public Delivery publish(Message message, long timeoutMillis)
      throws MqttException, InterruptedException {
    checkPublishable(message);
    if (lifecycle.closed()) throw new IllegalStateException("client is closed; create a new MqttClient");
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    if (message.qos() == Qos.AT_MOST_ONCE) {
      Link current = lifecycle.state() == ConnectionState.CONNECTED ? lifecycle.link() : null;
      if (current == null) {
        offlineQos0.offer(delivery, "not connected to " + servers.get(0));
      } else {
        writeQos0(current, delivery);
      }
      return delivery;
    }
    boolean handOff = writes.handsOff();
    store.append(delivery, timeoutMillis, !handOff);
    if (handOff) {
      final OutboundFlow flow = store.flowOrNull();
      writes.submit(new Runnable() {
        @Override public void run() {
          flow.pump();
        }
      });
    }
    return delivery;
  }

  private Publish qos0(Message message) {
    return Mqtt5Fields.qos0(message, messages, options.protocolVersion());
  }

  private void writeQos0(final Link current, final DeliveryImpl delivery) {
    final Message message = delivery.message();
    boolean taken = writes.run(new Runnable() {
      @Override public void run() {
        if (send(current, qos0(message))) {
          delivery.delivered();
        } else {
          delivery.fail(new NotConnectedException("connection to " + current.peer()
              + " failed while writing the QoS 0 message; it is not retried"));
        }
      }
    });
    if (!taken) delivery.fail(new NotConnectedException("the client was closed before the QoS 0 message was written"));
  }

  public Completion<List<Qos>> subscribe(List<Subscription> subscriptions) throws MqttException {
    if (subscriptions.isEmpty()) throw new IllegalArgumentException("no subscriptions given");
    for (Subscription subscription : subscriptions) checkFilter(subscription.filter());
    checkOptions(subscriptions);
    CompletionImpl<List<Qos>> completion = new CompletionImpl<>(ioThread,
        "SUBSCRIBE to " + SubscriptionBook.filters(subscriptions));
    Link current = requireLink();
    // Handlers go in before the SUBSCRIBE leaves, so no matching message can slip past them.
    book.add(subscriptions);
    if (!sendSubscribe(current, subscriptions, completion)) {
      book.remove(SubscriptionBook.filters(subscriptions));
      throw new NotConnectedException("not connected to " + current.peer() + "; the client is reconnecting");
    }
    return completion;
  }

  public Completion<Void> unsubscribe(List<String> filters) throws MqttException {
    if (filters.isEmpty()) throw new IllegalArgumentException("no filters given");
    for (String filter : filters) checkFilter(filter);
    Link current = requireLink();
    CompletionImpl<Void> completion = new CompletionImpl<>(ioThread, "UNSUBSCRIBE from " + filters);
    Integer packetId = store.flow().request(false, new ArrayList<>(filters), completion);
    if (packetId == null) {
      throw new NotConnectedException("not connected to " + current.peer() + "; the client is reconnecting");
    }
    book.remove(filters);
    sendFromCaller(current, new Unsubscribe(packetId, new ArrayList<>(filters)));
    return completion;
  }

  public void disconnect() throws InterruptedException {
    stop("disconnect() was called", false);
    // The broker discards a clean session on DISCONNECT, subscriptions included; so does the
    // client, and the next connect() starts without any. A persistent session keeps them on both
    // sides. Re-subscribing is only for reconnects the client makes by itself.
    if (options.cleanSession()) book.clear();
  }

  public void close() {
    try {
      stop("close() was called", true);
    } catch (InterruptedException e) {
      // close() cannot throw it; keep the flag so the caller still sees the interrupt.
      Thread.currentThread().interrupt();
      Link current = lifecycle.link();
      if (current != null) current.close();
    } finally {
      store.close();
      closeWrites();
    }
  }

  /** Waits for the writer thread, which has only closed links left to write to. */
  private void closeWrites() {
    try {
      writes.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Logger.warn("close() was interrupted while the writer thread finished; it ends by itself");
    }
  }

  public int queued() {
    return store.size();
  }

  public int inflight() {
    OutboundFlow flow = store.flowOrNull();
    return flow == null ? 0 : flow.inflightCount();
  }

  public long sent() {
    OutboundFlow flow = store.flowOrNull();
    return flow == null ? 0 : flow.sent();
  }

  public long acknowledged() {
    OutboundFlow flow = store.flowOrNull();
    return flow == null ? 0 : flow.acknowledgedCount();
  }

  /** Queued messages removed unsent at their deadline. */
  public long expired() {
    return store.expiredCount();
  }

  private void stop(String reason, boolean close) throws InterruptedException {
    Thread running = lifecycle.thread();
    final Link current = lifecycle.stop(reason, close);
    if (current != null && lifecycle.state() == ConnectionState.CONNECTED) {
      Runnable disconnect = new Runnable() {
        @Override public void run() {
          try {
            current.writer().write(Disconnect.INSTANCE);
            // Let the broker read DISCONNECT and close its side, so it drops the Will.
            current.shutdownOutput();
          } catch (IOException e) {
            Logger.debug(e, "DISCONNECT to {} could not be written; closing anyway", current.peer());
            current.close();
          }
        }
      };
      if (!writes.run(disconnect)) current.close();
    } else if (current != null) {
      current.close();
    }
    if (running == null || running == Thread.currentThread()) return;
    running.join(DISCONNECT_GRACE_MILLIS);
    if (running.isAlive()) {
      Link now = lifecycle.link();
      if (now != null) now.close();
      running.join();
    }
  }

  /** After a connection without a session: the broker forgot the subscriptions; make them again. */
  private void resubscribe(Link link) {
    List<Subscription> all = book.all();
    if (all.isEmpty()) return;
    Logger.info("the broker kept no session; subscribing again to {}", SubscriptionBook.filters(all));
    // One SUBSCRIBE per subscription identifier: each carries one.
    for (List<Subscription> group : Mqtt5Fields.byIdentifier(all)) {
      CompletionImpl<List<Qos>> completion =
          new CompletionImpl<>(ioThread, "SUBSCRIBE again to " + SubscriptionBook.filters(group));
      completion.whenDone(new Completion.Listener<List<Qos>>() {
        @Override public void onDone(List<Qos> granted, Throwable failure) {
          if (failure != null) Logger.warn("subscribing again failed: {}", failure.getMessage());
        }
      });
      sendSubscribe(link, group, completion);
    }
  }

  private boolean sendSubscribe(Link link, List<Subscription> subscriptions,
      CompletionImpl<List<Qos>> completion) {
    List<Subscribe.Entry> entries = new ArrayList<>(subscriptions.size());
    for (Subscription s : subscriptions) entries.add(Mqtt5Fields.entry(s));
    OutboundFlow flow = store.flowOrNull();
    Integer packetId = flow == null ? null
        : flow.request(true, SubscriptionBook.filters(subscriptions), completion);
    if (packetId == null) return false;
    int id = subscriptions.get(0).subscriptionIdentifier();
    sendFromCaller(link, new Subscribe(packetId, entries, id == 0 ? Mqtt5Properties.EMPTY
        : Mqtt5Properties.builder().addSubscriptionIdentifier(id).build()));
    return true;
  }

  /**
   * Writes from an application thread, or from the writer thread when this one must not; the
   * I/O thread writes itself. A write that was refused (closed) or fails ends the link, which
   * fails the pending request.
   */
  private void sendFromCaller(final Link current, final dev.wren.mqtt.internal.codec.Packet packet) {
    if (ioThread.isCurrent()) {
      send(current, packet);
      return;
    }
    boolean taken = writes.run(new Runnable() {
      @Override public void run() {
        send(current, packet);
      }
    });
    if (!taken) current.close();
  }

  private Connect connectPacket() {
    return Mqtt5Fields.connect(options, options.clientId());
  }

  /** What the broker of the current or last connection announced; null before the first. */
  public ServerCapabilities serverCapabilities() {
    return lifecycle.capabilities();
  }

  /** Writes from any thread; a failed write ends the link, which the I/O thread then replaces. */
  private static boolean send(Link current, dev.wren.mqtt.internal.codec.Packet packet) {
    try {
      current.writer().write(packet);
      return true;
    } catch (IOException e) {
      current.writeFailed(e);
      return false;
    }
  }

  private Link requireLink() throws NotConnectedException {
    if (lifecycle.closed()) throw new IllegalStateException("client is closed; create a new MqttClient");
    Link current = lifecycle.link();
    if (current == null || lifecycle.state() != ConnectionState.CONNECTED) {
      throw new NotConnectedException("not connected to " + servers.get(0)
          + (lifecycle.thread() == null ? "; call connect() first" : "; the client is reconnecting"));
    }
    return current;
  }

  private void abandon(String reason) {
    Link current = lifecycle.stop(reason, false);
    if (current != null) current.close();
  }

  private Thread newThread(Runnable runnable, String prefix) {
    if (options.threadFactory() == null) {
      String id = options.clientId().isEmpty() ? "anonymous" : options.clientId();
      Thread thread = new Thread(runnable, prefix + id);
      thread.setDaemon(true);
      return thread;
    }
    Thread thread = options.threadFactory().newThread(runnable);
    if (thread == null) throw new IllegalStateException("threadFactory returned null");
    return thread;
  }

  private void checkPublishable(Message message) throws MqttException {
    if (options.protocolVersion() == ProtocolVersion.MQTT_3_1_1) {
      String set = Mqtt5Fields.firstProperty(message);
      if (set != null) {
        throw new IllegalArgumentException("cannot publish: Message." + set + " is an MQTT 5"
            + " property, but the client speaks MQTT 3.1.1: set"
            + " MqttOptions.protocolVersion(ProtocolVersion.MQTT_5_0), or remove it");
      }
    } else {
      // What the broker announced it would refuse fails here, before anything is queued.
      ServerCapabilities server = lifecycle.capabilities();
      Deliveries.Answered refused = PublishShaper.refusal(server, message.qos().value(),
          message.retain(),
          server == null || server.maximumPacketSize() >= ServerCapabilities.NO_PACKET_SIZE_LIMIT
              ? null : Mqtt5Fields.sizingPublish(message, messages));
      if (refused != null) throw refused.failureOf(message);
    }
    try {
      Topics.validateName(message.topic());
    } catch (InvalidTopicException | MalformedStringException e) {
      throw new IllegalArgumentException("cannot publish: " + e.getMessage(), e);
    }
    // Refused before it is queued: the encoder could not frame it later.
    long size = Mqtt311Encoder.publishRemainingLength(
        MqttStrings.utf8Length(message.topic()), message.qos().value(), message.payloadSize());
    if (size > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException("cannot publish: a payload of " + message.payloadSize()
          + " bytes makes a PUBLISH larger than MQTT's limit of " + PacketType.MAX_REMAINING_LENGTH
          + " bytes");
    }
  }

  /** MQTT 5 options are refused under 3.1.1; one SUBSCRIBE carries one identifier. */
  private void checkOptions(List<Subscription> subscriptions) {
    int id = subscriptions.get(0).subscriptionIdentifier();
    for (Subscription s : subscriptions) {
      String option = Mqtt5Fields.firstOption(s);
      if (option != null && options.protocolVersion() == ProtocolVersion.MQTT_3_1_1) {
        throw new IllegalArgumentException("cannot subscribe to '" + s.filter() + "': "
            + option + " is an MQTT 5 option, but the client speaks MQTT 3.1.1: set"
            + " MqttOptions.protocolVersion(ProtocolVersion.MQTT_5_0), or remove it");
      }
      if (s.subscriptionIdentifier() != id) {
        throw new IllegalArgumentException("cannot subscribe: one SUBSCRIBE carries one"
            + " subscription identifier, but '" + subscriptions.get(0).filter() + "' has " + id
            + " and '" + s.filter() + "' " + s.subscriptionIdentifier() + "; subscribe to them"
            + " in separate calls");
      }
    }
    ServerCapabilities server = lifecycle.capabilities();
    if (server == null || options.protocolVersion() == ProtocolVersion.MQTT_3_1_1) return;
    for (Subscription s : subscriptions) {
      if (s.shared() && !server.sharedSubscriptionAvailable()) {
        throw new IllegalArgumentException("cannot subscribe to '" + s.filter() + "': the broker"
            + " announced in CONNACK that it does not support shared subscriptions");
      }
      if (!server.wildcardSubscriptionAvailable()
          && (s.filter().indexOf('+') >= 0 || s.filter().indexOf('#') >= 0)) {
        throw new IllegalArgumentException("cannot subscribe to '" + s.filter() + "': the broker"
            + " announced in CONNACK that it does not support wildcard subscriptions");
      }
    }
    if (id != 0 && !server.subscriptionIdentifiersAvailable()) {
      throw new IllegalArgumentException("cannot subscribe with subscriptionIdentifier(" + id
          + "): the broker announced in CONNACK that it does not support subscription"
          + " identifiers");
    }
  }

  private static void checkFilter(String filter) {
    try {
      Topics.validateShared(filter);
      Topics.validateFilter(filter);
    } catch (InvalidTopicException | MalformedStringException e) {
      throw new IllegalArgumentException("cannot subscribe: " + e.getMessage(), e);
    }
  }
}
