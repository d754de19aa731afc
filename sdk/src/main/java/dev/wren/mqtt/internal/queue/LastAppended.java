package dev.wren.mqtt.internal.queue;

/**
 * The message record a file queue appended last, kept decoded so that handing it out right after
 * (what a publisher's own send and the I/O thread's next read usually do) costs no read from the
 * file. Holds one message's topic and payload (which the queue's caller never writes) until the
 * next append. Not thread-safe: the queue's lock guards it.
 */
final class LastAppended {
  private Segment segment;
  private long start;
  private long end;
  private Record record;

  /** The message {@code record} was written to {@code segment} at {@code [start, end)}. */
  void remember(Segment segment, long start, long end, Record record) {
    this.segment = segment;
    this.start = start;
    this.end = end;
    this.record = record;
  }

  /**
   * The remembered message if its record starts at {@code offset} of {@code segment}, else null.
   * Only a later append writes after it, and that replaces it, so it never goes stale.
   */
  Record at(Segment segment, long offset) {
    return segment == this.segment && offset == start ? record : null;
  }

  /** Where the remembered record ends. */
  long end() {
    return end;
  }
}
