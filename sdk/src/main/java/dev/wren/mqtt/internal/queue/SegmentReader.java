package dev.wren.mqtt.internal.queue;

import java.io.EOFException;
import java.io.IOException;

/**
 * Reads the records of one segment in order through a 64 KiB window, stepping over damage: where a
 * frame is bad (wrong marker, impossible length, CRC mismatch) it looks for the next valid record —
 * first right after the damaged frame if its length looks intact, else byte by byte for the next
 * marker whose frame checks out — and reports the bytes in between. Recovery and the queue's
 * cursor use the same reader, so both see the same records. Not thread-safe.
 */
final class SegmentReader {
  /** Told about bytes the reader stepped over. */
  interface Damage {
    /**
     * {@code bytes} bytes at {@code offset} hold no valid record; {@code records} frame headers
     * were recognised in them (a torn or corrupted record each); {@code zeros} when all are zero.
     */
    void dropped(long offset, long bytes, int records, boolean zeros);
  }

  static final int WINDOW = 64 * 1024;

  private final SegmentFile file;
  private final String name;
  private long end;
  private long position;
  private byte[] buf = new byte[WINDOW];
  private long bufStart;
  private int bufLength;
  private long recordStart = -1;

  SegmentReader(SegmentFile file, String name, long position, long end) {
    this.file = file;
    this.name = name;
    this.position = position;
    this.end = end;
  }

  /** Reads no further than {@code end}: the bytes known to hold whole records. */
  void end(long end) {
    this.end = end;
  }

  /** Looks for the next record at {@code position}, a record boundary the caller knows. */
  void seek(long position) {
    this.position = position;
  }

  /** Where the next record is looked for: after the last one returned. */
  long position() {
    return position;
  }

  /** Where the last record returned starts. */
  long recordStart() {
    return recordStart;
  }

  /** The next valid record, or null at the end; damage on the way goes to {@code damage}. */
  Record next(Damage damage) throws IOException {
    while (position < end) {
      Record r = frameAt(position);
      if (r != null) {
        recordStart = position;
        position += frameLength;
        return r;
      }
      long resume = resync(position);
      if (damage != null) reportDamage(damage, position, resume);
      position = resume;
    }
    return null;
  }

  /** Set by {@link #frameAt}: the length of the frame it returned. */
  private int frameLength;

  private Record frameAt(long at) throws IOException {
    int length = plausibleBodyLength(at);
    if (length < 0 || at + QueueFormat.FRAME_HEADER_SIZE + length > end) return null;
    int total = QueueFormat.FRAME_HEADER_SIZE + length;
    int o = load(at, total);
    Record r = RecordCodec.decode(buf, o, length);
    if (r != null) frameLength = total;
    return r;
  }

  /** The body length in a well-formed frame header at {@code at}, else -1. */
  private int plausibleBodyLength(long at) throws IOException {
    if (end - at < QueueFormat.FRAME_HEADER_SIZE) return -1;
    int o = load(at, QueueFormat.FRAME_HEADER_SIZE); // before reading buf: load may replace it
    return RecordCodec.bodyLength(buf, o);
  }

  /** Where the next valid record after the damaged frame at {@code at} starts, or the end. */
  private long resync(long at) throws IOException {
    int length = plausibleBodyLength(at);
    if (length >= 0) {
      // The length looks intact if a valid record follows: then only the body is damaged. A
      // length that merely reaches the end proves nothing: after recovery cut the tail there it
      // always does, and trusting it would skip records the scan below found the time before.
      long after = at + QueueFormat.FRAME_HEADER_SIZE + length;
      if (after < end && frameAt(after) != null) return after;
    }
    int marker0 = QueueFormat.MARKER >>> 8;
    for (long s = at + 1; s + QueueFormat.FRAME_HEADER_SIZE <= end; s++) {
      int o = load(s, 1);
      if ((buf[o] & 0xff) == marker0 && frameAt(s) != null) return s;
    }
    return end;
  }

  private void reportDamage(Damage damage, long from, long to) throws IOException {
    int records = 0;
    long at = from;
    while (to - at >= 2) {
      int o = load(at, 2);
      if (((buf[o] & 0xff) << 8 | (buf[o + 1] & 0xff)) != QueueFormat.MARKER) break;
      records++;
      int length = plausibleBodyLength(at);
      if (length < 0) break;
      at += QueueFormat.FRAME_HEADER_SIZE + length;
    }
    boolean zeros = true;
    for (long s = from; s < to && zeros; s++) {
      int o = load(s, 1);
      zeros = buf[o] == 0;
    }
    damage.dropped(from, to - from, records, zeros);
  }

  /** Makes {@code n} bytes at {@code at} (all below the end) available; returns their index in buf. */
  private int load(long at, int n) throws IOException {
    if (at >= bufStart && at + n <= bufStart + bufLength) return (int) (at - bufStart);
    int want = (int) Math.min(Math.max(n, WINDOW), end - at);
    if (want > buf.length || (buf.length > WINDOW && want <= WINDOW)) {
      buf = new byte[Math.max(want, WINDOW)];
    }
    bufLength = 0;
    int got = 0;
    while (got < want) {
      int r = file.read(at + got, buf, got, want - got);
      if (r < 0) {
        throw new EOFException("segment " + name + " ends at " + (at + got) + ", before "
            + end + " bytes it held when opened; was it changed by another program?");
      }
      got += r;
    }
    bufStart = at;
    bufLength = got;
    return 0;
  }
}
