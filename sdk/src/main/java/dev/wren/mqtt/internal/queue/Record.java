package dev.wren.mqtt.internal.queue;

/**
 * One decoded queue record (see {@link QueueFormat}): a message, or a step of a message's life
 * (ACK, PUBREL, DROP), or a CHECKPOINT of those steps. Immutable; arrays are not copied.
 */
final class Record {
  final int type;
  /** The message the record is about; -1 for a CHECKPOINT. */
  final long seq;
  final int qos;
  final boolean retain;
  final String topic;
  final byte[] payload;
  /** MESSAGE only: when it stops being sent, or {@link QueuedMessage#NO_DEADLINE}. */
  final long deadline;
  /** MESSAGE only: the MQTT 5 property block, or null. */
  final byte[] properties;
  /** CHECKPOINT only: done ranges as pairs {first, end exclusive}. */
  final long[] doneRanges;
  /** CHECKPOINT only: messages whose PUBREL was sent. */
  final long[] pubrels;

  private Record(int type, long seq, int qos, boolean retain, String topic, byte[] payload,
      long deadline, byte[] properties, long[] doneRanges, long[] pubrels) {
    this.properties = properties;
    this.type = type;
    this.seq = seq;
    this.qos = qos;
    this.retain = retain;
    this.topic = topic;
    this.payload = payload;
    this.deadline = deadline;
    this.doneRanges = doneRanges;
    this.pubrels = pubrels;
  }

  static Record message(long seq, int qos, boolean retain, long deadline, String topic,
      byte[] payload) {
    return message(seq, qos, retain, deadline, null, topic, payload);
  }

  static Record message(long seq, int qos, boolean retain, long deadline, byte[] properties,
      String topic, byte[] payload) {
    return new Record(QueueFormat.MESSAGE, seq, qos, retain, topic, payload, deadline, properties,
        null, null);
  }

  static Record step(int type, long seq) {
    return new Record(type, seq, 0, false, null, null, QueuedMessage.NO_DEADLINE, null, null,
        null);
  }

  static Record checkpoint(long[] doneRanges, long[] pubrels) {
    return new Record(QueueFormat.CHECKPOINT, -1, 0, false, null, null, QueuedMessage.NO_DEADLINE,
        null, doneRanges, pubrels);
  }

  boolean isMessage() {
    return type == QueueFormat.MESSAGE;
  }

  /** The highest sequence number the record mentions, or -1. */
  long maxSeq() {
    if (type != QueueFormat.CHECKPOINT) return seq;
    long max = -1;
    for (int i = 1; i < doneRanges.length; i += 2) max = Math.max(max, doneRanges[i] - 1);
    for (long p : pubrels) max = Math.max(max, p);
    return max;
  }

  QueuedMessage toMessage(boolean pubrelSent) {
    return new QueuedMessage(seq, topic, payload, qos, retain, pubrelSent, deadline, properties);
  }

  @Override public String toString() {
    if (type == QueueFormat.MESSAGE) {
      return "MESSAGE{seq=" + seq + ", qos=" + qos + ", topic=" + topic + ", " + payload.length
          + " bytes" + (deadline == QueuedMessage.NO_DEADLINE ? "" : ", deadline " + deadline)
          + (properties == null ? "" : ", properties " + properties.length + " bytes") + "}";
    }
    if (type == QueueFormat.CHECKPOINT) {
      return "CHECKPOINT{" + doneRanges.length / 2 + " ranges, " + pubrels.length + " pubrels}";
    }
    return QueueFormat.typeName(type) + "{seq=" + seq + "}";
  }
}
