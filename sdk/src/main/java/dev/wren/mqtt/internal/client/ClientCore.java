package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.BrokerUnreachableException;
import dev.wren.mqtt.Completion;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.Delivery;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.Will;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.InvalidTopicException;
import dev.wren.mqtt.internal.codec.MalformedStringException;
import dev.wren.mqtt.internal.codec.Mqtt311Encoder;
import dev.wren.mqtt.internal.codec.MqttStrings;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.Subscribe;
import dev.wren.mqtt.internal.codec.Topics;
import dev.wren.mqtt.internal.codec.Unsubscribe;
import dev.wren.mqtt.internal.transport.Connection;
import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.TransportSettings;
import dev.wren.mqtt.internal.transport.Transports;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The client behind {@link dev.wren.mqtt.MqttClient}: starts the I/O thread per connection, and
 * turns API calls into packets. Inbound packets are handled by {@link InboundHandler}; the
 * connection itself by {@link Link}. Thread-safe.
 */
public final class ClientCore {
  /** How long disconnect() lets the broker close its side after DISCONNECT before cutting. */
  private static final long DISCONNECT_GRACE_MILLIS = 2_000;

  private final MqttOptions options;
  private final ServerAddress address;
  private final IoThread ioThread = new IoThread();
  private final OutboundWindow window;
  private final InboundHandler inbound;
  private final Object lifecycle = new Object();
  private Link link;
  private Thread thread;
  private Thread lastThread;
  private boolean closed;
  private volatile boolean connected;

  public ClientCore(MqttOptions options) {
    this.options = options;
    this.address = ServerAddress.parse(options.serverUri());
    this.window = new OutboundWindow(options.maxInflight());
    this.inbound = new InboundHandler(window, options.defaultHandler(), address.toString());
  }

  public boolean connect() throws MqttException, InterruptedException {
    final CompletionImpl<Boolean> handshake = new CompletionImpl<>(ioThread, "CONNECT to " + address);
    Thread started;
    synchronized (lifecycle) {
      if (closed) throw new IllegalStateException("client is closed; create a new MqttClient");
      if (thread != null) throw new IllegalStateException("already connected or connecting to " + address);
      started = newThread(new Runnable() {
        @Override public void run() {
          runConnection(handshake);
        }
      });
      thread = started;
      lastThread = started;
      ioThread.set(started);
    }
    started.start();
    try {
      // The I/O thread enforces the connect timeout itself; the margin covers its scheduling.
      return handshake.await(options.connectTimeoutMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | MqttTimeoutException e) {
      if (!handshake.isDone()) abandon(started, "connect() was interrupted or timed out");
      throw e;
    }
  }

  public boolean isConnected() {
    return connected;
  }

  /** True on the client's I/O thread, where nothing may wait for the broker. */
  public boolean onIoThread() {
    return ioThread.isCurrent();
  }

  public Delivery publish(Message message, long timeoutMillis)
      throws MqttException, InterruptedException {
    try {
      Topics.validateName(message.topic());
    } catch (InvalidTopicException | MalformedStringException e) {
      throw new IllegalArgumentException("cannot publish: " + e.getMessage(), e);
    }
    // Refused before it takes a packet identifier: the encoder could not frame it later.
    long size = Mqtt311Encoder.publishRemainingLength(
        MqttStrings.utf8Length(message.topic()), message.qos().value(), message.payloadSize());
    if (size > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException("cannot publish: a payload of " + message.payloadSize()
          + " bytes makes a PUBLISH larger than MQTT's limit of " + PacketType.MAX_REMAINING_LENGTH
          + " bytes");
    }
    Link current = requireLink();
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    if (message.qos() == Qos.AT_MOST_ONCE) {
      Publish packet = new Publish(message.topic(), message.payload(), 0, message.retain(), false, 0);
      if (send(current, packet)) {
        delivery.delivered();
      } else {
        delivery.fail(new ConnectionLostException("connection to " + address
            + " failed while writing the message", current.writeFailure()));
      }
      return delivery;
    }
    OutboundPublish publish = new OutboundPublish(message, delivery);
    if (window.admit(publish, timeoutMillis, ioThread.isCurrent())) send(current, publish.packet());
    return delivery;
  }

  public Completion<List<Qos>> subscribe(List<Subscription> subscriptions) throws MqttException {
    if (subscriptions.isEmpty()) throw new IllegalArgumentException("no subscriptions given");
    List<String> filters = new ArrayList<>(subscriptions.size());
    List<Subscribe.Entry> entries = new ArrayList<>(subscriptions.size());
    for (Subscription subscription : subscriptions) {
      checkFilter(subscription.filter());
      filters.add(subscription.filter());
      entries.add(new Subscribe.Entry(subscription.filter(), subscription.qos().value()));
    }
    Link current = requireLink();
    CompletionImpl<List<Qos>> completion =
        new CompletionImpl<>(ioThread, "SUBSCRIBE to " + filters);
    int packetId = window.request(true, filters, completion);
    // Handlers go in before the SUBSCRIBE leaves, so no matching message can slip past them.
    for (Subscription subscription : subscriptions) {
      inbound.subscriptions().put(subscription.filter(), subscription.handler());
    }
    send(current, new Subscribe(packetId, entries));
    return completion;
  }

  public Completion<Void> unsubscribe(List<String> filters) throws MqttException {
    if (filters.isEmpty()) throw new IllegalArgumentException("no filters given");
    for (String filter : filters) checkFilter(filter);
    Link current = requireLink();
    CompletionImpl<Void> completion = new CompletionImpl<>(ioThread, "UNSUBSCRIBE from " + filters);
    int packetId = window.request(false, new ArrayList<>(filters), completion);
    for (String filter : filters) inbound.subscriptions().remove(filter);
    send(current, new Unsubscribe(packetId, new ArrayList<>(filters)));
    return completion;
  }

  public void disconnect() throws InterruptedException {
    Link current;
    Thread running;
    synchronized (lifecycle) {
      current = link;
      running = thread;
    }
    if (current == null) return;
    current.closing("disconnect() was called");
    try {
      current.writer().write(Disconnect.INSTANCE);
      // Let the broker read DISCONNECT and close its side, so it drops the Will.
      current.shutdownOutput();
    } catch (IOException e) {
      Logger.debug(e, "DISCONNECT to {} could not be written; closing anyway", address);
      current.close();
    }
    if (running == null || running == Thread.currentThread()) return;
    running.join(DISCONNECT_GRACE_MILLIS);
    if (running.isAlive()) {
      current.close();
      running.join();
    }
  }

  public void close() {
    Thread last;
    synchronized (lifecycle) {
      closed = true;
      last = lastThread;
    }
    try {
      disconnect();
      if (last != null && last != Thread.currentThread()) last.join();
    } catch (InterruptedException e) {
      // close() cannot throw it; keep the flag so the caller still sees the interrupt.
      Thread.currentThread().interrupt();
      Link current;
      synchronized (lifecycle) {
        current = link;
      }
      if (current != null) current.close();
    }
  }

  /** Runs one connection on the I/O thread, from TCP connect to teardown. */
  private void runConnection(CompletionImpl<Boolean> handshake) {
    Link current = null;
    Throwable cause = null;
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.connectTimeoutMillis());
      current = new Link(open(), options);
      synchronized (lifecycle) {
        link = current;
        if (closed) current.closing("close() was called while connecting");
      }
      if (current.closeReason() != null) current.close();
      boolean sessionPresent =
          current.handshake(connectPacket(), deadline, options.connectTimeoutMillis());
      if (!sessionPresent) inbound.sessionReset();
      window.open();
      connected = true;
      Logger.info("connected to {} as '{}' (session present: {})",
          address, options.clientId(), sessionPresent);
      handshake.complete(sessionPresent);
      current.run(inbound.bind(current));
    } catch (Throwable t) {
      cause = t;
    } finally {
      ended(current, cause, handshake);
    }
  }

  private void ended(Link current, Throwable cause, CompletionImpl<Boolean> handshake) {
    boolean wasConnected = connected;
    String appReason = current == null ? null : current.closeReason();
    if (current != null && current.writeFailure() != null) cause = current.writeFailure();
    MqttException failure = failure(cause, appReason, wasConnected);
    List<Outcome<?, ?>> waiting = window.close(appReason != null
        ? "not connected: " + appReason
        : "not connected: " + describeEnd(failure));
    if (current != null) current.close();
    synchronized (lifecycle) {
      link = null;
      thread = null;
      connected = false;
    }
    if (!waiting.isEmpty()) {
      ConnectionLostException lost = new ConnectionLostException(appReason != null
          ? appReason + " before the broker acknowledged"
          : describeEnd(failure) + " (before the broker acknowledged)", failure);
      for (Outcome<?, ?> outcome : waiting) outcome.fail(lost);
    }
    if (!handshake.isDone()) {
      handshake.fail(failure);
    } else if (appReason != null) {
      Logger.info("disconnected from {}: {}", address, appReason);
    } else {
      Logger.warn(describeEnd(failure));
    }
    if (cause instanceof Error) throw (Error) cause;
    if (cause instanceof RuntimeException) {
      Logger.error(cause, "bug: the I/O thread of the client for {} failed", address);
    }
  }

  /** "connection to tcp://h:1883 lost: why", without repeating what the message already says. */
  private String describeEnd(MqttException failure) {
    String message = String.valueOf(failure.getMessage());
    return message.startsWith("connection to ") ? message
        : "connection to " + address + " lost: " + message;
  }

  private MqttException failure(Throwable cause, String appReason, boolean wasConnected) {
    if (cause instanceof MqttException) return (MqttException) cause;
    if (appReason != null) return new ConnectionLostException(appReason, cause);
    String when = wasConnected ? "" : " before CONNACK";
    String message = cause == null ? "ended" : String.valueOf(cause.getMessage());
    return new ConnectionLostException(
        "connection to " + address + " lost" + when + ": " + message, cause);
  }

  private Connection open() throws MqttException {
    int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeoutMillis());
    try {
      return Transports.open(address, TransportSettings.from(options), timeout);
    } catch (MqttException e) {
      throw e; // TLS and proxy failures name their cause themselves
    } catch (SocketTimeoutException e) {
      MqttTimeoutException timedOut = new MqttTimeoutException("no TCP connection to "
          + address.host() + ":" + address.port() + " within " + timeout + " ms");
      timedOut.initCause(e);
      throw timedOut;
    } catch (IOException e) {
      throw new BrokerUnreachableException(address.host(), address.port(), e);
    }
  }

  private Connect connectPacket() {
    Will will = options.will();
    Connect.Will connectWill = will == null ? null
        : new Connect.Will(will.topic(), will.payload(), will.qos().value(), will.retain());
    return new Connect(options.clientId(), options.cleanSession(), options.keepAliveSeconds(),
        options.username(), options.password(), connectWill);
  }

  /** Writes from any thread; a failed write ends the link, which fails what waits on it. */
  private boolean send(Link current, Packet packet) {
    try {
      current.writer().write(packet);
      return true;
    } catch (IOException e) {
      current.writeFailed(e);
      return false;
    }
  }

  private Link requireLink() throws NotConnectedException {
    synchronized (lifecycle) {
      if (closed) throw new IllegalStateException("client is closed; create a new MqttClient");
      if (link == null || !connected) {
        throw new NotConnectedException("not connected to " + address + "; call connect() first");
      }
      return link;
    }
  }

  private void abandon(Thread started, String reason) {
    Link current;
    synchronized (lifecycle) {
      current = thread == started ? link : null;
    }
    if (current != null) {
      current.closing(reason);
      current.close();
    }
  }

  private Thread newThread(Runnable runnable) {
    if (options.threadFactory() == null) {
      String id = options.clientId().isEmpty() ? "anonymous" : options.clientId();
      Thread thread = new Thread(runnable, "wren-io-" + id);
      thread.setDaemon(true);
      return thread;
    }
    Thread thread = options.threadFactory().newThread(runnable);
    if (thread == null) throw new IllegalStateException("threadFactory returned null");
    return thread;
  }

  private static void checkFilter(String filter) {
    try {
      Topics.validateFilter(filter);
    } catch (InvalidTopicException | MalformedStringException e) {
      throw new IllegalArgumentException("cannot subscribe: " + e.getMessage(), e);
    }
  }
}
