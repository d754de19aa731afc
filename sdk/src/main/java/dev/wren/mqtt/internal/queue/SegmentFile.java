package dev.wren.mqtt.internal.queue;

import java.io.Closeable;
import java.io.IOException;

/**
 * One open segment file, read and written at explicit positions so the I/O thread can read while a
 * publisher appends. The seam through which tests inject faults (disk full, short write, failed
 * sync). Implementations are safe for concurrent positional reads and writes.
 */
interface SegmentFile extends Closeable {
  /** The file's length in bytes. */
  long size() throws IOException;

  /** Reads up to {@code length} bytes at {@code position}; returns the count, -1 at the end. */
  int read(long position, byte[] b, int off, int length) throws IOException;

  /** Writes all {@code length} bytes at {@code position}, or throws having written some or none. */
  void write(long position, byte[] b, int off, int length) throws IOException;

  /** Forces the file's content to stable storage. */
  void sync() throws IOException;

  /** Cuts the file to {@code size} bytes. */
  void truncate(long size) throws IOException;
}
