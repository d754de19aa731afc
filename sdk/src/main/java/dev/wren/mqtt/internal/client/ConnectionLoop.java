package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.BrokerUnreachableException;
import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.DisconnectedByBrokerException;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.ServerCapabilities;
import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.transport.Connection;
import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.TransportSettings;
import dev.wren.mqtt.internal.transport.Transports;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The I/O thread's whole life: try the servers in order, run the connection that comes up, and
 * after it ends wait out the backoff and start over, until the application stops it or a
 * failure no retry can fix. Runs on the I/O thread only.
 */
final class ConnectionLoop implements Runnable {
  /** What the client does once a connection is up, before reading from it. */
  interface OnConnected {
    void connected(Link link, boolean sessionPresent) throws IOException;
  }

  private final MqttOptions options;
  private final List<ServerAddress> servers;
  private final Lifecycle lifecycle;
  private final OutboundFlow outbound;
  private final InboundHandler inbound;
  private final Link.Chores chores;
  private final Events events;
  private final OnConnected onConnected;
  private final Backoff backoff;
  private final CompletionImpl<Boolean> firstConnect;
  private final boolean retryFirst;
  /** Rebuilt with the broker's Assigned Client Identifier once one came (MQTT 5). */
  private Connect connect;
  private final TransportSettings transport;
  private final SleepClock clock;

  /**
   * @param firstConnect completed by the first CONNACK; failed when the loop gives up first
   * @param retryFirst whether failed attempts before the first connection are retried
   *     ({@code connectAsync()}) or end the loop ({@code connect()})
   */
  ConnectionLoop(MqttOptions options, List<ServerAddress> servers, Lifecycle lifecycle,
      OutboundFlow outbound, InboundHandler inbound, Link.Chores chores, Events events,
      OnConnected onConnected, Backoff backoff, CompletionImpl<Boolean> firstConnect,
      boolean retryFirst, Connect connect, SleepClock clock) {
    this.options = options;
    this.servers = servers;
    this.lifecycle = lifecycle;
    this.outbound = outbound;
    this.inbound = inbound;
    this.chores = chores;
    this.events = events;
    this.onConnected = onConnected;
    this.backoff = backoff;
    this.firstConnect = firstConnect;
    this.retryFirst = retryFirst;
    this.connect = connect;
    this.transport = TransportSettings.from(options);
    this.clock = clock;
  }

  @Override public void run() {
    MqttException last = null;
    try {
      while (true) {
        // One round: each server once, in order, until one connects.
        boolean retryable = false;
        MqttException roundFailure = null;
        for (ServerAddress server : servers) {
          if (lifecycle.stopping()) return;
          Link link;
          ConnAck connAck;
          // One deadline for the whole attempt: connection, TLS, upgrade and CONNACK.
          long deadline = System.nanoTime()
              + TimeUnit.MILLISECONDS.toNanos(options.connectTimeoutMillis());
          try {
            link = new Link(open(server, deadline), options, clock);
            lifecycle.opened(link);
            connAck = handshake(link, server, deadline);
          } catch (MqttException e) {
            if (lifecycle.stopping()) return;
            if (roundFailure != null) e.addSuppressed(roundFailure);
            roundFailure = e;
            last = e;
            boolean retry = worthRetrying(e);
            retryable |= retry;
            boolean moreThisRound = server != servers.get(servers.size() - 1);
            if (!retryable && !moreThisRound && !firstConnect.isDone()) {
              // The loop gives up and connect()/connectAsync() hands this to the caller, who
              // reports it: a WARN line too would say it twice.
              Logger.debug("connecting to {} failed: {}", server, e.getMessage());
            } else {
              Logger.warn("connecting to {} failed: {}", server, e.getMessage());
            }
            events.disconnected(server.uri(), e, retry || moreThisRound);
            continue;
          }
          retryable = true;
          last = runConnected(server, link, connAck);
          if (lifecycle.stopping() || !options.reconnect().enabled() || !retryAfterLoss(last)) {
            return;
          }
          // After a loss, start over with the first server, as after the backoff.
          break;
        }
        // worthRetrying said no for every server (also when reconnect is off, or connect() gives
        // its first round one try); a lost connection was retryable unless reconnect is off.
        if (!retryable) return;
        int attempt = backoff.failed(System.nanoTime());
        // A connection dropped by networkChanged() is replaced at once.
        long delay = lifecycle.takeNetworkChange() ? 0 : backoff.delayMillis();
        Logger.info("reconnecting in {} ms (attempt {})", delay, attempt);
        lifecycle.waitingToReconnect();
        events.reconnecting(attempt, delay);
        if (!lifecycle.awaitRetry(delay, chores)) return;
      }
    } catch (InterruptedException e) {
      last = new NotConnectedException("the I/O thread was interrupted; not reconnecting");
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // From the chores while offline: the queue cannot sync.
      last = new ConnectionLostException("the outbound queue failed: " + e.getMessage(), e);
      Logger.error(e, "the outbound queue failed; the client stops reconnecting");
    } catch (RuntimeException | Error e) {
      Logger.error(e, "bug: the I/O thread of the client for {} failed", servers.get(0));
      last = new ConnectionLostException("the I/O thread failed: " + e, e);
      throw e;
    } finally {
      lifecycle.ended(Thread.currentThread());
      if (!firstConnect.isDone()) {
        firstConnect.fail(last != null ? last : new NotConnectedException(
            "connect gave up: " + lifecycle.stopReason()));
      }
    }
  }

  /** Runs one connection from CONNACK to its end; returns why it ended. */
  private MqttException runConnected(ServerAddress server, Link link, ConnAck connAck) {
    Throwable cause = null;
    boolean sessionPresent = connAck.sessionPresent();
    try {
      ServerCapabilities capabilities =
          Mqtt5Fields.capabilities(options.protocolVersion(), connAck);
      lifecycle.announced(capabilities);
      if (capabilities.assignedClientId() != null && options.clientId().isEmpty()) {
        // The session, if it outlives the link, belongs to that identifier: reconnect with it.
        connect = Mqtt5Fields.connect(options, capabilities.assignedClientId());
      }
      lifecycle.connected();
      backoff.connected(System.nanoTime());
      if (!sessionPresent) inbound.sessionReset();
      if (options.protocolVersion() == ProtocolVersion.MQTT_3_1_1) {
        outbound.resume(link, sessionPresent);
      } else {
        outbound.resume(link, sessionPresent, PublishShaper.mqtt5(capabilities),
            capabilities.receiveMaximum());
      }
      // Subscriptions first, so replies to what is re-sent find their handlers.
      onConnected.connected(link, sessionPresent);
      outbound.pump();
      Logger.info("connected to {} as '{}' (session present: {})",
          server, options.clientId(), sessionPresent);
      events.connected(server.uri(), sessionPresent);
      firstConnect.complete(sessionPresent);
      link.run(inbound.bind(link, server.uri()), chores);
    } catch (Throwable t) {
      cause = t;
    }
    return ended(server, link, cause);
  }

  private MqttException ended(ServerAddress server, Link link, Throwable cause) {
    String appReason = link.closeReason();
    if (link.writeFailure() != null) cause = link.writeFailure();
    link.close();
    MqttException failure = failure(server, cause, appReason);
    boolean willReconnect = appReason == null && options.reconnect().enabled()
        && retryAfterLoss(failure);
    if (willReconnect) {
      lifecycle.linkEnded(link);
    } else {
      // The loop ends: say so at once, so connect() may start over as soon as isConnected() is false.
      lifecycle.ended(Thread.currentThread());
    }
    List<PendingRequest> requests = outbound.detach(link);
    if (!requests.isEmpty()) {
      ConnectionLostException lost = new ConnectionLostException(appReason != null
          ? appReason + " before the broker answered" : failure.getMessage()
          + " (before the broker answered)", failure);
      for (PendingRequest request : requests) request.completion.fail(lost);
    }
    if (appReason != null) {
      Logger.info("disconnected from {}: {}", server, appReason);
    } else {
      Logger.warn("{}{}", failure.getMessage(), willReconnect ? "; reconnecting" : "");
    }
    events.disconnected(server.uri(), failure, willReconnect);
    if (cause instanceof Error) throw (Error) cause;
    if (cause instanceof RuntimeException) {
      Logger.error(cause, "bug: the connection to {} failed unexpectedly", server);
    }
    return failure;
  }

  private MqttException failure(ServerAddress server, Throwable cause, String appReason) {
    if (appReason != null) return new NotConnectedException(appReason);
    if (cause instanceof MqttException) return (MqttException) cause;
    String message = cause == null ? "ended" : String.valueOf(cause.getMessage());
    return new ConnectionLostException("connection to " + server + " lost: " + message, cause);
  }

  /**
   * Only failures no retry can fix stop the loop; see {@link dev.wren.mqtt.ReconnectOptions}. A
   * protocol error before the first CONNACK (garbage, a malformed CONNACK, not an MQTT broker)
   * stops it even for {@code connectAsync()}: the same server would answer the same way, and
   * backing off would only hide the cause behind a timeout. Once connected, it is retried: over a
   * long life a broker that broke the protocol once may well be fixed or replaced.
   */
  private boolean worthRetrying(MqttException e) {
    boolean first = !firstConnect.isDone();
    if (first && (!retryFirst || e instanceof MqttProtocolException)) return false;
    if (!options.reconnect().enabled()) return false;
    if (e instanceof ConnectionRefusedException.BadUsernameOrPasswordException
        || e instanceof ConnectionRefusedException.NotAuthorizedException) {
      return options.reconnect().retryOnAuthFailure();
    }
    if (e instanceof ConnectionRefusedException.ServerUnavailableException) return true;
    if (e instanceof ConnectionRefusedException) {
      // MQTT 5 codes that a later attempt may not meet again; the others would repeat.
      return retryableRefusal(((ConnectionRefusedException) e).code());
    }
    return retryAfterLoss(e);
  }

  /**
   * Whether a connection that was up and ended with {@code e} is worth another: always, except
   * after an MQTT 5 DISCONNECT whose code says a retry cannot help.
   */
  private boolean retryAfterLoss(MqttException e) {
    if (!(e instanceof DisconnectedByBrokerException)) return true;
    int code = ((DisconnectedByBrokerException) e).reasonCode();
    if (code == ReasonCode.NOT_AUTHORIZED || code == ReasonCode.BAD_AUTHENTICATION_METHOD) {
      return options.reconnect().retryOnAuthFailure();
    }
    // Another connection took the session over: reconnecting would take it back, and the two
    // clients would push each other off for ever.
    return code != ReasonCode.SESSION_TAKEN_OVER;
  }

  /** MQTT 5 CONNACK refusals worth another attempt after the backoff. */
  private static boolean retryableRefusal(int code) {
    switch (code) {
      case ReasonCode.UNSPECIFIED_ERROR:
      case ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR:
      case ReasonCode.SERVER_SHUTTING_DOWN:
      case ReasonCode.QUOTA_EXCEEDED:
      case ReasonCode.CONNECTION_RATE_EXCEEDED:
      case ReasonCode.USE_ANOTHER_SERVER:
      case ReasonCode.SERVER_MOVED:
        return true;
      default:
        return false;
    }
  }

  private ConnAck handshake(Link link, ServerAddress server, long deadline) throws MqttException {
    try {
      return link.handshake(connect, deadline, options.connectTimeoutMillis());
    } catch (MqttException e) {
      link.close();
      throw e;
    } catch (IOException e) {
      link.close();
      String reason = link.closeReason();
      if (reason != null) throw new NotConnectedException(reason);
      throw new ConnectionLostException(
          "connection to " + server + " lost before CONNACK: " + e.getMessage(), e);
    }
  }

  private Connection open(ServerAddress server, long deadline) throws MqttException {
    int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeoutMillis());
    try {
      return Transports.open(server, transport, deadline, timeout);
    } catch (MqttException e) {
      throw e; // TLS and proxy failures name their cause themselves
    } catch (SocketTimeoutException e) {
      MqttTimeoutException timedOut = new MqttTimeoutException("no TCP connection to "
          + server.host() + ":" + server.port() + " within " + timeout + " ms");
      timedOut.initCause(e);
      throw timedOut;
    } catch (IOException e) {
      throw new BrokerUnreachableException(server.host(), server.port(), e);
    }
  }
}
