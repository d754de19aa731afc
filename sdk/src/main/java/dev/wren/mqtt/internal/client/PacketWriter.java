package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.Mqtt311Encoder;
import dev.wren.mqtt.internal.codec.Packet;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Writes whole packets, one writer at a time, and remembers when the last one left: keep-alive
 * counts from the last packet sent. Thread-safe.
 */
final class PacketWriter {
  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long lastSendNanos = System.nanoTime();
  /** When the write in progress started, or 0: a write that never ends means a dead link. */
  private volatile long writingSinceNanos;

  PacketWriter(OutputStream out) {
    this.out = out;
  }

  void write(Packet packet) throws IOException {
    byte[] bytes = Mqtt311Encoder.encode(packet);
    lock.lock();
    writeLocked(packet, bytes);
  }

  /**
   * Writes {@code packet} unless another thread is writing: the I/O thread must not queue behind
   * a write that may never end, or nobody would notice that it does not.
   *
   * @return false when another write was in progress and nothing was written
   */
  boolean tryWrite(Packet packet) throws IOException {
    byte[] bytes = Mqtt311Encoder.encode(packet);
    if (!lock.tryLock()) return false;
    writeLocked(packet, bytes);
    return true;
  }

  /** Writes with the lock held, and releases it. */
  private void writeLocked(Packet packet, byte[] bytes) throws IOException {
    try {
      writingSinceNanos = System.nanoTime() | 1;
      out.write(bytes);
      out.flush();
      lastSendNanos = System.nanoTime();
    } finally {
      writingSinceNanos = 0;
      lock.unlock();
    }
    Logger.trace("sent {}", packet);
  }

  /** When the write in progress started (never 0), or 0 when none is. */
  long writingSinceNanos() {
    return writingSinceNanos;
  }

  long lastSendNanos() {
    return lastSendNanos;
  }
}
