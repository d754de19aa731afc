package dev.wren.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the broker announced in its CONNACK for the current connection
 * ({@link MqttClient#serverCapabilities()}), renewed on every reconnect. Under MQTT 3.1.1 a broker
 * announces nothing, so every value is the protocol's default: everything available, QoS 2,
 * Receive Maximum 65535, no topic aliases. Immutable.
 */
public final class ServerCapabilities {
  /** The largest packet MQTT allows, announced when the broker sets no Maximum Packet Size. */
  public static final long NO_PACKET_SIZE_LIMIT = 268_435_460L;

  private final ProtocolVersion version;
  private final int receiveMaximum;
  private final Qos maximumQos;
  private final boolean retainAvailable;
  private final long maximumPacketSize;
  private final int topicAliasMaximum;
  private final boolean wildcardSubscriptionAvailable;
  private final boolean subscriptionIdentifiersAvailable;
  private final boolean sharedSubscriptionAvailable;
  private final int serverKeepAliveSeconds;
  private final long sessionExpirySeconds;
  private final String assignedClientId;
  private final String serverReference;
  private final String responseInformation;
  private final String reasonString;
  private final List<UserProperty> userProperties;

  private ServerCapabilities(Builder b) {
    this.version = b.version;
    this.receiveMaximum = b.receiveMaximum;
    this.maximumQos = b.maximumQos;
    this.retainAvailable = b.retainAvailable;
    this.maximumPacketSize = b.maximumPacketSize;
    this.topicAliasMaximum = b.topicAliasMaximum;
    this.wildcardSubscriptionAvailable = b.wildcardSubscriptionAvailable;
    this.subscriptionIdentifiersAvailable = b.subscriptionIdentifiersAvailable;
    this.sharedSubscriptionAvailable = b.sharedSubscriptionAvailable;
    this.serverKeepAliveSeconds = b.serverKeepAliveSeconds;
    this.sessionExpirySeconds = b.sessionExpirySeconds;
    this.assignedClientId = b.assignedClientId;
    this.serverReference = b.serverReference;
    this.responseInformation = b.responseInformation;
    this.reasonString = b.reasonString;
    this.userProperties = Collections.unmodifiableList(new ArrayList<>(b.userProperties));
  }

  /** A builder with the protocol defaults of {@code version}; the client fills it from CONNACK. */
  public static Builder builder(ProtocolVersion version) {
    if (version == null) throw new NullPointerException("version == null");
    return new Builder(version);
  }

  public ProtocolVersion protocolVersion() {
    return version;
  }

  /** QoS 1 and 2 messages the broker accepts unacknowledged at once (1..65535). */
  public int receiveMaximum() {
    return receiveMaximum;
  }

  /** The highest QoS the broker accepts in PUBLISH; a publish above it fails at once. */
  public Qos maximumQos() {
    return maximumQos;
  }

  /** Whether the broker keeps retained messages; a retained publish fails at once when not. */
  public boolean retainAvailable() {
    return retainAvailable;
  }

  /** The largest packet the broker accepts, in bytes; a larger publish fails at once. */
  public long maximumPacketSize() {
    return maximumPacketSize;
  }

  /** Topic aliases the broker accepts from this client (0: none). */
  public int topicAliasMaximum() {
    return topicAliasMaximum;
  }

  public boolean wildcardSubscriptionAvailable() {
    return wildcardSubscriptionAvailable;
  }

  public boolean subscriptionIdentifiersAvailable() {
    return subscriptionIdentifiersAvailable;
  }

  public boolean sharedSubscriptionAvailable() {
    return sharedSubscriptionAvailable;
  }

  /**
   * The keep-alive the broker imposed (Server Keep Alive), which the client uses instead of its
   * own; -1 when the broker kept the client's.
   */
  public int serverKeepAliveSeconds() {
    return serverKeepAliveSeconds;
  }

  /** The session expiry the broker imposed, in seconds; -1 when it kept the client's. */
  public long sessionExpirySeconds() {
    return sessionExpirySeconds;
  }

  /** The client identifier the broker assigned to a client that connected with none, or null. */
  public String assignedClientId() {
    return assignedClientId;
  }

  /** Another server the broker suggests (Server Reference), or null. */
  public String serverReference() {
    return serverReference;
  }

  /** Response Information (the basis of response topics), or null unless asked for. */
  public String responseInformation() {
    return responseInformation;
  }

  /** The broker's Reason String in CONNACK, or null. */
  public String reasonString() {
    return reasonString;
  }

  /** The broker's user properties in CONNACK, in order. */
  public List<UserProperty> userProperties() {
    return userProperties;
  }

  @Override public String toString() {
    return "ServerCapabilities{MQTT " + version + ", receiveMaximum=" + receiveMaximum
        + ", maximumQos=" + maximumQos.value() + ", retain=" + retainAvailable
        + ", maximumPacketSize=" + maximumPacketSize + ", topicAliasMaximum=" + topicAliasMaximum
        + ", wildcards=" + wildcardSubscriptionAvailable + ", subscriptionIdentifiers="
        + subscriptionIdentifiersAvailable + ", shared=" + sharedSubscriptionAvailable
        + (serverKeepAliveSeconds >= 0 ? ", serverKeepAlive=" + serverKeepAliveSeconds : "")
        + (sessionExpirySeconds >= 0 ? ", sessionExpiry=" + sessionExpirySeconds : "")
        + (assignedClientId != null ? ", assignedClientId=" + assignedClientId : "")
        + (serverReference != null ? ", serverReference=" + serverReference : "") + "}";
  }

  /** Builds {@link ServerCapabilities}; every value starts at the protocol's default. */
  public static final class Builder {
    private final ProtocolVersion version;
    private int receiveMaximum = 65535;
    private Qos maximumQos = Qos.EXACTLY_ONCE;
    private boolean retainAvailable = true;
    private long maximumPacketSize = NO_PACKET_SIZE_LIMIT;
    private int topicAliasMaximum;
    private boolean wildcardSubscriptionAvailable = true;
    private boolean subscriptionIdentifiersAvailable = true;
    private boolean sharedSubscriptionAvailable = true;
    private int serverKeepAliveSeconds = -1;
    private long sessionExpirySeconds = -1;
    private String assignedClientId;
    private String serverReference;
    private String responseInformation;
    private String reasonString;
    private final List<UserProperty> userProperties = new ArrayList<>();

    private Builder(ProtocolVersion version) {
      this.version = version;
    }

    public Builder receiveMaximum(int receiveMaximum) {
      if (receiveMaximum < 1 || receiveMaximum > 65535) {
        throw new IllegalArgumentException("receiveMaximum must be 1..65535: " + receiveMaximum);
      }
      this.receiveMaximum = receiveMaximum;
      return this;
    }

    public Builder maximumQos(Qos maximumQos) {
      if (maximumQos == null) throw new NullPointerException("maximumQos == null");
      this.maximumQos = maximumQos;
      return this;
    }

    public Builder retainAvailable(boolean available) {
      this.retainAvailable = available;
      return this;
    }

    public Builder maximumPacketSize(long bytes) {
      if (bytes < 1 || bytes > 4_294_967_295L) {
        throw new IllegalArgumentException("maximumPacketSize must be 1..4294967295: " + bytes);
      }
      this.maximumPacketSize = Math.min(bytes, NO_PACKET_SIZE_LIMIT);
      return this;
    }

    public Builder topicAliasMaximum(int maximum) {
      if (maximum < 0 || maximum > 65535) {
        throw new IllegalArgumentException("topicAliasMaximum must be 0..65535: " + maximum);
      }
      this.topicAliasMaximum = maximum;
      return this;
    }

    public Builder wildcardSubscriptionAvailable(boolean available) {
      this.wildcardSubscriptionAvailable = available;
      return this;
    }

    public Builder subscriptionIdentifiersAvailable(boolean available) {
      this.subscriptionIdentifiersAvailable = available;
      return this;
    }

    public Builder sharedSubscriptionAvailable(boolean available) {
      this.sharedSubscriptionAvailable = available;
      return this;
    }

    /** -1 for none. */
    public Builder serverKeepAliveSeconds(int seconds) {
      if (seconds < -1 || seconds > 65535) {
        throw new IllegalArgumentException("serverKeepAliveSeconds must be -1..65535: " + seconds);
      }
      this.serverKeepAliveSeconds = seconds;
      return this;
    }

    /** -1 for none. */
    public Builder sessionExpirySeconds(long seconds) {
      if (seconds < -1 || seconds > 4_294_967_295L) {
        throw new IllegalArgumentException("sessionExpirySeconds must be -1..4294967295: " + seconds);
      }
      this.sessionExpirySeconds = seconds;
      return this;
    }

    public Builder assignedClientId(String id) {
      this.assignedClientId = id;
      return this;
    }

    public Builder serverReference(String reference) {
      this.serverReference = reference;
      return this;
    }

    public Builder responseInformation(String information) {
      this.responseInformation = information;
      return this;
    }

    public Builder reasonString(String reason) {
      this.reasonString = reason;
      return this;
    }

    public Builder addUserProperty(UserProperty property) {
      if (property == null) throw new NullPointerException("property == null");
      userProperties.add(property);
      return this;
    }

    public ServerCapabilities build() {
      return new ServerCapabilities(this);
    }
  }
}
