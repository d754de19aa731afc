package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.internal.codec.PacketTooLargeException;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.Publish;
import java.io.EOFException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class PacketReaderTest {
  /** Hands out scripted chunks; a null chunk is a read timeout. Ends with EOF. */
  private static final class ScriptedInput extends InputStream {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int position;
    int bytesRead;

    ScriptedInput then(int... bytes) {
      byte[] chunk = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) chunk[i] = (byte) bytes[i];
      chunks.add(chunk);
      return this;
    }

    ScriptedInput timeout() {
      chunks.add(new byte[0]);
      return this;
    }

    @Override public int read() throws java.io.IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] b, int off, int len) throws java.io.IOException {
      while (position == current.length) {
        if (chunks.isEmpty()) return -1;
        current = chunks.poll();
        position = 0;
        if (current.length == 0) throw new SocketTimeoutException("scripted timeout");
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      bytesRead += n;
      return n;
    }
  }

  @Test void timeoutsInTheHeaderAndBodyLoseNothing() throws Exception {
    ScriptedInput in = new ScriptedInput()
        .then(0x30).timeout()
        .then(0x05).timeout()
        .then(0x00, 0x01, 'a').timeout()
        .then('h', 'i')
        .then(0x40, 0x02, 0x00, 0x07);
    PacketReader reader = new PacketReader(in, 1024);
    assertNull(reader.read());
    assertNull(reader.read());
    assertNull(reader.read());
    Publish publish = (Publish) reader.read();
    assertEquals("a", publish.topic());
    assertEquals("hi", new String(publish.payload(), "UTF-8"));
    assertEquals(new PubAck(7), reader.read());
  }

  @Test void oversizeLengthIsRefusedBeforeTheBodyIsRead() {
    // PUBLISH claiming 268,435,455 bytes: refused from the 5 header bytes alone.
    ScriptedInput in = new ScriptedInput().then(0x30, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x00);
    PacketReader reader = new PacketReader(in, 1024);
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class, reader::read);
    assertTrue(e.getMessage().contains("1024"), e.getMessage());
    assertEquals(5, in.bytesRead);
  }

  @Test void endOfStreamMidPacketSaysSo() {
    ScriptedInput in = new ScriptedInput().then(0x40, 0x02, 0x00);
    EOFException e = assertThrows(EOFException.class, () -> new PacketReader(in, 1024).read());
    assertTrue(e.getMessage().contains("middle of a packet"), e.getMessage());
  }
}
