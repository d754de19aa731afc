package dev.wren.mqtt.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class ElasticInputStreamTest {
  /** A source that hands out scripted chunks; a null chunk is a read timeout. */
  private static final class Script extends InputStream {
    final Deque<byte[]> chunks = new ArrayDeque<>();
    byte[] current = new byte[0];
    int at;
    int largestRead;

    Script add(byte[] chunk) {
      chunks.add(chunk);
      return this;
    }

    Script timeout() {
      chunks.add(new byte[0]);
      return this;
    }

    @Override public int read() {
      throw new AssertionError("the elastic stream reads in blocks");
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      largestRead = Math.max(largestRead, len);
      if (at == current.length) {
        if (chunks.isEmpty()) return -1;
        current = chunks.poll();
        at = 0;
        if (current.length == 0) throw new SocketTimeoutException("Read timed out");
      }
      int n = Math.min(len, current.length - at);
      System.arraycopy(current, at, b, off, n);
      at += n;
      return n;
    }
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
    return b;
  }

  @Test void startsSmallGrowsWhileReadsFillItAndShrinksWhenTheLinkGoesQuiet() throws IOException {
    byte[] burst = bytes(100_000, 1);
    Script source = new Script().add(burst).timeout().add(bytes(10, 2));
    ElasticInputStream in = new ElasticInputStream(source);
    assertEquals(ElasticInputStream.MIN, in.capacity());
    byte[] got = new byte[burst.length];
    for (int i = 0; i < got.length; i++) got[i] = (byte) in.read();
    assertArrayEquals(burst, got);
    assertEquals(ElasticInputStream.MAX, in.capacity(), "a long burst grows the buffer to the cap");
    assertThrows(SocketTimeoutException.class, in::read);
    assertEquals(ElasticInputStream.MIN, in.capacity(), "a timeout with nothing buffered shrinks it");
    assertEquals(bytes(10, 2)[0] & 0xFF, in.read());
  }

  @Test void aTimeoutLosesNothingBuffered() throws IOException {
    byte[] first = bytes(300, 3);
    byte[] second = bytes(700, 4);
    ElasticInputStream in = new ElasticInputStream(new Script().add(first).timeout().add(second));
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] chunk = new byte[7];
    int timeouts = 0;
    while (true) {
      int n;
      try {
        n = in.read(chunk, 0, chunk.length);
      } catch (SocketTimeoutException e) {
        timeouts++;
        continue;
      }
      if (n == -1) break;
      seen.write(chunk, 0, n);
    }
    assertEquals(1, timeouts);
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertArrayEquals(both, seen.toByteArray());
  }

  @Test void largeReadsSkipTheBuffer() throws IOException {
    byte[] body = bytes(4096, 5);
    Script source = new Script().add(body);
    ElasticInputStream in = new ElasticInputStream(source);
    byte[] got = new byte[4096];
    int n = in.read(got, 0, got.length);
    assertEquals(4096, n);
    assertArrayEquals(body, got);
    assertEquals(4096, source.largestRead, "read straight into the caller's array");
    assertEquals(-1, in.read());
  }

  @Test void availableCountsTheBufferedBytes() throws IOException {
    ElasticInputStream in = new ElasticInputStream(new Script().add(bytes(40, 6)));
    in.read();
    assertEquals(39, in.available());
    in.skip(39);
    assertEquals(0, in.available(), "the source is not asked");
  }
}
