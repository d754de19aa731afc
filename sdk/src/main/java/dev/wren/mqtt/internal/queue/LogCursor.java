package dev.wren.mqtt.internal.queue;

import java.io.IOException;

/**
 * A reading position in the log (a segment and an offset) that yields the message records in order,
 * skipping ACK/PUBREL/DROP/CHECKPOINT records and damage. A message record counts only if its
 * sequence number lies in its segment's range and above the previous message's: recovery, the I/O
 * thread's cursor and the overflow scan apply this same rule, so they agree on what the log holds
 * even where a damaged region happens to contain something that parses as a record. Not
 * thread-safe.
 */
final class LogCursor {
  private Segment segment;
  private SegmentReader reader;
  private long previousSeq;
  private long offset;
  private long recordStart;

  /** Places the cursor at {@code offset} of {@code segment}, after message {@code previousSeq}. */
  void moveTo(Segment segment, long offset, long previousSeq) {
    this.segment = segment;
    this.offset = offset;
    this.previousSeq = previousSeq;
    this.reader = null;
  }

  Segment segment() {
    return segment;
  }

  long offset() {
    return offset;
  }

  /** Where the last message returned starts. */
  long recordStart() {
    return recordStart;
  }

  long previousSeq() {
    return previousSeq;
  }

  /**
   * Steps over the message record {@code seq} that starts at the cursor and ends at {@code end},
   * known without reading it.
   */
  void skip(long end, long seq) {
    recordStart = offset;
    offset = end;
    previousSeq = seq;
    if (reader != null) reader.seek(end);
  }

  /**
   * The next message below {@code end} of the current segment whose sequence number is at least the
   * segment's base and below {@code nextBase}, or null when the segment has no more below
   * {@code end}.
   */
  Record nextMessage(long end, long nextBase, SegmentReader.Damage damage) throws IOException {
    if (reader == null) reader = new SegmentReader(segment.file, segment.name, offset, end);
    reader.end(end);
    Record r;
    while ((r = reader.next(damage)) != null) {
      offset = reader.position();
      if (!r.isMessage()) continue;
      if (!inPlace(r.seq, previousSeq, segment.base, nextBase)) {
        if (damage != null) {
          damage.dropped(reader.recordStart(), offset - reader.recordStart(), 1, false);
        }
        continue;
      }
      previousSeq = r.seq;
      recordStart = reader.recordStart();
      return r;
    }
    offset = reader.position();
    return null;
  }

  /** Whether message {@code seq} may follow {@code previousSeq} in a segment {@code [base, nextBase)}. */
  static boolean inPlace(long seq, long previousSeq, long base, long nextBase) {
    return seq >= base && seq < nextBase && seq > previousSeq;
  }
}
