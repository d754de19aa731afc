package dev.wren.mqtt;

/** What a full outbound queue does with a new message. */
public enum OverflowPolicy {
  /** The new message is refused: {@code publish} throws {@link QueueFullException}. */
  REJECT_NEW,
  /**
   * The oldest messages not yet handed to the connection are dropped to make room, each one
   * reported to the client's listener and recorded so that the drop survives a restart. Messages
   * already sent and awaiting acknowledgement are never dropped; when only those remain, the new
   * message is refused as with {@link #REJECT_NEW}.
   */
  DROP_OLDEST
}
