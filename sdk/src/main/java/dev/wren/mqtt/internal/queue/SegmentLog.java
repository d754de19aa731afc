package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueStorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinylog.Logger;

/**
 * The segment files of a file queue: appending records at the tail, rolling over to a new segment,
 * removing segments, and knowing what was written since the last sync. Holds no message state; the
 * {@link FileQueue} decides what to write and what to remove. Not thread-safe: every method runs
 * under the queue's lock.
 */
final class SegmentLog {
  private final QueueStorage storage;
  private final long segmentBytes;
  private final NanoClock clock;
  /** Whether segments are written out to segmentBytes ahead (zeros) and synced when created. */
  private final boolean preallocate;
  private final TreeMap<Long, Segment> segments;
  private Segment tail;
  /** Records written so far, and how many of them a sync has covered. */
  private long writeVersion;
  private long unsyncedSinceNanos;
  private boolean unsynced;
  /** Whether the INFO line about a platform that cannot sync a directory was logged. */
  private boolean directorySyncMissingLogged;

  SegmentLog(QueueStorage storage, TreeMap<Long, Segment> segments, long segmentBytes,
      NanoClock clock, boolean preallocate) {
    this.storage = storage;
    this.segments = segments;
    this.segmentBytes = segmentBytes;
    this.clock = clock;
    this.preallocate = preallocate;
    this.tail = segments.isEmpty() ? null : segments.lastEntry().getValue();
  }

  /** Creates the first segment of an empty directory. */
  void startIfEmpty(long nextSeq) throws IOException {
    if (tail == null) roll(nextSeq);
  }

  /**
   * Readies a recovered tail for appending: an older format's header becomes the current one
   * (each format's records are a superset of the one before), and the file is written out to the segment size when preallocating.
   */
  void prepareTail() throws IOException {
    Segment s = tail;
    if (s.version < QueueFormat.FORMAT_VERSION) {
      s.file.write(4, new byte[] {(byte) QueueFormat.FORMAT_VERSION}, 0, 1);
      s.version = QueueFormat.FORMAT_VERSION;
      wrote(s);
    }
    if (preallocate && s.allocated < segmentBytes) {
      Zeros.write(s.file, s.allocated, segmentBytes);
      s.allocated = segmentBytes;
      s.file.sync();
    }
  }

  /** Whether new segments are written out to their size ahead. */
  boolean preallocates() {
    return preallocate;
  }

  Segment tail() {
    return tail;
  }

  Segment first() {
    return segments.firstEntry().getValue();
  }

  /** The segment after {@code s}, or null after the tail. */
  Segment after(Segment s) {
    Map.Entry<Long, Segment> e = segments.higherEntry(s.base);
    return e == null ? null : e.getValue();
  }

  /** The base of the segment after {@code s}: the bound of its sequence numbers. */
  long boundAfter(Segment s) {
    Long k = segments.higherKey(s.base);
    return k == null ? Long.MAX_VALUE : k;
  }

  /** The segments, oldest first, as a copy. */
  List<Segment> segments() {
    return new ArrayList<>(segments.values());
  }

  long writeVersion() {
    return writeVersion;
  }

  /** When the oldest write not yet synced happened, or {@link Long#MIN_VALUE} if all are synced. */
  long unsyncedSinceNanos() {
    return unsynced ? unsyncedSinceNanos : Long.MIN_VALUE;
  }

  /**
   * Appends a record at the tail, first rolling over to a new segment named {@code nextSeq} when
   * the tail is full and holds a message (so the new name is above every message before it).
   */
  Segment append(byte[] frame, long nextSeq) throws IOException {
    if (tail.messages > 0 && tail.size + frame.length > segmentBytes) roll(nextSeq);
    Segment s = tail;
    long at = s.size;
    try {
      s.file.write(at, frame, 0, frame.length);
    } catch (IOException e) {
      // Whatever part of the record reached the file lies beyond s.size: the next record overwrites
      // it and recovery cuts it off. Cutting it off now keeps the file tidy: what grew the file
      // is truncated, what landed in preallocated space is zeroed.
      try {
        if (at + frame.length > s.allocated) s.file.truncate(Math.max(at, s.allocated));
        if (at < s.allocated) Zeros.write(s.file, at, Math.min(at + frame.length, s.allocated));
      } catch (IOException tidying) {
        e.addSuppressed(tidying);
      }
      throw new QueueStorageException("could not write a " + frame.length + "-byte record to "
          + path(s) + ": " + e.getMessage() + "; the queue keeps everything stored before it and"
          + " accepts new messages once the storage recovers (disk full?)", e);
    }
    s.size = at + frame.length;
    s.allocated = Math.max(s.allocated, s.size);
    wrote(s);
    return s;
  }

  /**
   * Starts a new empty tail segment named {@code base}; the old tail stays until removed. When
   * preallocating, the file is written out to the segment size with zeros and synced, and so is
   * the directory entry, before any record goes in: appending and syncing then change no file
   * metadata, which makes each sync of ALWAYS the cheap kind.
   */
  void roll(long base) throws IOException {
    String name = QueueFormat.segmentName(base);
    SegmentFile file = storage.open(name);
    long allocated = QueueFormat.SEGMENT_HEADER_SIZE;
    try {
      file.truncate(0);
      file.write(0, RecordCodec.segmentHeader(base), 0, QueueFormat.SEGMENT_HEADER_SIZE);
      if (preallocate) {
        allocated = Math.max(allocated, segmentBytes);
        Zeros.write(file, QueueFormat.SEGMENT_HEADER_SIZE, allocated);
        file.sync();
        syncDirectory();
      }
    } catch (IOException e) {
      try {
        file.close();
        storage.delete(name);
      } catch (IOException cleaning) {
        e.addSuppressed(cleaning);
      }
      throw new QueueStorageException("could not start queue segment " + storage.directory() + "/"
          + name + ": " + e.getMessage() + "; the queue keeps everything stored before it", e);
    }
    Segment s = new Segment(base, file, QueueFormat.SEGMENT_HEADER_SIZE);
    s.allocated = allocated;
    s.recoveredSize = 0;
    segments.put(base, s);
    tail = s;
    wrote(s);
  }

  private void syncDirectory() throws IOException {
    if (!storage.syncDirectory() && !directorySyncMissingLogged) {
      directorySyncMissingLogged = true;
      Logger.info("Queue {}: this platform cannot sync a directory; a segment created just before"
          + " a power loss relies on the file system to keep its directory entry",
          storage.directory());
    }
  }

  private void wrote(Segment s) {
    s.dirty = true;
    writeVersion++;
    if (!unsynced) {
      unsynced = true;
      unsyncedSinceNanos = clock.nanoTime();
    }
  }

  /** Takes the segments written since the last sync, pinned, and marks them clean. */
  List<Segment> takeDirty() {
    List<Segment> dirty = new ArrayList<>();
    for (Segment s : segments.values()) {
      if (s.dirty) {
        s.dirty = false;
        s.pins++;
        dirty.add(s);
      }
    }
    unsynced = false;
    return dirty;
  }

  /** Removes a segment other than the tail; its file goes once no reader or sync has it pinned. */
  void remove(Segment s) {
    segments.remove(s.base);
    s.deleted = true;
    if (s.pins == 0) destroy(s);
  }

  void unpin(Segment s) {
    if (--s.pins == 0 && s.deleted) destroy(s);
  }

  private void destroy(Segment s) {
    try {
      s.file.close();
      storage.delete(s.name);
    } catch (IOException e) {
      Logger.warn(e, "Could not delete {}, whose messages are all done; the queue reads it again"
          + " and deletes it when next opened", path(s));
    }
  }

  /** Closes every file; the first failure is thrown with the others attached. */
  void closeAll() throws IOException {
    IOException error = null;
    for (Segment s : segments.values()) {
      try {
        s.file.close();
      } catch (IOException e) {
        if (error == null) error = e;
        else error.addSuppressed(e);
      }
    }
    if (error != null) throw error;
  }

  /**
   * Logs damage the I/O thread steps over in {@code s}: at DEBUG where recovery already reported
   * it, at WARN where the file changed after it was written.
   */
  SegmentReader.Damage damageIn(final Segment s) {
    return new SegmentReader.Damage() {
      @Override public void dropped(long offset, long bytes, int records, boolean zeros) {
        if (offset < s.recoveredSize) {
          Logger.debug("Queue {}: {} at {}: stepped over {} damaged bytes reported when opened",
              storage.directory(), s.name, offset, bytes);
        } else {
          Logger.warn("Queue {}: {} at {}: {} bytes ({} records) changed since written; skipped",
              storage.directory(), s.name, offset, bytes, records);
        }
      }
    };
  }

  String path(Segment s) {
    return storage.directory() + "/" + s.name;
  }
}
