package dev.wren.mqtt.internal.queue;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A queue directory in memory, for fuzz tests that recover thousands of directories a second.
 * Files are byte arrays; syncs do nothing; the lock is always free. Not thread-safe.
 */
final class MemoryStorage implements QueueStorage {
  private final Map<String, MemoryFile> files = new TreeMap<>();

  /** Creates or replaces {@code name} with a copy of {@code content}. */
  void put(String name, byte[] content) {
    MemoryFile file = new MemoryFile();
    file.bytes = content.clone();
    file.size = content.length;
    files.put(name, file);
  }

  /** A copy of the content of {@code name}, or null if there is no such file. */
  byte[] content(String name) {
    MemoryFile f = files.get(name);
    return f == null ? null : Arrays.copyOf(f.bytes, (int) f.size);
  }

  @Override public File directory() {
    return new File("memory");
  }

  @Override public String[] list() {
    return files.keySet().toArray(new String[0]);
  }

  @Override public SegmentFile open(String name) {
    MemoryFile f = files.get(name);
    if (f == null) {
      f = new MemoryFile();
      files.put(name, f);
    }
    return f;
  }

  @Override public boolean syncDirectory() {
    return true;
  }

  @Override public void delete(String name) {
    files.remove(name);
  }

  @Override public Closeable lock(String name) {
    return () -> { };
  }

  private static final class MemoryFile implements SegmentFile {
    byte[] bytes = new byte[0];
    long size;

    @Override public long size() {
      return size;
    }

    @Override public int read(long position, byte[] b, int off, int length) {
      if (position >= size) return -1;
      int n = (int) Math.min(length, size - position);
      System.arraycopy(bytes, (int) position, b, off, n);
      return n;
    }

    @Override public void write(long position, byte[] b, int off, int length) throws IOException {
      long end = position + length;
      if (end > Integer.MAX_VALUE) throw new IOException("memory file too large: " + end);
      if (end > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.max(end, 2L * bytes.length));
      System.arraycopy(b, off, bytes, (int) position, length);
      size = Math.max(size, end);
    }

    @Override public void sync() {
      // memory is as durable as it gets here
    }

    @Override public void truncate(long newSize) {
      if (newSize < size) {
        Arrays.fill(bytes, (int) newSize, (int) size, (byte) 0);
        size = newSize;
      }
    }

    @Override public void close() {
      // nothing to release
    }
  }
}
