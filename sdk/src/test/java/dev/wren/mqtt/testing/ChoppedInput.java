package dev.wren.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A stream of fuzz bytes cut where the fuzzer says, with read timeouts where it says, to exercise
 * readers that resume after a {@link SocketTimeoutException}. The input starts with a plan:
 *
 * <pre>
 *   0   1  n = the low 4 bits: how many plan bytes follow
 *   1   n  one per chunk: bits 0-5 the chunk length (0..63), bit 6 a read timeout before it
 *   1+n ..  the stream
 * </pre>
 *
 * A read never returns more than the current chunk holds; once the plan is used up the stream is
 * delivered as the reader asks. A timeout loses no bytes. At the end every read returns -1.
 * Not thread-safe.
 */
public final class ChoppedInput extends InputStream {
  private final byte[] data;
  private final int planStart;
  private final int planEnd;
  private int plan;
  private int position;
  /** Bytes left in the current chunk; -1 when no chunk is open. */
  private int chunkLeft = -1;
  private int timeouts;

  public ChoppedInput(byte[] input) {
    this.data = input;
    int planBytes = input.length == 0 ? 0 : Math.min(input[0] & 0x0F, input.length - 1);
    this.planStart = Math.min(1, input.length);
    this.planEnd = planStart + planBytes;
    this.plan = planStart;
    this.position = planEnd;
  }

  /** The stream's length, plan excluded. */
  public int streamLength() {
    return data.length - planEnd;
  }

  /** The timeouts thrown so far. */
  public int timeouts() {
    return timeouts;
  }

  @Override public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xFF;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    if (off < 0 || len < 0 || len > b.length - off) {
      throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + b.length);
    }
    if (len == 0) return 0;
    while (chunkLeft <= 0 && plan < planEnd) {
      int step = data[plan++] & 0xFF;
      chunkLeft = step & 0x3F;
      if ((step & 0x40) != 0) {
        timeouts++;
        throw new SocketTimeoutException("chopped input: timeout at stream byte "
            + (position - planEnd));
      }
    }
    if (position == data.length) return -1;
    int n = Math.min(len, data.length - position);
    if (chunkLeft > 0) n = Math.min(n, chunkLeft);
    System.arraycopy(data, position, b, off, n);
    position += n;
    if (chunkLeft > 0) chunkLeft -= n;
    return n;
  }

  @Override public int available() {
    return chunkLeft > 0 ? Math.min(chunkLeft, data.length - position) : 0;
  }
}
