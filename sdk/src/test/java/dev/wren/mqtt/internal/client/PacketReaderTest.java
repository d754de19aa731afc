package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketTooLargeException;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.Publish;
import java.io.EOFException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packet reader over scripted reads: timeouts, trickles, limits and the first packet. */
class PacketReaderTest {
  /** Hands out scripted chunks; a null chunk is a read timeout. Ends with EOF. */
  private static class ScriptedInput extends InputStream {
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

  private static PacketReader reader(ScriptedInput in, int max) {
    return new PacketReader(new ReadOnlyConnection(in, "scripted"), max);
  }

  @Test void timeoutsInTheHeaderAndBodyLoseNothing() throws Exception {
    ScriptedInput in = new ScriptedInput()
        .then(0x30).timeout()
        .then(0x05).timeout()
        .then(0x00, 0x01, 'a').timeout()
        .then('h', 'i')
        .then(0x40, 0x02, 0x00, 0x07);
    PacketReader reader = reader(in, 1024);
    assertNull(reader.read(0));
    assertNull(reader.read(0));
    assertNull(reader.read(0));
    Publish publish = (Publish) reader.read(0);
    assertEquals("a", publish.topic());
    assertEquals("hi", new String(publish.payload(), "UTF-8"));
    assertEquals(new PubAck(7), reader.read(0));
  }

  @Test void aPacketReadLaterLeavesTheOneBeforeItUnchanged() throws Exception {
    // Both bodies go through the reader's reused array; the decoded values must own their bytes.
    ScriptedInput in = new ScriptedInput()
        .then(0x30, 0x05, 0x00, 0x01, 'a', 'h', 'i')
        .then(0x30, 0x05, 0x00, 0x01, 'b', 'y', 'o');
    PacketReader reader = reader(in, 1024);
    Publish first = (Publish) reader.read(0);
    Publish second = (Publish) reader.read(0);
    assertEquals("a", first.topic());
    assertEquals("hi", new String(first.payload(), StandardCharsets.UTF_8));
    assertEquals("b", second.topic());
    assertEquals("yo", new String(second.payload(), StandardCharsets.UTF_8));
  }

  @Test void oversizeLengthIsRefusedBeforeTheBodyIsRead() {
    // PUBLISH claiming 268,435,455 bytes: refused from the 5 header bytes alone.
    ScriptedInput in = new ScriptedInput().then(0x30, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x00);
    PacketReader reader = reader(in, 1024);
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class, () -> reader.read(0));
    assertTrue(e.getMessage().contains("1024"), e.getMessage());
    assertEquals(5, in.bytesRead);
  }

  @Test void endOfStreamMidPacketSaysSo() {
    ScriptedInput in = new ScriptedInput().then(0x40, 0x02, 0x00);
    EOFException e = assertThrows(EOFException.class, () -> reader(in, 1024).read(0));
    assertTrue(e.getMessage().contains("middle of a packet"), e.getMessage());
  }

  @Test void aPacketThatTricklesInStillReturnsWhenTheTimeIsUp() throws Exception {
    // Every read brings a byte, as from a slow-loris broker; the call must end all the same.
    ScriptedInput in = new ScriptedInput() {
      @Override public int read(byte[] b, int off, int len) throws java.io.IOException {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException("interrupted");
        }
        return super.read(b, off, Math.min(len, 1));
      }
    };
    int[] publish = new int[2 + 100];
    publish[0] = 0x30;
    publish[1] = 100;
    publish[3] = 1;
    publish[4] = 'a';
    in.then(publish);
    PacketReader reader = reader(in, 1024);
    long start = System.nanoTime();
    assertNull(reader.read(TimeUnit.MILLISECONDS.toNanos(50)));
    assertTrue(reader.inPacket());
    assertTrue(reader.startedNanos() - start >= 0, "started when its first byte came");
    assertTrue(in.bytesRead < publish.length, "it returned before the packet was whole: " + in.bytesRead);
    Packet packet = null;
    while (packet == null) packet = reader.read(TimeUnit.MILLISECONDS.toNanos(50));
    assertEquals("a", ((Publish) packet).topic());
    assertEquals(100 - 3, ((Publish) packet).payload().length);
    assertFalse(reader.inPacket());
  }

  @Test void eachReadWaitsOnlyForWhatIsLeftOfTheTime() throws Exception {
    ScriptedInput in = new ScriptedInput().then(0x40).then(0x02).then(0x00).then(0x01);
    ReadOnlyConnection connection = new ReadOnlyConnection(in, "scripted");
    assertEquals(new PubAck(1), new PacketReader(connection, 1024).read(TimeUnit.SECONDS.toNanos(10)));
    assertEquals(4, connection.timeouts.size(), "one timeout per read: " + connection.timeouts);
    for (int millis : connection.timeouts) {
      assertTrue(millis >= 1 && millis <= 10_000, connection.timeouts.toString());
    }
  }

  @Test void aFirstPacketOfTheWrongTypeIsRefusedWithTheBytesThatCame() {
    // An HTTP server's answer: 'H' is 0x48, which would be a PUBACK with reserved flags.
    byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    ScriptedInput in = new ScriptedInput() {
      @Override public int available() {
        return http.length - bytesRead;
      }
    };
    int[] bytes = new int[http.length];
    for (int i = 0; i < http.length; i++) bytes[i] = http[i];
    in.then(bytes);
    PacketReader reader = reader(in, 1024);
    reader.require(PacketType.CONNACK);
    UnexpectedFirstPacketException e = assertThrows(UnexpectedFirstPacketException.class,
        () -> reader.read(0));
    assertEquals("expected CONNACK but the first bytes are 48 54 54 50 2F 31 2E 31 20 34 30 30 20"
        + " 42 61 64 (\"HTTP/1.1 400 Bad\")", e.getMessage());
    assertEquals(PacketReader.LEADING_BYTES, in.bytesRead, "no more than shown is read");
  }

  @Test void theRequiredTypeAppliesToTheNextPacketOnly() throws Exception {
    ScriptedInput in = new ScriptedInput().then(0x20, 0x02, 0x00, 0x00).then(0x40, 0x02, 0x00, 0x09);
    PacketReader reader = reader(in, 1024);
    reader.require(PacketType.CONNACK);
    assertEquals(PacketType.CONNACK, reader.read(0).type());
    assertEquals(new PubAck(9), reader.read(0));
  }
}
