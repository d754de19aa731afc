package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueOptions;
import java.io.IOException;

/** Opens the {@link OutboundQueue} that {@link QueueOptions} describe. Stateless. */
public final class Queues {
  private Queues() {
  }

  /**
   * A memory queue, or the file queue in {@code options.directory()} recovered from what the
   * directory holds (damage is logged at WARN and dropped).
   *
   * @throws dev.wren.mqtt.QueueLockedException if another process or client uses the directory
   * @throws dev.wren.mqtt.QueueStorageException if the directory cannot be created, read or repaired
   */
  public static OutboundQueue open(QueueOptions options, OutboundQueue.Listener listener)
      throws IOException {
    if (options == null) throw new NullPointerException("options == null");
    if (listener == null) throw new NullPointerException("listener == null");
    if (!options.durable()) return new MemoryQueue(options, listener);
    return FileQueue.open(options, listener, new DiskStorage(options.directory()),
        QueueFormat.SEGMENT_BYTES, NanoClock.SYSTEM);
  }
}
