package dev.wren.mqtt.internal.queue;

import java.util.Arrays;

/**
 * Acknowledgement records not yet written. The I/O thread acknowledges packets a batch at a time,
 * and a write per record cost half of the file queue's own work per message (0.9 of 1.8 µs on the
 * benchmark's machine), so the records wait here until the next append carries them in its write
 * or the I/O thread is about to wait for the broker. Not thread-safe: the queue's lock guards it.
 */
final class PendingSteps {
  /** Written at once from this many bytes (about 200 records). */
  static final int LIMIT = 4096;

  private byte[] bytes;
  private int length;

  /** Adds the record {@code frame}; true when the records reached {@link #LIMIT}. */
  boolean add(byte[] frame) {
    if (bytes == null) bytes = new byte[512];
    if (length + frame.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + frame.length));
    }
    System.arraycopy(frame, 0, bytes, length, frame.length);
    length += frame.length;
    return length >= LIMIT;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /**
   * The records, followed by {@code frame} if not null, as one array for one write; empties this
   * (a failed write loses them: the messages are done in memory, and only come again after a
   * reopen, which QoS 1 and 2 allow).
   */
  byte[] takeWith(byte[] frame) {
    int extra = frame == null ? 0 : frame.length;
    byte[] all = Arrays.copyOf(bytes, length + extra);
    if (frame != null) System.arraycopy(frame, 0, all, length, extra);
    length = 0;
    return all;
  }
}
