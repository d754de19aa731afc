package dev.wren.mqtt.internal.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A map from long keys to values without boxing: open addressing with linear probing, at most half
 * full. For the deliveries held by sequence number, one put and one remove per message someone
 * listens to. It keeps its size when it empties, as a window's worth of entries comes and goes
 * (HashMap never shrinks either), unless a burst made it larger than {@link #KEPT_CAPACITY}. Null
 * values are not allowed. Not thread-safe.
 */
final class LongMap<V> {
  private static final int MIN_CAPACITY = 16;
  /** The most slots kept once empty: 512 (6 KB) holds a window of 256 listened-to messages. */
  static final int KEPT_CAPACITY = 512;

  private long[] keys = new long[MIN_CAPACITY];
  private Object[] values = new Object[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    return (V) values[slot(key)];
  }

  /** Maps {@code key} to {@code value}, replacing what it mapped to. */
  void put(long key, V value) {
    if (value == null) throw new NullPointerException("value == null");
    int i = slot(key);
    if (values[i] != null) {
      values[i] = value;
      return;
    }
    keys[i] = key;
    values[i] = value;
    if (++size * 2 > keys.length) resize(keys.length * 2);
  }

  /** Removes {@code key}; returns what it mapped to, or null. */
  @SuppressWarnings("unchecked")
  V remove(long key) {
    int i = slot(key);
    V old = (V) values[i];
    if (old == null) return null;
    values[i] = null;
    size--;
    if (size == 0) {
      if (keys.length > KEPT_CAPACITY) resize(MIN_CAPACITY);
      return old;
    }
    // Linear probing: move later members of the run back so every lookup still finds them.
    int mask = keys.length - 1;
    for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      Object value = values[j];
      values[j] = null;
      int k = slot(keys[j]);
      keys[k] = keys[j];
      values[k] = value;
    }
    return old;
  }

  /** The values, in no particular order. */
  @SuppressWarnings("unchecked")
  List<V> values() {
    List<V> all = new ArrayList<>(size);
    for (Object value : values) {
      if (value != null) all.add((V) value);
    }
    return all;
  }

  void clear() {
    keys = new long[MIN_CAPACITY];
    values = new Object[MIN_CAPACITY];
    size = 0;
  }

  /** The slot holding {@code key}, or the free slot where it would go. */
  private int slot(long key) {
    int mask = keys.length - 1;
    long h = key * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (values[i] != null && keys[i] != key) i = (i + 1) & mask;
    return i;
  }

  private void resize(int capacity) {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[capacity];
    values = new Object[capacity];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldValues[j] == null) continue;
      int k = slot(oldKeys[j]);
      keys[k] = oldKeys[j];
      values[k] = oldValues[j];
    }
  }
}
