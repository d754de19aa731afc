package dev.wren.mqtt.internal.session;

import java.util.BitSet;

/**
 * Allocates MQTT packet identifiers 1..65535, never one still in use, cycling so that a freshly
 * released id is not reused at once. Not thread-safe.
 */
public final class PacketIds {
  private static final int MAX = 65535;

  private final BitSet inUse = new BitSet(MAX + 1);
  private int next = 1;
  private int count;

  /**
   * @return a free identifier, now in use
   * @throws IllegalStateException when all 65535 are in use
   */
  public int allocate() {
    if (count == MAX) throw new IllegalStateException("all 65535 packet identifiers are in use");
    int id = inUse.nextClearBit(next);
    if (id > MAX) id = inUse.nextClearBit(1);
    inUse.set(id);
    count++;
    next = id == MAX ? 1 : id + 1;
    return id;
  }

  /** Frees {@code id}; false if it was not in use. */
  public boolean release(int id) {
    check(id);
    if (!inUse.get(id)) return false;
    inUse.clear(id);
    count--;
    return true;
  }

  public int inUse() {
    return count;
  }

  private static void check(int id) {
    if (id < 1 || id > MAX) throw new IllegalArgumentException("packet identifier must be 1..65535: " + id);
  }
}
