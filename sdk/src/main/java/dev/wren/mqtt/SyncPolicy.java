package dev.wren.mqtt;

/**
 * When a file queue forces what it wrote to stable storage ({@code fsync}). Every policy writes
 * each message to the operating system before {@code publish} returns, so a message survives the
 * process being killed ({@code kill -9}, a crash of the JVM) under all three; they differ in what
 * survives a power loss or a kernel crash, and in what that costs. See {@code docs/offline-queue.md}
 * for measured rates.
 */
public enum SyncPolicy {
  /**
   * {@code publish} returns once the message is on stable storage: it survives a power loss.
   * Publishers that append while a sync is running share the next one (group commit), so many
   * publishing threads together pay far less than one sync per message. A QoS 2 message's
   * "PUBREL sent" step is synced too before PUBREL goes out, so exactly-once holds across a power
   * loss.
   */
  ALWAYS,
  /**
   * {@code publish} returns once the message is written to the operating system: it survives
   * {@code kill -9} of the process. A group commit syncs everything written within the batch window
   * (default 10 ms, {@link QueueOptions.Builder#batchWindow}); a power loss inside that window can
   * lose the messages not yet synced. The {@link Delivery} tells when its message is synced.
   */
  BATCH,
  /**
   * {@code publish} returns once the message is written to the operating system: it survives
   * {@code kill -9} of the process, and the operating system decides when it reaches the disk
   * (typically within 5 to 30 seconds). Wren never syncs, not even on close. The cheapest policy and
   * the kindest to flash storage; a power loss can lose recent messages.
   */
  NEVER
}
