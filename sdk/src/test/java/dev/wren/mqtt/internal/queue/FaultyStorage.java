package dev.wren.mqtt.internal.queue;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real disk storage with faults on demand, in the manner of OkHttp's FaultyFileSystem: failing
 * writes (disk full), short writes (part of the bytes, then failure), failing truncates and syncs,
 * a sync that blocks until released, and counts of reads, writes and file and directory syncs.
 */
final class FaultyStorage implements QueueStorage {
  private final DiskStorage disk;
  final AtomicInteger syncs = new AtomicInteger();
  final AtomicInteger directorySyncs = new AtomicInteger();
  /** Read and write calls on the segment files. */
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  volatile boolean failWrites;
  /** When at least 0: the next write stores this many bytes, then fails; reset to -1 after. */
  volatile int shortWriteBytes = -1;
  volatile boolean failTruncates;
  volatile boolean failSyncs;
  /** When set, each sync waits for this latch (and counts down {@link #syncEntered} first). */
  volatile CountDownLatch syncGate;
  /** Takes no directory lock, so a test can abandon a queue (as a crash would) and open another. */
  volatile boolean noLock;
  final CountDownLatch syncEntered = new CountDownLatch(1);

  FaultyStorage(File directory) {
    this.disk = new DiskStorage(directory);
  }

  @Override public File directory() {
    return disk.directory();
  }

  @Override public String[] list() throws IOException {
    return disk.list();
  }

  @Override public SegmentFile open(String name) throws IOException {
    final SegmentFile file = disk.open(name);
    return new SegmentFile() {
      @Override public long size() throws IOException {
        return file.size();
      }

      @Override public int read(long position, byte[] b, int off, int length) throws IOException {
        reads.incrementAndGet();
        return file.read(position, b, off, length);
      }

      @Override public void write(long position, byte[] b, int off, int length) throws IOException {
        writes.incrementAndGet();
        if (failWrites) throw new IOException("No space left on device");
        int partial = shortWriteBytes;
        if (partial >= 0) {
          shortWriteBytes = -1;
          file.write(position, b, off, Math.min(partial, length));
          throw new IOException("No space left on device (after " + partial + " bytes)");
        }
        file.write(position, b, off, length);
      }

      @Override public void sync() throws IOException {
        CountDownLatch gate = syncGate;
        if (gate != null) {
          syncEntered.countDown();
          try {
            if (!gate.await(10, TimeUnit.SECONDS)) throw new IOException("sync gate never opened");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the sync gate", e);
          }
        }
        if (failSyncs) throw new IOException("Input/output error");
        syncs.incrementAndGet();
        file.sync();
      }

      @Override public void truncate(long size) throws IOException {
        if (failTruncates) throw new IOException("Input/output error (truncate)");
        file.truncate(size);
      }

      @Override public void close() throws IOException {
        file.close();
      }
    };
  }

  @Override public boolean syncDirectory() throws IOException {
    if (failSyncs) throw new IOException("Input/output error (directory)");
    boolean done = disk.syncDirectory();
    if (done) directorySyncs.incrementAndGet();
    return done;
  }

  @Override public void delete(String name) throws IOException {
    disk.delete(name);
  }

  @Override public Closeable lock(String name) throws IOException {
    if (noLock) return () -> { };
    return disk.lock(name);
  }
}
