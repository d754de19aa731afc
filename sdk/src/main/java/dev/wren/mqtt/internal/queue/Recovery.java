package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueStorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tinylog.Logger;

/**
 * Reads a queue directory when it is opened: every segment, every valid record. Damage is stepped
 * over (the records after it are kept), a torn or corrupt tail is cut off (zeroed where zeros
 * follow it: the segment was preallocated), zeros after the last record are free space, a
 * segment without a complete header is reset to an empty one, and each of these but the free
 * space is logged at WARN with the file, offset, bytes and records dropped. What remains is counters per segment, the acknowledged
 * messages as ranges, and the QoS 2 messages whose PUBREL was sent. Single use, not thread-safe.
 */
final class Recovery {
  /** One thing recovery dropped or repaired, as logged. */
  static final class Note {
    final String file;
    final long offset;
    final long bytes;
    final int records;
    final String what;

    Note(String file, long offset, long bytes, int records, String what) {
      this.file = file;
      this.offset = offset;
      this.bytes = bytes;
      this.records = records;
      this.what = what;
    }

    @Override public String toString() {
      return file + " at offset " + offset + ": " + what + " (" + bytes + " bytes, " + records
          + (records == 1 ? " record)" : " records)");
    }
  }

  final TreeMap<Long, Segment> segments = new TreeMap<>();
  final LongRanges done = new LongRanges();
  final TreeSet<Long> pubrels = new TreeSet<>();
  final List<Note> notes = new ArrayList<>();
  long nextSeq;

  private final QueueStorage storage;
  private long maxSeq = -1;

  /** Files at least this long were preallocated: a torn tail in them is zeroed, not cut off. */
  private final long segmentBytes;

  private Recovery(QueueStorage storage, long segmentBytes) {
    this.storage = storage;
    this.segmentBytes = segmentBytes;
  }

  /** Reads the directory; on failure closes every file it opened. */
  static Recovery run(QueueStorage storage, long segmentBytes) throws IOException {
    Recovery r = new Recovery(storage, segmentBytes);
    try {
      r.readAll();
    } catch (IOException | RuntimeException e) {
      r.closeFiles(e);
      throw e;
    }
    return r;
  }

  /** Closes every segment file opened, attaching failures to {@code e}. */
  void closeFiles(Exception e) {
    for (Segment s : segments.values()) {
      try {
        s.file.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
    }
  }

  private void readAll() throws IOException {
    TreeMap<Long, String> names = new TreeMap<>();
    for (String name : storage.list()) {
      long base = QueueFormat.segmentBase(name);
      if (base >= 0) names.put(base, name);
    }
    long[] firstMessage = new long[names.size()];
    long[] lastMessage = new long[names.size()];
    int i = 0;
    for (Map.Entry<Long, String> e : names.entrySet()) {
      Long nextBase = names.higherKey(e.getKey());
      Segment s = readSegment(e.getKey(), e.getValue(), nextBase == null ? Long.MAX_VALUE : nextBase,
          firstMessage, lastMessage, i++);
      segments.put(s.base, s);
    }
    countLive(firstMessage, lastMessage);
    for (Segment s : segments.values()) s.recoveredSize = s.size;
    nextSeq = Math.max(maxSeq + 1, names.isEmpty() ? 0 : names.lastKey());
    if (!segments.isEmpty()) {
      long first = segments.firstKey();
      done.removeBelow(first);
      for (Iterator<Long> it = pubrels.iterator(); it.hasNext(); ) {
        long seq = it.next();
        if (seq < first || done.contains(seq)) it.remove();
      }
    } else {
      pubrels.clear();
    }
  }

  private Segment readSegment(long base, String name, long nextBase, long[] firstMessage,
      long[] lastMessage, int index) throws IOException {
    SegmentFile file = storage.open(name);
    Segment s;
    try {
      s = new Segment(base, file, file.size());
      scan(s, nextBase, firstMessage, lastMessage, index);
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return s;
  }

  private void scan(Segment s, long nextBase, long[] firstMessage, long[] lastMessage, int index)
      throws IOException {
    firstMessage[index] = -1;
    lastMessage[index] = -1;
    if (s.size < QueueFormat.SEGMENT_HEADER_SIZE) {
      note(s.name, 0, s.size, 0, s.size == 0
          ? "empty file, no segment header: wrote a fresh header"
          : "torn segment header: wrote a fresh one");
      s.file.truncate(0);
      s.file.write(0, RecordCodec.segmentHeader(s.base), 0, QueueFormat.SEGMENT_HEADER_SIZE);
      s.size = QueueFormat.SEGMENT_HEADER_SIZE;
      s.allocated = s.size;
      return;
    }
    final long fileLength = s.size;
    // Zeros after the last record are the preallocated space, not damage (a record never ends
    // the file with zeros unless its own payload does, and then it is whole and read as such).
    final long dataEnd = endOfData(s);
    final boolean headerOk = checkHeader(s);
    if (!headerOk) {
      if (dataEnd == QueueFormat.SEGMENT_HEADER_SIZE) {
        // All zeros, header too: a crash while the segment was being created and preallocated.
        note(s.name, 0, QueueFormat.SEGMENT_HEADER_SIZE, 0,
            "zero-filled segment header and no records: wrote a fresh header");
        s.file.write(0, RecordCodec.segmentHeader(s.base), 0, QueueFormat.SEGMENT_HEADER_SIZE);
        s.size = QueueFormat.SEGMENT_HEADER_SIZE;
        s.allocated = fileLength;
        if (fileLength < segmentBytes) {
          // Not preallocated space: cut like the zeros after a last record (the next open would).
          s.file.truncate(QueueFormat.SEGMENT_HEADER_SIZE);
          s.allocated = QueueFormat.SEGMENT_HEADER_SIZE;
        }
        return;
      }
      note(s.name, 0, QueueFormat.SEGMENT_HEADER_SIZE, 0,
          "bad segment header: reading records anyway");
    }
    SegmentReader reader = new SegmentReader(s.file, s.name, QueueFormat.SEGMENT_HEADER_SIZE, s.size);
    final String name = s.name;
    SegmentReader.Damage damage = new SegmentReader.Damage() {
      @Override public void dropped(long offset, long bytes, int records, boolean zeros) {
        if (offset >= dataEnd) return;
        long reported = Math.min(offset + bytes, dataEnd) - offset;
        boolean allZero = zeros && reported == bytes;
        note(name, offset, reported, records, allZero ? "zero-filled bytes skipped"
            : records > 0 ? "damaged records skipped" : "unreadable bytes skipped");
      }
    };
    long previous = -1;
    long goodEnd = QueueFormat.SEGMENT_HEADER_SIZE;
    Record r;
    while ((r = reader.next(damage)) != null) {
      long length = reader.position() - reader.recordStart();
      goodEnd = reader.position();
      if (r.isMessage()) {
        if (!LogCursor.inPlace(r.seq, previous, s.base, nextBase)) {
          note(s.name, reader.recordStart(), length, 1,
              "message " + r.seq + " out of place (after " + previous + ") skipped");
          continue;
        }
        previous = r.seq;
        if (firstMessage[index] < 0) firstMessage[index] = r.seq;
        lastMessage[index] = r.seq;
        s.messages++;
        s.liveBytes += length;
      } else if (r.type == QueueFormat.PUBREL) {
        pubrels.add(r.seq);
      } else if (r.type == QueueFormat.CHECKPOINT) {
        for (int i = 0; i < r.doneRanges.length; i += 2) done.add(r.doneRanges[i], r.doneRanges[i + 1]);
        for (long p : r.pubrels) pubrels.add(p);
      } else {
        done.add(r.seq);
      }
      maxSeq = Math.max(maxSeq, r.maxSeq());
    }
    s.live = s.messages;
    s.size = goodEnd;
    s.allocated = fileLength;
    if (!headerOk && goodEnd == QueueFormat.SEGMENT_HEADER_SIZE) {
      // Nothing valid follows the bad header: reset it like a zero-filled one, or new records
      // would be appended behind it and every later open would warn about it again.
      note(s.name, 0, QueueFormat.SEGMENT_HEADER_SIZE, 0,
          "bad segment header and no valid record after it: wrote a fresh header");
      s.file.write(0, RecordCodec.segmentHeader(s.base), 0, QueueFormat.SEGMENT_HEADER_SIZE);
    }
    if (goodEnd == fileLength) return;
    boolean preallocated = fileLength >= segmentBytes;
    if (dataEnd <= goodEnd) {
      // Only zeros follow the last record: free space, kept where it was written ahead.
      if (!preallocated) {
        Logger.debug("Queue {}: {}: {} zero bytes after the last record cut off",
            storage.directory(), s.name, fileLength - goodEnd);
        s.file.truncate(goodEnd);
        s.allocated = goodEnd;
      }
      return;
    }
    // Damage ran to the end of the data (already noted): a torn or corrupt tail.
    if (preallocated) {
      note(s.name, goodEnd, dataEnd - goodEnd, 0,
          "torn tail overwritten with zeros; the preallocated space after it is kept");
      Zeros.write(s.file, goodEnd, dataEnd);
    } else {
      note(s.name, goodEnd, fileLength - goodEnd, 0, "tail truncated to the last valid record");
      s.file.truncate(goodEnd);
      s.allocated = goodEnd;
    }
  }

  /** Where the data of {@code s} ends: after its last byte that is not zero (at least the header). */
  private static long endOfData(Segment s) throws IOException {
    byte[] chunk = new byte[SegmentReader.WINDOW];
    long end = s.size;
    while (end > QueueFormat.SEGMENT_HEADER_SIZE) {
      int n = (int) Math.min(chunk.length, end - QueueFormat.SEGMENT_HEADER_SIZE);
      long from = end - n;
      int got = 0;
      while (got < n) {
        int r = s.file.read(from + got, chunk, got, n - got);
        if (r < 0) throw new IOException("segment " + s.name + " shrank while being opened");
        got += r;
      }
      for (int i = n - 1; i >= 0; i--) {
        if (chunk[i] != 0) return from + i + 1;
      }
      end = from;
    }
    return QueueFormat.SEGMENT_HEADER_SIZE;
  }

  /** Checks the header (noting what is off but readable); false when its magic is wrong. */
  private boolean checkHeader(Segment s) throws IOException {
    byte[] header = new byte[QueueFormat.SEGMENT_HEADER_SIZE];
    int got = 0;
    while (got < header.length) {
      int n = s.file.read(got, header, got, header.length - got);
      if (n < 0) throw new IOException("segment " + s.name + " shrank while being opened");
      got += n;
    }
    if (!RecordCodec.hasSegmentMagic(header)) return false;
    int version = RecordCodec.segmentVersion(header);
    s.version = version;
    if (version > QueueFormat.FORMAT_VERSION) {
      throw new QueueStorageException("queue segment " + storage.directory() + "/" + s.name
          + " is format " + version + ", newer than this version of Wren reads ("
          + QueueFormat.FORMAT_VERSION + "); open it with the newer Wren or move the directory away");
    }
    if (RecordCodec.segmentFirstSeq(header) != s.base) {
      note(s.name, 8, 8, 0, "header names first sequence number "
          + RecordCodec.segmentFirstSeq(header) + ": using the file name's " + s.base);
    }
    return true;
  }

  /** Counts the live messages of segments some of whose messages are done, reading them again. */
  private void countLive(long[] firstMessage, long[] lastMessage) throws IOException {
    int i = 0;
    for (Segment s : segments.values()) {
      int index = i++;
      if (s.messages == 0 || !done.overlaps(firstMessage[index], lastMessage[index] + 1)) continue;
      Long nextBase = segments.higherKey(s.base);
      LogCursor cursor = new LogCursor();
      cursor.moveTo(s, QueueFormat.SEGMENT_HEADER_SIZE, -1);
      s.live = 0;
      s.liveBytes = 0;
      Record r;
      while ((r = cursor.nextMessage(s.size, nextBase == null ? Long.MAX_VALUE : nextBase, null))
          != null) {
        if (done.contains(r.seq)) continue;
        s.live++;
        s.liveBytes += cursor.offset() - cursor.recordStart();
      }
    }
  }

  private void note(String file, long offset, long bytes, int records, String what) {
    Note n = new Note(file, offset, bytes, records, what);
    notes.add(n);
    Logger.warn("Queue {}: {}", storage.directory(), n);
  }
}
