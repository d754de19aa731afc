package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueLockedException;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;

/**
 * A queue directory on the local file system, through {@link RandomAccessFile} and
 * {@link FileChannel} (java.nio.file is not on Android API 21; {@link DirectorySync} uses it where
 * present). Thread-safe.
 */
final class DiskStorage implements QueueStorage {
  private final File directory;

  DiskStorage(File directory) {
    this.directory = directory;
  }

  @Override public File directory() {
    return directory;
  }

  @Override public String[] list() throws IOException {
    if (!directory.isDirectory() && !directory.mkdirs() && !directory.isDirectory()) {
      throw new IOException(directory.exists()
          ? "not a directory: " + directory
          : "cannot create directory " + directory + "; check the path and its permissions");
    }
    String[] names = directory.list();
    if (names == null) throw new IOException("cannot list directory " + directory);
    return names;
  }

  @Override public SegmentFile open(String name) throws IOException {
    return new DiskSegmentFile(new RandomAccessFile(new File(directory, name), "rw"));
  }

  @Override public boolean syncDirectory() throws IOException {
    return DirectorySync.PLATFORM.sync(directory);
  }

  @Override public void delete(String name) throws IOException {
    File file = new File(directory, name);
    if (!file.delete() && file.exists()) throw new IOException("cannot delete " + file);
  }

  @Override public Closeable lock(String name) throws IOException {
    File file = new File(directory, name);
    final RandomAccessFile raf = new RandomAccessFile(file, "rw");
    final FileLock lock;
    try {
      lock = raf.getChannel().tryLock();
    } catch (OverlappingFileLockException e) {
      raf.close();
      throw locked(file, "another client in this process", e);
    } catch (IOException e) {
      try {
        raf.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    if (lock == null) {
      raf.close();
      throw locked(file, "another process", null);
    }
    return new Closeable() {
      @Override public void close() throws IOException {
        try {
          lock.release();
        } finally {
          raf.close();
        }
      }
    };
  }

  private QueueLockedException locked(File lockFile, String holder, Throwable cause) {
    return new QueueLockedException("queue directory " + directory + " is in use by " + holder
        + " (lock file " + lockFile + " is locked); one client may use a directory at a time: close"
        + " the other client or give this one its own directory", cause);
  }

  /** A segment file over one {@link FileChannel}, whose positional I/O is safe across threads. */
  private static final class DiskSegmentFile implements SegmentFile {
    private final RandomAccessFile file;
    private final FileChannel channel;

    DiskSegmentFile(RandomAccessFile file) {
      this.file = file;
      this.channel = file.getChannel();
    }

    @Override public long size() throws IOException {
      return channel.size();
    }

    @Override public int read(long position, byte[] b, int off, int length) throws IOException {
      return channel.read(ByteBuffer.wrap(b, off, length), position);
    }

    @Override public void write(long position, byte[] b, int off, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, length);
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
    }

    @Override public void sync() throws IOException {
      channel.force(false);
    }

    @Override public void truncate(long size) throws IOException {
      channel.truncate(size);
    }

    @Override public void close() throws IOException {
      file.close();
    }
  }
}

