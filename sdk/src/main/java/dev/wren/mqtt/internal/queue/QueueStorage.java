package dev.wren.mqtt.internal.queue;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;

/**
 * The directory of a file queue: list, open, delete and lock its files. The seam through which tests
 * inject faults; {@link DiskStorage} is the real one.
 */
interface QueueStorage {
  /** The directory, for messages. */
  File directory();

  /** Names of the files in the directory; creates the directory if missing. */
  String[] list() throws IOException;

  /** Opens {@code name} for reading and writing, creating it empty if missing. */
  SegmentFile open(String name) throws IOException;

  /**
   * Makes the directory's entries (a file just created) durable, where the platform allows it.
   *
   * @return false when this platform offers no way to (then nothing was done)
   */
  boolean syncDirectory() throws IOException;

  /** Deletes {@code name}; succeeds if it is already gone. */
  void delete(String name) throws IOException;

  /**
   * Takes the lock that makes this client the directory's only user until the returned handle is
   * closed.
   *
   * @throws dev.wren.mqtt.QueueLockedException if another process or client holds it
   */
  Closeable lock(String name) throws IOException;
}
