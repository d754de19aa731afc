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

  PacketWriter(OutputStream out) {
    this.out = out;
  }

  void write(Packet packet) throws IOException {
    byte[] bytes = Mqtt311Encoder.encode(packet);
    lock.lock();
    try {
      out.write(bytes);
      out.flush();
      lastSendNanos = System.nanoTime();
    } finally {
      lock.unlock();
    }
    Logger.trace("sent {}", packet);
  }

  long lastSendNanos() {
    return lastSendNanos;
  }
}
