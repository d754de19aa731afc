package dev.wren.bench;

import dev.wren.bench.driver.BenchClient;
import java.util.BitSet;

/**
 * What a subscriber received: distinct messages (by the sequence number in the payload),
 * duplicates, the time of the last receipt and, when asked, each message's publish-to-receive
 * latency. Thread-safe; libraries deliver from their own threads.
 */
final class Tally implements BenchClient.Receiver {
  private final BitSet seen;
  private final long[] latencyNanos;
  private int received;
  private int duplicates;
  private long lastNanos;
  private int expected = Integer.MAX_VALUE;

  /** @param recordLatency whether to keep each message's latency (memory: 8 bytes a message) */
  Tally(int count, boolean recordLatency) {
    this.seen = new BitSet(count);
    this.latencyNanos = recordLatency ? new long[count] : null;
  }

  /** A payload of {@code size} bytes carrying {@code sequence} and {@code sentNanos}. */
  static byte[] payload(int size, int sequence, long sentNanos) {
    byte[] p = new byte[size];
    for (int i = 0; i < 4; i++) p[i] = (byte) (sequence >>> (24 - 8 * i));
    for (int i = 0; i < 8; i++) p[4 + i] = (byte) (sentNanos >>> (56 - 8 * i));
    return p;
  }

  @Override public synchronized void onMessage(byte[] array, int offset, int length) {
    long now = System.nanoTime();
    if (length < Workload.MIN_PAYLOAD) {
      throw new IllegalStateException("payload of " + length + " bytes is not the harness's");
    }
    int sequence = 0;
    for (int i = 0; i < 4; i++) sequence = sequence << 8 | array[offset + i] & 0xFF;
    long sent = 0;
    for (int i = 4; i < 12; i++) sent = sent << 8 | array[offset + i] & 0xFF;
    lastNanos = now;
    if (seen.get(sequence)) {
      duplicates++;
      return;
    }
    seen.set(sequence);
    if (latencyNanos != null) latencyNanos[received] = now - sent;
    received++;
    if (received >= expected) notifyAll();
  }

  /**
   * Waits until {@code count} distinct messages arrived, or until none arrived for
   * {@code idleMillis}.
   *
   * @return whether all arrived
   */
  synchronized boolean await(int count, long idleMillis) throws InterruptedException {
    expected = count;
    long lastProgress = System.nanoTime();
    int lastReceived = received;
    while (received < count) {
      wait(Math.min(idleMillis, 50));
      long now = System.nanoTime();
      if (received != lastReceived) {
        lastReceived = received;
        lastProgress = now;
      } else if (now - lastProgress >= idleMillis * 1_000_000L) {
        return false;
      }
    }
    return true;
  }

  synchronized int received() {
    return received;
  }

  synchronized int duplicates() {
    return duplicates;
  }

  synchronized long lastNanos() {
    return lastNanos;
  }

  /** The latencies of the distinct messages received, in arrival order; null when not recorded. */
  synchronized long[] latencies() {
    return latencyNanos == null ? null : java.util.Arrays.copyOf(latencyNanos, received);
  }
}
