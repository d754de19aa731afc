package dev.wren.mqtt.internal.queue;

/** A message as the {@link OutboundQueue} hands it out. Immutable. */
public final class QueuedMessage {
  private final long seq;
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retain;
  private final boolean pubrelSent;

  public QueuedMessage(long seq, String topic, byte[] payload, int qos, boolean retain,
      boolean pubrelSent) {
    this.seq = seq;
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.pubrelSent = pubrelSent;
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

  /** QoS 2 only: PUBREL was sent before, so the flow resumes with PUBREL. */
  public boolean pubrelSent() {
    return pubrelSent;
  }

  @Override public String toString() {
    return "QueuedMessage{seq=" + seq + ", id=" + packetId() + ", topic=" + topic + ", qos=" + qos
        + (retain ? ", retain" : "") + (pubrelSent ? ", pubrel sent" : "") + ", "
        + payload.length + " bytes}";
  }
}
