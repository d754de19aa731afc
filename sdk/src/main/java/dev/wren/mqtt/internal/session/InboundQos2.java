package dev.wren.mqtt.internal.session;

/**
 * Inbound QoS 2 packet identifiers between PUBLISH and PUBREL. A PUBLISH the broker re-sends
 * with the same identifier in that span is the same message and must reach the application once.
 *
 * <p>An open-addressing set of ints: only the identifiers in that span are held (a handful, as
 * brokers answer PUBREC with PUBREL at once), so an idle client keeps a few bytes, not a bitmap
 * of all 65535 identifiers. Emptied, the table keeps its size up to {@link #KEPT_CAPACITY} slots
 * (a window's worth comes and goes under load, and growing again each time is garbage) and
 * shrinks back from a larger one. Not thread-safe: only the I/O thread uses it.
 */
public final class InboundQos2 {
  private static final int MIN_CAPACITY = 8;
  private static final int FREE = 0; // packet identifiers are 1..65535, so 0 marks a free slot
  /** The most slots kept once empty: 256 (1 KB) hold 128 identifiers. */
  static final int KEPT_CAPACITY = 256;

  private int[] slots = new int[MIN_CAPACITY];
  private int size;

  /** Records a QoS 2 PUBLISH; true the first time, false for a re-send before PUBREL. */
  public boolean firstTime(int packetId) {
    int i = find(packetId);
    if (slots[i] == packetId) return false;
    slots[i] = packetId;
    if (++size * 2 > slots.length) rehash(slots.length * 2);
    return true;
  }

  /** The broker sent PUBREL: the identifier may now start a new message. */
  public void released(int packetId) {
    int i = find(packetId);
    if (slots[i] != packetId) return;
    slots[i] = FREE;
    size--;
    if (size == 0) {
      if (slots.length > KEPT_CAPACITY) slots = new int[MIN_CAPACITY];
      return;
    }
    // Linear probing: move later members of the run back so every lookup still finds them.
    int mask = slots.length - 1;
    for (int j = (i + 1) & mask; slots[j] != FREE; j = (j + 1) & mask) {
      int id = slots[j];
      slots[j] = FREE;
      slots[find(id)] = id;
    }
  }

  /** Identifiers between PUBLISH and PUBREL: what counts against MQTT 5's Receive Maximum. */
  public int size() {
    return size;
  }

  /** Forgets everything, for a session the broker did not keep. */
  public void clear() {
    slots = new int[MIN_CAPACITY];
    size = 0;
  }

  /** The slot holding {@code packetId}, or the free slot where it would go. */
  private int find(int packetId) {
    int mask = slots.length - 1;
    int h = packetId * 0x9E3779B1;
    int i = (h ^ (h >>> 16)) & mask;
    while (slots[i] != FREE && slots[i] != packetId) i = (i + 1) & mask;
    return i;
  }

  private void rehash(int capacity) {
    int[] old = slots;
    slots = new int[capacity];
    for (int id : old) {
      if (id != FREE) slots[find(id)] = id;
    }
  }
}
