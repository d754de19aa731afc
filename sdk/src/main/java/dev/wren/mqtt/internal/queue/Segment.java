package dev.wren.mqtt.internal.queue;

/**
 * What the queue keeps in memory about one segment file: counters, not messages. Guarded by the
 * queue's lock.
 */
final class Segment {
  /** The first sequence number the segment may hold: every message in it is at least this. */
  final long base;
  final String name;
  final SegmentFile file;
  /** Bytes holding whole records: the header, valid records and any damage stepped over. */
  long size;
  /**
   * The file's length: {@link #size} plus the zeros written ahead (preallocated), which the next
   * records overwrite without changing the file's size or extents.
   */
  long allocated;
  /** The format version in the header ({@link QueueFormat#FORMAT_VERSION} for new segments). */
  int version = QueueFormat.FORMAT_VERSION;
  /** Message records in the file. */
  int messages;
  /** Messages neither acknowledged nor dropped. */
  int live;
  /** The record bytes of the live messages. */
  long liveBytes;
  /** Written since the last sync. */
  boolean dirty;
  /** Threads reading or syncing the file without the lock; it is closed when the last one leaves. */
  int pins;
  /** Removed from the queue; the file goes once unpinned. */
  boolean deleted;
  /** Bytes recovery read when the queue was opened: it already reported any damage in them. */
  long recoveredSize;

  Segment(long base, SegmentFile file, long size) {
    this.base = base;
    this.name = QueueFormat.segmentName(base);
    this.file = file;
    this.size = size;
    this.allocated = size;
    this.recoveredSize = size;
  }

  @Override public String toString() {
    return name + "{" + size + "/" + allocated + " bytes, " + live + "/" + messages
        + " messages live}";
  }
}
