package dev.wren.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A buffered stream whose buffer follows the traffic: it starts small, doubles each time a read
 * fills it (more is likely waiting), and drops back to the small size when a read times out (the
 * link went quiet). An idle client, which is most of them on a gateway, so keeps {@value #MIN}
 * bytes instead of a fixed 8 KiB, while a busy one reads up to {@value #MAX} bytes per call.
 *
 * <p>Like {@link java.io.BufferedInputStream}, nothing buffered is lost when the underlying read
 * times out. Reads as large as the buffer skip it. Not thread-safe: the I/O thread reads.
 */
public final class ElasticInputStream extends InputStream {
  static final int MIN = 512;
  static final int MAX = 16 * 1024;

  private final InputStream in;
  private byte[] buffer = new byte[MIN];
  private int position;
  private int limit;
  /** The last fill filled the buffer: the next one uses a larger one. */
  private boolean grow;

  public ElasticInputStream(InputStream in) {
    this.in = in;
  }

  @Override public int read() throws IOException {
    if (position == limit && fill() == -1) return -1;
    return buffer[position++] & 0xFF;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    int buffered = limit - position;
    if (buffered == 0) {
      // A read as large as the buffer gains nothing from copying through it.
      if (len >= buffer.length) return readThrough(b, off, len);
      if (fill() == -1) return -1;
      buffered = limit - position;
    }
    int n = Math.min(buffered, len);
    System.arraycopy(buffer, position, b, off, n);
    position += n;
    return n;
  }

  /**
   * The bytes buffered here. The source is not asked: on a socket that would cost a system call
   * per packet, and the caller only wants to know whether its next read can wait.
   */
  @Override public int available() {
    return limit - position;
  }

  @Override public void close() throws IOException {
    in.close();
  }

  /** The current buffer size, for tests. */
  int capacity() {
    return buffer.length;
  }

  private int readThrough(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (SocketTimeoutException e) {
      shrink();
      throw e;
    }
  }

  /** Refills the empty buffer; -1 at the end of the stream. */
  private int fill() throws IOException {
    if (grow) {
      buffer = new byte[Math.min(MAX, buffer.length * 2)];
      grow = false;
    }
    position = 0;
    limit = 0;
    int n;
    do {
      try {
        n = in.read(buffer, 0, buffer.length);
      } catch (SocketTimeoutException e) {
        shrink();
        throw e;
      }
    } while (n == 0);
    if (n < 0) return -1;
    limit = n;
    grow = n == buffer.length && buffer.length < MAX;
    return n;
  }

  /** Called when a read timed out with nothing buffered: the link is quiet. */
  private void shrink() {
    grow = false;
    if (buffer.length > MIN) buffer = new byte[MIN];
  }
}
