package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.PacketInfo;
import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.internal.codec.Mqtt311Encoder;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.PingReq;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.PubComp;
import dev.wren.mqtt.internal.codec.PubRec;
import dev.wren.mqtt.internal.codec.PubRel;
import dev.wren.mqtt.internal.codec.Publish;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketWriterTest {
  /** Records each write call the writer makes on the socket's stream. */
  private static final class Calls extends OutputStream {
    final List<byte[]> writes = new ArrayList<>();
    final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @Override public void write(int b) {
      throw new AssertionError("packets are written as arrays");
    }

    @Override public void write(byte[] b, int off, int len) {
      byte[] copy = new byte[len];
      System.arraycopy(b, off, copy, 0, len);
      writes.add(copy);
      all.write(b, off, len);
    }
  }

  private static byte[] bytes(Packet... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Packet p : packets) {
      byte[] b = Mqtt311Encoder.encode(p);
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  @Test void gatheredPacketsLeaveTogetherOnFlush() throws Exception {
    Calls out = new Calls();
    PacketWriter writer = new PacketWriter(out);
    for (int id = 1; id <= 50; id++) writer.gather(new PubAck(id));
    assertEquals(0, out.writes.size(), "nothing sent before the flush");
    writer.flush();
    assertEquals(1, out.writes.size(), "fifty acknowledgements, one write");
    PubAck[] acks = new PubAck[50];
    for (int id = 1; id <= 50; id++) acks[id - 1] = new PubAck(id);
    assertArrayEquals(bytes(acks), out.all.toByteArray());
  }

  @Test void acknowledgementsGatheredByTypeAndIdAreThePacketsAndTheListenerHearsThem()
      throws Exception {
    Calls out = new Calls();
    List<String> heard = new ArrayList<>();
    PacketWriter writer = new PacketWriter(out, new PacketListener() {
      @Override public void sent(PacketInfo packet) {
        heard.add(packet.toString());
      }
    });
    writer.gatherAck(PacketType.PUBACK, 1);
    writer.gatherAck(PacketType.PUBREC, 2);
    writer.gatherAck(PacketType.PUBREL, 3);
    writer.gatherAck(PacketType.PUBCOMP, 65535);
    writer.flush();
    assertArrayEquals(bytes(new PubAck(1), new PubRec(2), new PubRel(3), new PubComp(65535)),
        out.all.toByteArray());
    assertEquals(4, heard.size(), heard.toString());
    assertTrue(heard.get(3).contains("PUBCOMP") && heard.get(3).contains("65535"), heard.toString());
  }

  @Test void aWriteSendsWhatWasGatheredBeforeIt() throws Exception {
    Calls out = new Calls();
    PacketWriter writer = new PacketWriter(out);
    writer.gather(new PubAck(1));
    writer.write(PingReq.INSTANCE);
    assertArrayEquals(bytes(new PubAck(1), PingReq.INSTANCE), out.all.toByteArray(), "in order");
  }

  @Test void aFullBufferIsSentAndLargePacketsSkipIt() throws Exception {
    Calls out = new Calls();
    PacketWriter writer = new PacketWriter(out);
    Publish small = new Publish("t", new byte[1000], 1, false, false, 1);
    Publish large = new Publish("t", new byte[PacketWriter.GATHER_BYTES], 1, false, false, 2);
    for (int i = 0; i < 9; i++) writer.gather(small);
    assertEquals(1, out.writes.size(), "the ninth no longer fit: the first eight went");
    writer.gather(large);
    assertEquals(3, out.writes.size(), "the gathered one first, then the large one as it is");
    assertEquals(Mqtt311Encoder.encode(large).length, out.writes.get(2).length);
    writer.flush();
    assertEquals(3, out.writes.size(), "nothing left to flush");
  }

  @Test void flushSoonLeavesTheWriteToABusyIoThread() throws Exception {
    Calls out = new Calls();
    PacketWriter writer = new PacketWriter(out);
    writer.gather(new PubAck(1));
    writer.flushSoon();
    assertEquals(1, out.writes.size(), "a quiet I/O thread: the gatherer sends its own");

    writer.ioThreadBusy();
    writer.gather(new PubAck(2));
    writer.flushSoon();
    assertEquals(1, out.writes.size(), "the busy I/O thread will send it");
    writer.ioThreadWaits();
    assertEquals(2, out.writes.size(), "and does before it waits");

    writer.ioThreadBusy();
    writer.ioThreadCallsOut();
    writer.gather(new PubAck(3));
    writer.flushSoon();
    assertEquals(3, out.writes.size(), "while a handler runs, gatherers send their own");
  }

  @Test void trimKeepsGatheredBytes() throws Exception {
    Calls out = new Calls();
    PacketWriter writer = new PacketWriter(out);
    writer.gather(new PubAck(9));
    writer.trim();
    writer.flush();
    assertArrayEquals(bytes(new PubAck(9)), out.all.toByteArray());
  }
}
