package dev.wren.mqtt.internal.client;

/**
 * The queued QoS 1/2 messages sent on the current connection that wait for the broker, by packet
 * identifier: each one's sequence number in the queue and which acknowledgement it waits for.
 * Open addressing over parallel arrays, so sending and acknowledging a message allocates nothing
 * (no boxed key, no entry, no value object); the arrays grow to twice the window at most and
 * shrink when the connection ends. Not thread-safe: guarded by the {@link OutboundFlow}'s lock.
 */
final class InFlight {
  enum Stage { AWAITING_PUBACK, AWAITING_PUBREC, AWAITING_PUBCOMP }

  private static final int MIN_CAPACITY = 16;
  private static final int FREE = 0; // packet identifiers are 1..65535

  private int[] ids = new int[MIN_CAPACITY];
  private long[] seqs = new long[MIN_CAPACITY];
  private Stage[] stages = new Stage[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  boolean contains(int packetId) {
    return ids[slot(packetId)] == packetId;
  }

  /** The stage of {@code packetId}, or null when it is not in flight. */
  Stage stage(int packetId) {
    int i = slot(packetId);
    return ids[i] == packetId ? stages[i] : null;
  }

  /** The sequence number of {@code packetId}, which is in flight. */
  long seq(int packetId) {
    return seqs[existing(packetId)];
  }

  /** Adds {@code packetId}, which is not in flight. */
  void put(int packetId, long seq, Stage stage) {
    int i = slot(packetId);
    if (ids[i] == packetId) throw new IllegalStateException("packet id " + packetId + " is already in flight");
    ids[i] = packetId;
    seqs[i] = seq;
    stages[i] = stage;
    if (++size * 2 > ids.length) resize(ids.length * 2);
  }

  /** Moves {@code packetId}, which is in flight, to {@code stage}. */
  void advance(int packetId, Stage stage) {
    stages[existing(packetId)] = stage;
  }

  /** Removes {@code packetId}, which is in flight. */
  void remove(int packetId) {
    int i = existing(packetId);
    ids[i] = FREE;
    stages[i] = null;
    size--;
    // Linear probing: move later members of the run back so every lookup still finds them.
    int mask = ids.length - 1;
    for (int j = (i + 1) & mask; ids[j] != FREE; j = (j + 1) & mask) {
      int id = ids[j];
      long seq = seqs[j];
      Stage stage = stages[j];
      ids[j] = FREE;
      stages[j] = null;
      int k = slot(id);
      ids[k] = id;
      seqs[k] = seq;
      stages[k] = stage;
    }
  }

  /** Forgets everything (the connection ended) and gives back the grown arrays. */
  void clear() {
    ids = new int[MIN_CAPACITY];
    seqs = new long[MIN_CAPACITY];
    stages = new Stage[MIN_CAPACITY];
    size = 0;
  }

  private int existing(int packetId) {
    int i = slot(packetId);
    if (ids[i] != packetId) throw new IllegalStateException("packet id " + packetId + " is not in flight");
    return i;
  }

  /** The slot holding {@code packetId}, or the free slot where it would go. */
  private int slot(int packetId) {
    int mask = ids.length - 1;
    int h = packetId * 0x9E3779B1;
    int i = (h ^ (h >>> 16)) & mask;
    while (ids[i] != FREE && ids[i] != packetId) i = (i + 1) & mask;
    return i;
  }

  private void resize(int capacity) {
    int[] oldIds = ids;
    long[] oldSeqs = seqs;
    Stage[] oldStages = stages;
    ids = new int[capacity];
    seqs = new long[capacity];
    stages = new Stage[capacity];
    for (int j = 0; j < oldIds.length; j++) {
      if (oldIds[j] == FREE) continue;
      int k = slot(oldIds[j]);
      ids[k] = oldIds[j];
      seqs[k] = oldSeqs[j];
      stages[k] = oldStages[j];
    }
  }
}
