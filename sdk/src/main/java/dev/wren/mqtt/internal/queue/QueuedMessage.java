package dev.wren.mqtt.internal.queue;

/** A message as the {@link OutboundQueue} hands it out. Immutable. */
public final class QueuedMessage {
  /** {@link #deadline()} of a message that does not expire. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  private final long seq;
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retain;
  private final boolean pubrelSent;
  private final long deadline;
  private final byte[] properties;

  public QueuedMessage(long seq, String topic, byte[] payload, int qos, boolean retain,
      boolean pubrelSent) {
    this(seq, topic, payload, qos, retain, pubrelSent, NO_DEADLINE);
  }

  public QueuedMessage(long seq, String topic, byte[] payload, int qos, boolean retain,
      boolean pubrelSent, long deadline) {
    this(seq, topic, payload, qos, retain, pubrelSent, deadline, null);
  }

  /** @param properties the MQTT 5 property block stored with the message, or null */
  public QueuedMessage(long seq, String topic, byte[] payload, int qos, boolean retain,
      boolean pubrelSent, long deadline, byte[] properties) {
    this.properties = properties;
    this.seq = seq;
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.pubrelSent = pubrelSent;
    this.deadline = deadline;
  }

  /**
   * The wall-clock time (milliseconds since 1970-01-01 UTC) from which the queue no longer hands
   * the message out, or {@link #NO_DEADLINE}.
   */
  public long deadline() {
    return deadline;
  }

  /** The deadline of a message appended at {@code nowMillis} to live {@code lifetimeMillis}. */
  public static long deadlineOf(long nowMillis, long lifetimeMillis) {
    if (lifetimeMillis < 0) return NO_DEADLINE;
    long d = nowMillis + lifetimeMillis;
    return d < nowMillis || d == NO_DEADLINE ? NO_DEADLINE - 1 : d;
  }

  /**
   * The packet identifier of sequence number {@code seq}: 1..65535, cycling. The client never has
   * two messages in flight whose sequence numbers are 65535 or more apart, so identifiers in
   * flight are distinct.
   */
  public static int packetIdOf(long seq) {
    return (int) (seq % 65535) + 1;
  }

  public long seq() {
    return seq;
  }

  public int packetId() {
    return packetIdOf(seq);
  }

  public String topic() {
    return topic;
  }

  /** The stored bytes; not copied, do not modify. */
  public byte[] payload() {
    return payload;
  }

  public int qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  /** The MQTT 5 property block appended with the message, or null; not copied, do not modify. */
  public byte[] properties() {
    return properties;
  }

  /** QoS 2 only: PUBREL was sent before, so the flow resumes with PUBREL. */
  public boolean pubrelSent() {
    return pubrelSent;
  }

  @Override public String toString() {
    return "QueuedMessage{seq=" + seq + ", id=" + packetId() + ", topic=" + topic + ", qos=" + qos
        + (retain ? ", retain" : "") + (pubrelSent ? ", pubrel sent" : "")
        + (deadline == NO_DEADLINE ? "" : ", deadline " + deadline) + ", "
        + payload.length + " bytes}";
  }
}
