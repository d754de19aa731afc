package dev.wren.mqtt.internal.queue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a queue told its listener. Thread-safe. */
final class RecordingListener implements OutboundQueue.Listener {
  final List<Long> synced = new CopyOnWriteArrayList<>();
  final List<QueuedMessage> dropped = new CopyOnWriteArrayList<>();
  final List<String> reasons = new CopyOnWriteArrayList<>();
  final List<QueuedMessage> expired = new CopyOnWriteArrayList<>();

  @Override public void synced(long seq) {
    synced.add(seq);
  }

  @Override public void dropped(QueuedMessage message, String reason) {
    dropped.add(message);
    reasons.add(reason);
  }

  @Override public void expired(QueuedMessage message) {
    expired.add(message);
  }
}
