package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.OverflowPolicy;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueOptions;

/**
 * The limits of {@link QueueOptions} applied to a queue's counts, and the {@link QueueFullException}
 * messages, shared by the memory and the file queue. Stateless.
 */
final class Capacity {
  private final int maxMessages;
  private final long maxBytes;
  private final OverflowPolicy overflow;

  Capacity(QueueOptions options) {
    this.maxMessages = options.maxMessages();
    this.maxBytes = options.maxBytes();
    this.overflow = options.overflow();
  }

  boolean dropOldest() {
    return overflow == OverflowPolicy.DROP_OLDEST;
  }

  /** Whether a message of {@code size} record bytes fits beside {@code messages} taking {@code bytes}. */
  boolean fits(int messages, long bytes, int size) {
    return messages < maxMessages && bytes <= maxBytes - size;
  }

  /**
   * Throws unless dropping messages could ever make room: the message alone is too big, the policy
   * refuses, or only the {@code handedOut} messages (which are never dropped) would remain and still
   * leave no room.
   */
  void checkRoomPossible(int messages, long bytes, int size, int handedOut, long handedOutBytes)
      throws QueueFullException {
    if (size > maxBytes) {
      throw new QueueFullException("a message of " + size + " bytes (topic and payload plus "
          + QueueFormat.MESSAGE_OVERHEAD + ") can never fit in this queue: maxBytes is " + maxBytes
          + "; raise QueueOptions maxBytes or send a smaller payload");
    }
    if (!dropOldest()) {
      throw new QueueFullException("queue full: " + limitHit(messages, bytes, size) + "; it holds "
          + messages + " unacknowledged messages taking " + bytes + " bytes. Wait for the broker to"
          + " acknowledge messages, raise QueueOptions maxMessages/maxBytes, or use"
          + " OverflowPolicy.DROP_OLDEST");
    }
    if (!fits(handedOut, handedOutBytes, size)) {
      throw new QueueFullException("queue full: " + limitHit(messages, bytes, size) + ", and"
          + " DROP_OLDEST has nothing to drop: " + handedOut + " of the " + messages + " queued"
          + " messages (" + handedOutBytes + " bytes) were handed to the connection and await"
          + " acknowledgement, and those are never dropped. Wait for acknowledgements or raise"
          + " QueueOptions maxMessages/maxBytes");
    }
  }

  /** Why a new message does not fit, naming the limit. */
  String limitHit(int messages, long bytes, int size) {
    return messages >= maxMessages
        ? "maxMessages " + maxMessages + " reached"
        : "maxBytes " + maxBytes + " reached (" + bytes + " bytes queued, a new message of " + size
            + " bytes)";
  }
}
