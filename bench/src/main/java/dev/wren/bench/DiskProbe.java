package dev.wren.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The physical limit of a durable publish with one publisher: one thread overwrites 64 bytes at
 * increasing offsets inside a preallocated, synced file and calls {@code force(false)}
 * (fdatasync) after each write, as Wren's file queue does under {@code SyncPolicy.ALWAYS} in its
 * preallocated segments, with no MQTT, no encoding and no other thread. Stateless.
 */
final class DiskProbe {
  static final int RECORD_BYTES = 64;

  private DiskProbe() {}

  /**
   * Writes-and-syncs {@code count} records (or fewer when {@code maxMillis} pass first) in a new
   * file in {@code dir}, which is deleted again; returns records per second.
   */
  static double overwritesPerSecond(Path dir, int count, long maxMillis) throws IOException {
    Path file = Files.createTempFile(dir, "disk-probe-", ".bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = (long) count * RECORD_BYTES;
      ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
      for (long at = 0; at < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
        at += channel.write(zeros, at);
      }
      // Size and blocks on disk first, so each later sync writes data only, as with a preallocated segment.
      channel.force(true);
      ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);
      long start = System.nanoTime();
      long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMillis);
      int written = 0;
      while (written < count && System.nanoTime() - deadline < 0) {
        record.clear();
        record.putLong(0, written);
        long at = (long) written * RECORD_BYTES;
        while (record.hasRemaining()) channel.write(record, at + record.position());
        channel.force(false);
        written++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return written / seconds;
    } finally {
      Files.delete(file);
    }
  }
}
