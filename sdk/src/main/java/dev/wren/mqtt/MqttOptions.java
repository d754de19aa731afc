package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.InvalidTopicException;
import dev.wren.mqtt.internal.codec.MalformedStringException;
import dev.wren.mqtt.internal.codec.MqttStrings;
import dev.wren.mqtt.internal.codec.Topics;
import dev.wren.mqtt.internal.transport.ServerAddress;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * How a {@link MqttClient} connects and behaves. Immutable; build with {@link #builder()}, copy and
 * change with {@link #toBuilder()}. Arguments are checked as they are set, and the error names the
 * offending value. The password never appears in {@link #toString()}.
 */
public final class MqttOptions {
  /** The largest packet MQTT can frame: a 4-byte remaining length of 268,435,455 plus 5 bytes. */
  public static final int MQTT_MAX_PACKET_SIZE = 268_435_460;

  /**
   * The default in-flight window: 10 QoS 1/2 messages. A 3.1.1 broker cannot tell a client its
   * limit, and some drop what goes beyond it without a word (Mosquitto keeps 20 incoming QoS 2
   * messages per client as shipped and acknowledges the rest as if delivered); 10 is within every
   * widely deployed broker's shipped limit. See "The in-flight window" in docs/getting-started.md.
   */
  public static final int DEFAULT_MAX_INFLIGHT = 10;

  /** The default of {@link Builder#maxInboundPacketSize}: 1 MiB, fixed header included. */
  public static final int DEFAULT_MAX_INBOUND_PACKET_SIZE = 1024 * 1024;

  private final ServerAddress server;
  private final List<String> serverUris;
  private final String clientId;
  private final boolean cleanSession;
  private final int keepAliveSeconds;
  private final long connectTimeoutMillis;
  private final long pingTimeoutMillis;
  private final long operationTimeoutMillis;
  private final String username;
  private final byte[] password;
  private final Will will;
  private final int maxInboundPacketSize;
  private final int maxInflight;
  private final ThreadFactory threadFactory;
  private final MessageHandler defaultHandler;
  private final boolean callerWrites;
  // Resilience
  private final ReconnectOptions reconnect;
  private final QueueOptions queue;
  private final ClientListener listener;
  private final PacketListener packetListener;
  private final int offlineQos0Buffer;
  // Transport
  private final TlsOptions tls;
  private final HttpProxy httpProxy;
  private final WebSocketOptions webSocket;
  private final SocketFactory socketFactory;
  // MQTT 5
  private final ProtocolVersion protocolVersion;
  private final long sessionExpirySeconds;
  private final int receiveMaximum;
  private final boolean requestProblemInformation;
  private final List<UserProperty> userProperties;
  private final int topicAliasMaximum;

  private MqttOptions(Builder b) {
    this.server = b.servers.get(0);
    List<String> uris = new ArrayList<>(b.servers.size());
    for (ServerAddress address : b.servers) uris.add(address.uri());
    this.serverUris = Collections.unmodifiableList(uris);
    this.reconnect = b.reconnect;
    this.queue = b.queue;
    this.listener = b.listener;
    this.packetListener = b.packetListener;
    this.offlineQos0Buffer = b.offlineQos0Buffer;
    this.clientId = b.clientId;
    this.cleanSession = b.cleanSession;
    this.keepAliveSeconds = b.keepAliveSeconds;
    this.connectTimeoutMillis = b.connectTimeoutMillis;
    this.pingTimeoutMillis = b.pingTimeoutMillis > 0
        ? b.pingTimeoutMillis
        : Math.max(500L, keepAliveSeconds * 500L);
    this.operationTimeoutMillis = b.operationTimeoutMillis;
    this.username = b.username;
    this.password = b.password;
    this.will = b.will;
    this.maxInboundPacketSize = b.maxInboundPacketSize;
    this.maxInflight = b.maxInflight;
    this.threadFactory = b.threadFactory;
    this.defaultHandler = b.defaultHandler;
    this.callerWrites = b.callerWrites;
    // Transport
    this.tls = b.tls;
    this.httpProxy = b.httpProxy;
    this.webSocket = b.webSocket;
    this.socketFactory = b.socketFactory;
    // MQTT 5
    this.protocolVersion = b.protocolVersion;
    this.sessionExpirySeconds = b.sessionExpirySeconds;
    this.receiveMaximum = b.receiveMaximum;
    this.requestProblemInformation = b.requestProblemInformation;
    this.userProperties = Collections.unmodifiableList(new ArrayList<>(b.userProperties));
    this.topicAliasMaximum = b.topicAliasMaximum;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The (first) server URI as given, for example {@code tcp://broker.example:1883}. */
  public String serverUri() {
    return server.uri();
  }

  /** Every server URI, in the order the client tries them. */
  public List<String> serverUris() {
    return serverUris;
  }

  public ReconnectOptions reconnect() {
    return reconnect;
  }

  /** Where QoS 1/2 messages wait for their acknowledgement (default: memory, 10,000 messages). */
  public QueueOptions queue() {
    return queue;
  }

  /** Told about connection events and dropped messages, or null. */
  public ClientListener listener() {
    return listener;
  }

  /** Told of every packet sent and received, or null (default). */
  public PacketListener packetListener() {
    return packetListener;
  }

  /** How many QoS 0 messages published while offline are kept for the next connection (default 0). */
  public int offlineQos0Buffer() {
    return offlineQos0Buffer;
  }

  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  /** The client identifier; empty means the broker assigns one (clean sessions only). */
  public String clientId() {
    return clientId;
  }

  public boolean cleanSession() {
    return cleanSession;
  }

  /** Seconds of send silence after which the client sends PINGREQ; 0 disables keep-alive. */
  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  public long connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  /** How long the client waits for PINGRESP before declaring the link dead. */
  public long pingTimeoutMillis() {
    return pingTimeoutMillis;
  }

  /**
   * The deadline of calls that wait without taking one: {@code subscribe}, {@code unsubscribe},
   * and {@code publish} waiting for room in the in-flight window.
   */
  public long operationTimeoutMillis() {
    return operationTimeoutMillis;
  }

  /** The user name, or null. */
  public String username() {
    return username;
  }

  /** A copy of the password, or null. */
  public byte[] password() {
    return password == null ? null : password.clone();
  }

  /** The Last Will, or null. */
  public Will will() {
    return will;
  }

  /** Inbound packets larger than this (fixed header included) close the connection. */
  public int maxInboundPacketSize() {
    return maxInboundPacketSize;
  }

  /** QoS 1 and 2 messages sent and not yet acknowledged, at most. */
  public int maxInflight() {
    return maxInflight;
  }

  /** Makes the client's one I/O thread, or null for the default (see the builder). */
  public ThreadFactory threadFactory() {
    return threadFactory;
  }

  /** Receives messages no subscription's handler matches, or null to log and drop them. */
  public MessageHandler defaultHandler() {
    return defaultHandler;
  }

  /**
   * Whether {@code publish}, {@code subscribe}, {@code unsubscribe}, {@code disconnect} and
   * {@code close} may write to the socket on the calling thread (default true). On Android's main
   * thread they never do, whatever this says; see {@link Builder#callerWrites}.
   */
  public boolean callerWrites() {
    return callerWrites;
  }

  // Transport
  /**
   * The TLS settings for the {@code ssl://} and {@code mqtts://} servers: the ones given, or
   * {@link TlsOptions#defaults()}; null when every server is plain.
   */
  public TlsOptions tls() {
    if (tls != null) return tls;
    for (String uri : serverUris) {
      if (ServerAddress.parse(uri).secure()) return TlsOptions.defaults();
    }
    return null;
  }

  /** The HTTP proxy the connection is tunnelled through, or null to connect directly. */
  public HttpProxy httpProxy() {
    return httpProxy;
  }

  /** How to speak WebSocket to {@code ws://} and {@code wss://} servers; never null. */
  public WebSocketOptions webSocket() {
    return webSocket != null ? webSocket : WebSocketOptions.defaults();
  }

  /** Makes the TCP sockets (to the broker, or to the proxy); never null. */
  public SocketFactory socketFactory() {
    return socketFactory != null ? socketFactory : SocketFactory.getDefault();
  }

  // MQTT 5
  /** The MQTT version spoken (default {@link ProtocolVersion#MQTT_3_1_1}). */
  public ProtocolVersion protocolVersion() {
    return protocolVersion;
  }

  /**
   * The Session Expiry Interval sent in an MQTT 5 CONNECT, in seconds, or -1 when not set: then a
   * clean session sends 0 (the session ends with the connection) and a persistent one
   * 4294967295 (it never expires), which is what 3.1.1 means by those.
   */
  public long sessionExpirySeconds() {
    return sessionExpirySeconds;
  }

  /** The session expiry CONNECT carries under MQTT 5, resolved as {@link #sessionExpirySeconds} says. */
  public long effectiveSessionExpirySeconds() {
    if (sessionExpirySeconds >= 0) return sessionExpirySeconds;
    return cleanSession ? 0 : 4_294_967_295L;
  }

  /** QoS 1/2 messages the broker may send this client unacknowledged at once (MQTT 5; 65535). */
  public int receiveMaximum() {
    return receiveMaximum;
  }

  /** Whether the broker may put Reason Strings and User Properties in failures (MQTT 5; true). */
  public boolean requestProblemInformation() {
    return requestProblemInformation;
  }

  /** User properties the MQTT 5 CONNECT carries, in order. */
  public List<UserProperty> userProperties() {
    return userProperties;
  }

  /** Topic aliases the broker may set in messages to this client (MQTT 5; default 0, none). */
  public int topicAliasMaximum() {
    return topicAliasMaximum;
  }

  @Override public String toString() {
    return "MqttOptions{servers=" + serverUris
        + (protocolVersion != ProtocolVersion.MQTT_3_1_1 ? ", MQTT " + protocolVersion : "")
        + ", clientId=" + clientId
        + ", cleanSession=" + cleanSession
        + ", keepAlive=" + keepAliveSeconds + "s"
        + ", connectTimeout=" + connectTimeoutMillis + "ms"
        + ", pingTimeout=" + pingTimeoutMillis + "ms"
        + ", operationTimeout=" + operationTimeoutMillis + "ms"
        + (username != null ? ", username=" + username : "")
        + (password != null ? ", password=<hidden>" : "")
        + (will != null ? ", will=" + will : "")
        + ", maxInboundPacketSize=" + maxInboundPacketSize
        + ", maxInflight=" + maxInflight
        + (callerWrites ? "" : ", callerWrites=false")
        + ", reconnect=" + reconnect
        + ", queue=" + queue
        + (offlineQos0Buffer > 0 ? ", offlineQos0Buffer=" + offlineQos0Buffer : "")
        + (tls != null ? ", tls=" + tls : "")
        + (httpProxy != null ? ", httpProxy=" + httpProxy : "")
        + (webSocket != null ? ", webSocket=" + webSocket : "")
        + (socketFactory != null ? ", socketFactory=" + socketFactory.getClass().getName() : "")
        + (sessionExpirySeconds >= 0 ? ", sessionExpiry=" + sessionExpirySeconds + "s" : "")
        + (receiveMaximum != 65535 ? ", receiveMaximum=" + receiveMaximum : "")
        + (requestProblemInformation ? "" : ", requestProblemInformation=false")
        + (userProperties.isEmpty() ? "" : ", userProperties=" + userProperties.size())
        + "}";
  }

  /** Builds {@link MqttOptions}. Only the server URI is required. */
  public static final class Builder {
    private List<ServerAddress> servers = new ArrayList<>();
    private String clientId = "";
    private boolean cleanSession = true;
    private int keepAliveSeconds = 60;
    private long connectTimeoutMillis = 30_000;
    private long pingTimeoutMillis;
    private long operationTimeoutMillis = 30_000;
    private String username;
    private byte[] password;
    private Will will;
    private int maxInboundPacketSize = DEFAULT_MAX_INBOUND_PACKET_SIZE;
    private int maxInflight = DEFAULT_MAX_INFLIGHT;
    private ThreadFactory threadFactory;
    private MessageHandler defaultHandler;
    private boolean callerWrites = true;
    private ReconnectOptions reconnect = ReconnectOptions.defaults();
    private QueueOptions queue = QueueOptions.memory(10_000);
    private ClientListener listener;
    private PacketListener packetListener;
    private int offlineQos0Buffer;
    // Transport
    private TlsOptions tls;
    private HttpProxy httpProxy;
    private WebSocketOptions webSocket;
    private SocketFactory socketFactory;
    // MQTT 5
    private ProtocolVersion protocolVersion = ProtocolVersion.MQTT_3_1_1;
    private long sessionExpirySeconds = -1;
    private int receiveMaximum = 65535;
    private boolean requestProblemInformation = true;
    private List<UserProperty> userProperties = new ArrayList<>();
    private int topicAliasMaximum;

    private Builder() {
    }

    private Builder(MqttOptions o) {
      for (String uri : o.serverUris) servers.add(ServerAddress.parse(uri));
      this.reconnect = o.reconnect;
      this.queue = o.queue;
      this.listener = o.listener;
      this.packetListener = o.packetListener;
      this.offlineQos0Buffer = o.offlineQos0Buffer;
      this.clientId = o.clientId;
      this.cleanSession = o.cleanSession;
      this.keepAliveSeconds = o.keepAliveSeconds;
      this.connectTimeoutMillis = o.connectTimeoutMillis;
      this.pingTimeoutMillis = o.pingTimeoutMillis;
      this.operationTimeoutMillis = o.operationTimeoutMillis;
      this.username = o.username;
      this.password = o.password;
      this.will = o.will;
      this.maxInboundPacketSize = o.maxInboundPacketSize;
      this.maxInflight = o.maxInflight;
      this.threadFactory = o.threadFactory;
      this.defaultHandler = o.defaultHandler;
      this.callerWrites = o.callerWrites;
      // Transport
      this.tls = o.tls;
      this.httpProxy = o.httpProxy;
      this.webSocket = o.webSocket;
      this.socketFactory = o.socketFactory;
      // MQTT 5
      this.protocolVersion = o.protocolVersion;
      this.sessionExpirySeconds = o.sessionExpirySeconds;
      this.receiveMaximum = o.receiveMaximum;
      this.requestProblemInformation = o.requestProblemInformation;
      this.userProperties = new ArrayList<>(o.userProperties);
      this.topicAliasMaximum = o.topicAliasMaximum;
    }

    /**
     * The broker, as {@code tcp://host[:port]} (port 1883 by default), or over TLS as
     * {@code ssl://host[:port]} or {@code mqtts://host[:port]} (port 8883 by default; see
     * {@link #tls}), or over WebSocket as {@code ws://host[:port][/path]} (port 80) or
     * {@code wss://} (over TLS, port 443), the path {@code /mqtt} when none is given (see
     * {@link #webSocket}). IPv6 literals go in brackets: {@code tcp://[::1]:1883}.
     */
    public Builder serverUri(String uri) {
      return serverUris(uri);
    }

    /**
     * Several brokers, tried in this order at each (re)connect: the first one that accepts wins.
     * Replaces the URIs set before.
     */
    public Builder serverUris(String... uris) {
      if (uris == null) throw new NullPointerException("uris == null");
      if (uris.length == 0) throw new IllegalArgumentException("serverUris: give at least one URI");
      List<ServerAddress> parsed = new ArrayList<>(uris.length);
      for (String uri : uris) parsed.add(ServerAddress.parse(uri));
      this.servers = parsed;
      return this;
    }

    /** How to reconnect after a lost connection (default {@link ReconnectOptions#defaults()}). */
    public Builder reconnect(ReconnectOptions reconnect) {
      if (reconnect == null) throw new NullPointerException("reconnect == null");
      this.reconnect = reconnect;
      return this;
    }

    /**
     * Where QoS 1/2 messages wait until the broker acknowledges them (default
     * {@code QueueOptions.memory(10_000)}); {@link QueueOptions#files} survives restarts.
     */
    public Builder queue(QueueOptions queue) {
      if (queue == null) throw new NullPointerException("queue == null");
      this.queue = queue;
      return this;
    }

    /** Told about connection events and dropped messages; null for none. */
    public Builder listener(ClientListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Tells {@code listener} of every packet sent and received, for debug output (null, the
     * default: none, and no packet is described). See {@link PacketListener} for its threads.
     */
    public Builder packetListener(PacketListener listener) {
      this.packetListener = listener;
      return this;
    }

    /**
     * Keeps up to {@code messages} QoS 0 messages published while offline and sends them on the
     * next connection, dropping the oldest beyond that (default 0: drop and report each).
     */
    public Builder offlineQos0Buffer(int messages) {
      if (messages < 0) throw new IllegalArgumentException("offlineQos0Buffer must be >= 0: " + messages);
      this.offlineQos0Buffer = messages;
      return this;
    }

    /**
     * The client identifier: valid UTF-8 of at most 65535 bytes. Empty (the default) lets the
     * broker assign one and needs a clean session.
     */
    public Builder clientId(String clientId) {
      if (clientId == null) throw new NullPointerException("clientId == null");
      checkString("clientId", clientId);
      this.clientId = clientId;
      return this;
    }

    /** Whether the broker starts a new session on connect (default true). */
    public Builder cleanSession(boolean cleanSession) {
      this.cleanSession = cleanSession;
      return this;
    }

    /** Keep-alive in seconds, 0 to 65535 (default 60); 0 disables PINGREQ. */
    public Builder keepAliveSeconds(int seconds) {
      if (seconds < 0 || seconds > 65535) {
        throw new IllegalArgumentException("keepAliveSeconds must be 0..65535: " + seconds);
      }
      this.keepAliveSeconds = seconds;
      return this;
    }

    /**
     * Deadline for the connection (TCP, proxy, TLS handshake, WebSocket upgrade) plus CONNACK
     * (default 30 s).
     */
    public Builder connectTimeout(long timeout, TimeUnit unit) {
      this.connectTimeoutMillis = Durations.positiveMillis("connectTimeout", timeout, unit);
      return this;
    }

    /** Deadline for PINGRESP after a PINGREQ (default: half the keep-alive, at least 500 ms). */
    public Builder pingTimeout(long timeout, TimeUnit unit) {
      this.pingTimeoutMillis = Durations.positiveMillis("pingTimeout", timeout, unit);
      return this;
    }

    /** Deadline of the calls that take none (default 30 s); see {@link #operationTimeoutMillis}. */
    public Builder operationTimeout(long timeout, TimeUnit unit) {
      this.operationTimeoutMillis = Durations.positiveMillis("operationTimeout", timeout, unit);
      return this;
    }

    /** The user name, or null for none. */
    public Builder username(String username) {
      if (username != null) checkString("username", username);
      this.username = username;
      return this;
    }

    /** The password (binary in MQTT), or null for none; copied. Needs a user name. */
    public Builder password(byte[] password) {
      if (password != null && password.length > 65535) {
        throw new IllegalArgumentException(
            "password is " + password.length + " bytes; MQTT allows at most 65535");
      }
      this.password = password == null ? null : password.clone();
      return this;
    }

    /** The password as UTF-8, or null for none. */
    public Builder password(String password) {
      return password(password == null ? null : password.getBytes(Charset.forName("UTF-8")));
    }

    /** The Last Will, or null for none. */
    public Builder will(Will will) {
      if (will != null) {
        try {
          Topics.validateName(will.topic());
        } catch (InvalidTopicException | MalformedStringException e) {
          throw new IllegalArgumentException("will topic: " + e.getMessage(), e);
        }
      }
      this.will = will;
      return this;
    }

    /** Largest inbound packet accepted, fixed header included (default 1 MiB). */
    public Builder maxInboundPacketSize(int bytes) {
      if (bytes < 2 || bytes > MQTT_MAX_PACKET_SIZE) {
        throw new IllegalArgumentException(
            "maxInboundPacketSize must be 2.." + MQTT_MAX_PACKET_SIZE + ": " + bytes);
      }
      this.maxInboundPacketSize = bytes;
      return this;
    }

    /**
     * QoS 1 and 2 messages sent and not yet acknowledged at most, 1 to 65535 (default
     * {@value MqttOptions#DEFAULT_MAX_INFLIGHT}). Raise it only up to what your broker accepts
     * from one client: MQTT 3.1.1 has no way for a broker to announce its limit, and a broker that
     * is sent more may drop the excess while acknowledging it (Mosquitto does so for QoS 2 beyond
     * its {@code max_inflight_messages}, 20 by default), which no 3.1.1 client can detect.
     */
    public Builder maxInflight(int messages) {
      if (messages < 1 || messages > 65535) {
        throw new IllegalArgumentException("maxInflight must be 1..65535: " + messages);
      }
      this.maxInflight = messages;
      return this;
    }

    /**
     * Makes the client's I/O thread (default: a daemon thread named {@code wren-io-CLIENTID}).
     * Use it to pick a priority, a non-daemon or a virtual thread; null restores the default.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = threadFactory;
      return this;
    }

    /** Receives messages that match no subscription's handler; null (default) logs and drops. */
    public Builder defaultHandler(MessageHandler handler) {
      this.defaultHandler = handler;
      return this;
    }

    /**
     * Whether application threads write to the socket themselves (default true): a QoS 0
     * PUBLISH, SUBSCRIBE, UNSUBSCRIBE and DISCONNECT are written, and a QoS 1/2 message sent, by
     * the thread that asked, with no hand-off. With false, and always on Android's main thread
     * (found through {@code android.os.Looper}), those writes go in order to the client's writer
     * thread, which exists only while writes are pending; the call returns without touching the
     * socket. What stays on the caller: appending a QoS 1/2 message to the queue (and syncing it
     * under {@link SyncPolicy#ALWAYS}), and waiting where the call waits (a full queue, the
     * blocking {@code subscribe}, {@code close()} waiting for the I/O thread).
     */
    public Builder callerWrites(boolean callerWrites) {
      this.callerWrites = callerWrites;
      return this;
    }

    // Transport
    /**
     * TLS settings for an {@code ssl://} or {@code mqtts://} server (default:
     * {@link TlsOptions#defaults()}); null restores the default. A {@code tcp://} server with
     * TLS settings fails {@link #build()}.
     */
    public Builder tls(TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Reaches the broker through an HTTP proxy with {@code CONNECT}, for every scheme:
     * {@code http://[user:password@]host:port}, the user info giving Basic credentials; null
     * connects directly.
     *
     * @throws IllegalArgumentException naming what is wrong with the URI (never its password)
     */
    public Builder httpProxy(String uri) {
      this.httpProxy = uri == null ? null : HttpProxy.parse(uri);
      return this;
    }

    /** Like {@link #httpProxy(String)}, from a parsed proxy; null connects directly. */
    public Builder httpProxy(HttpProxy proxy) {
      this.httpProxy = proxy;
      return this;
    }

    /**
     * WebSocket settings for {@code ws://} and {@code wss://} servers (default:
     * {@link WebSocketOptions#defaults()}); null restores the default. Given while no server is
     * WebSocket, they fail {@link #build()}.
     */
    public Builder webSocket(WebSocketOptions webSocket) {
      this.webSocket = webSocket;
      return this;
    }

    /**
     * Makes the TCP sockets, unconnected ({@link SocketFactory#createSocket()}), to the broker or
     * to the HTTP proxy; TLS and WebSocket are layered on them. On Android,
     * {@code network.getSocketFactory()} keeps the connection on that {@code Network}. Null
     * (default) means {@link SocketFactory#getDefault()}.
     */
    public Builder socketFactory(SocketFactory socketFactory) {
      this.socketFactory = socketFactory;
      return this;
    }

    // MQTT 5
    /**
     * The MQTT version to speak (default {@link ProtocolVersion#MQTT_3_1_1}, which every broker
     * accepts). Everything else works the same under both: transports, reconnect, the queue,
     * sessions. The options and message properties only MQTT 5 has are refused under 3.1.1.
     */
    public Builder protocolVersion(ProtocolVersion version) {
      if (version == null) throw new NullPointerException("version == null");
      this.protocolVersion = version;
      return this;
    }

    /**
     * MQTT 5: how long the broker keeps the session after the connection ends, 0 to 4294967295
     * seconds (that one meaning never). Unset, a clean session sends 0 and a persistent one
     * ({@code cleanSession(false)}) never expires, as under 3.1.1. With {@code cleanSession(true)}
     * each connection still starts a new session, which then outlives the connection by this.
     */
    public Builder sessionExpiry(long duration, TimeUnit unit) {
      if (unit == null) throw new NullPointerException("unit == null");
      long seconds = unit.toSeconds(duration);
      if (duration < 0 || seconds > 4_294_967_295L) {
        throw new IllegalArgumentException("sessionExpiry must be 0..4294967295 seconds: "
            + duration + " " + unit);
      }
      this.sessionExpirySeconds = seconds;
      return this;
    }

    /**
     * MQTT 5: QoS 1/2 messages the broker may send this client before it acknowledges them, 1 to
     * 65535 (default 65535, the protocol's default, not sent). A broker that sends more breaks
     * the protocol, and the client disconnects with reason code 0x93.
     */
    public Builder receiveMaximum(int messages) {
      if (messages < 1 || messages > 65535) {
        throw new IllegalArgumentException("receiveMaximum must be 1..65535: " + messages);
      }
      this.receiveMaximum = messages;
      return this;
    }

    /**
     * MQTT 5: whether the broker may add a Reason String and User Properties to its failure
     * answers (default true). False saves a few bytes; failures then name only the reason code.
     */
    public Builder requestProblemInformation(boolean request) {
      this.requestProblemInformation = request;
      return this;
    }

    /**
     * MQTT 5: how many topic aliases the broker may set in the messages it sends this client,
     * 0 to 65535 (default 0: none, the broker sends every topic in full). An alias replaces a
     * topic by two bytes after its first message on a connection; the client keeps a table of
     * this many topics per connection.
     */
    public Builder topicAliasMaximum(int aliases) {
      if (aliases < 0 || aliases > 65535) {
        throw new IllegalArgumentException("topicAliasMaximum must be 0..65535: " + aliases);
      }
      this.topicAliasMaximum = aliases;
      return this;
    }

    /** MQTT 5: adds a user property to CONNECT (names may repeat; order is kept). */
    public Builder userProperty(String name, String value) {
      userProperties.add(UserProperty.of(name, value));
      return this;
    }

    /**
     * @throws IllegalArgumentException if TLS settings were given but no server uses TLS, or
     *     WebSocket settings but no server uses WebSocket
     * @throws IllegalStateException if the server URI is missing, an empty client id is combined
     *     with a persistent session, or a password is set without a user name
     */
    public MqttOptions build() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("serverUri not set, for example tcp://localhost:1883");
      }
      if (clientId.isEmpty() && !cleanSession) {
        throw new IllegalStateException(
            "an empty clientId needs cleanSession(true); set a clientId to keep a session");
      }
      if (password != null && username == null && protocolVersion == ProtocolVersion.MQTT_3_1_1) {
        throw new IllegalStateException("MQTT 3.1.1 sends a password only with a username"
            + " (MQTT 5 allows a password alone: protocolVersion(ProtocolVersion.MQTT_5_0))");
      }
      if (protocolVersion == ProtocolVersion.MQTT_3_1_1) {
        only5(sessionExpirySeconds >= 0, "sessionExpiry(" + sessionExpirySeconds + " s)");
        only5(receiveMaximum != 65535, "receiveMaximum(" + receiveMaximum + ")");
        only5(!requestProblemInformation, "requestProblemInformation(false)");
        only5(topicAliasMaximum != 0, "topicAliasMaximum(" + topicAliasMaximum + ")");
        only5(!userProperties.isEmpty(), "userProperty(" + (userProperties.isEmpty() ? ""
            : userProperties.get(0).name()) + ", ...)");
        if (will != null) will.checkVersion(protocolVersion);
      }
      // Transport
      boolean anySecure = false;
      for (ServerAddress s : servers) anySecure |= s.secure();
      if (tls != null && !anySecure) {
        ServerAddress server = servers.get(0);
        boolean ws = server.webSocket();
        throw new IllegalArgumentException("TLS options were given but the server URI "
            + server.uri() + " is not TLS; use " + (ws ? "wss://" : "ssl://") + server.uri()
                .substring(server.uri().indexOf("://") + 3) + (ws ? "" : " (or mqtts://)")
            + " for TLS");
      }
      WebSocketOptions.checkUsed(webSocket, servers);
      return new MqttOptions(this);
    }

    /** An MQTT 5 option given to a 3.1.1 client is refused, never dropped. */
    private static void only5(boolean given, String option) {
      if (given) {
        throw new IllegalStateException(option + " is an MQTT 5 option, but the client speaks"
            + " MQTT 3.1.1: set protocolVersion(ProtocolVersion.MQTT_5_0), or remove it");
      }
    }

    private static void checkString(String name, String value) {
      try {
        MqttStrings.check(value);
      } catch (MalformedStringException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }
  }
}
