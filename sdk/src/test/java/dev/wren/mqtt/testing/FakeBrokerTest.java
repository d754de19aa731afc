package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Self-test of {@link FakeBroker} and {@link Wire} with a plain socket standing in for a client. */
@Timeout(20)
class FakeBrokerTest {

  private static Socket connect(FakeBroker fake) throws IOException {
    Socket s = new Socket("127.0.0.1", fake.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static byte[] readN(Socket s, int n) throws IOException {
    byte[] b = new byte[n];
    new DataInputStream(s.getInputStream()).readFully(b);
    return b;
  }

  @Test void remainingLengthEncodingMatchesTheSpecExamples() {
    assertEquals("00", Wire.hex(Wire.remainingLength(0)));
    assertEquals("7f", Wire.hex(Wire.remainingLength(127)));
    assertEquals("80 01", Wire.hex(Wire.remainingLength(128)));
    assertEquals("ff 7f", Wire.hex(Wire.remainingLength(16_383)));
    assertEquals("80 80 01", Wire.hex(Wire.remainingLength(16_384)));
    assertEquals("ff ff 7f", Wire.hex(Wire.remainingLength(2_097_151)));
    assertEquals("80 80 80 01", Wire.hex(Wire.remainingLength(2_097_152)));
    assertEquals("ff ff ff 7f", Wire.hex(Wire.remainingLength(268_435_455)));
    assertThrows(IllegalArgumentException.class, () -> Wire.remainingLength(268_435_456));
    assertEquals("20 02 01 05", Wire.hex(Wire.connAck(true, 5)));
    assertEquals("62 02 12 34", Wire.hex(Wire.pubRel(0x1234)));
  }

  @Test void expectRecordsAndSendConnAckAnswers() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).sendConnAck(false, 0).stall());
      try (Socket s = connect(fake)) {
        s.getOutputStream().write(Wire.connect("dev-1", 30, true));
        assertEquals("20 02 00 00", Wire.hex(readN(s, 4)));
        RecordedPacket p = fake.takePacket(2_000);
        assertEquals(Wire.CONNECT, p.type());
        assertEquals("dev-1", p.clientId());
        assertEquals(30, p.keepAliveSeconds());
        assertEquals(2, p.connectFlags());
        assertEquals(1, p.connection());
        assertTrue(p.hex().startsWith("10 11 00 04 4d 51 54 54 04 02 00 1e"), p.hex());
        fake.awaitConnections(1, 1_000);
      }
    }
  }

  @Test void wrongPacketTypeFailsTheTestThread() throws Exception {
    FakeBroker fake = FakeBroker.start();
    fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT));
    try (Socket s = connect(fake)) {
      s.getOutputStream().write(Wire.hex("c0 00")); // PINGREQ instead of CONNECT
      fake.awaitConnections(1, 2_000);
      fake.awaitScriptsDone(2_000);
    }
    AssertionError e = assertThrows(AssertionError.class, fake::close);
    assertTrue(e.getMessage().contains("expected CONNECT(1) but got PINGREQ(12)"), e.getMessage());
  }

  @Test void expectTimesOutWhenNothingArrives() throws Exception {
    FakeBroker fake = FakeBroker.start();
    fake.enqueue(new FakeBroker.Script().expectTimeout(200).expect(Wire.CONNECT));
    try (Socket s = connect(fake)) {
      fake.awaitConnections(1, 2_000);
      fake.awaitScriptsDone(3_000);
      AssertionError e = assertThrows(AssertionError.class, fake::verify);
      assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
    }
    assertThrows(AssertionError.class, fake::close);
  }

  @Test void multiByteRemainingLengthIsFramed() throws Exception {
    byte[] payload = new byte[20_000];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().stall());
      try (Socket s = connect(fake)) {
        byte[] publish = Wire.publish("a/b", payload, 1, 77, true, true);
        assertEquals("3b a7 9c 01", Wire.hex(java.util.Arrays.copyOf(publish, 4)));
        s.getOutputStream().write(publish);
        s.getOutputStream().write(Wire.hex("c0 00"));
        RecordedPacket p = fake.takePacket(2_000);
        assertEquals("a/b", p.topic());
        assertEquals(1, p.qos());
        assertTrue(p.dup());
        assertTrue(p.retain());
        assertEquals(77, p.packetId());
        assertArrayEquals(payload, p.payload());
        assertEquals(Wire.PINGREQ, fake.takePacket(2_000).type());
      }
    }
  }

  @Test void stallRecordsButNeverAnswers() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).sendConnAck(false, 0).stall());
      try (Socket s = connect(fake)) {
        s.getOutputStream().write(Wire.connect("c", 1, true));
        readN(s, 4);
        s.getOutputStream().write(Wire.hex("c0 00"));
        assertEquals(Wire.PINGREQ, fake.takePacket(Wire.PINGREQ, 2_000).type());
        s.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      }
    }
  }

  @Test void autoReplyAnswersLikeABroker() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().autoReply());
      try (Socket s = connect(fake)) {
        var out = s.getOutputStream();
        out.write(Wire.connect("c", 0, true));
        assertEquals("20 02 00 00", Wire.hex(readN(s, 4)));
        out.write(Wire.subscribe(9, "x/#", 2));
        assertEquals("90 03 00 09 02", Wire.hex(readN(s, 5)));
        out.write(Wire.publish("x/1", new byte[] {1}, 1, 0x0102, false, false));
        assertEquals("40 02 01 02", Wire.hex(readN(s, 4)));
        out.write(Wire.publish("x/1", new byte[] {1}, 2, 3, false, false));
        assertEquals("50 02 00 03", Wire.hex(readN(s, 4)));
        out.write(Wire.pubRel(3));
        assertEquals("70 02 00 03", Wire.hex(readN(s, 4)));
        out.write(Wire.hex("c0 00"));
        assertEquals("d0 00", Wire.hex(readN(s, 2)));
        out.write(Wire.hex("e0 00"));
        assertEquals(-1, s.getInputStream().read());
      }
      assertEquals(List.of("x/#"), fake.packets(Wire.SUBSCRIBE).get(0).filters());
    }
  }

  @Test void closeAndHalfClose() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).close());
      fake.enqueue(new FakeBroker.Script().halfClose().expect(Wire.PINGREQ));
      try (Socket s = connect(fake)) {
        s.getOutputStream().write(Wire.connect("c", 0, true));
        assertEquals(-1, s.getInputStream().read());
      }
      try (Socket s = connect(fake)) {
        assertEquals(-1, s.getInputStream().read());
        s.getOutputStream().write(Wire.hex("c0 00")); // still heard after the half close
        assertEquals(Wire.PINGREQ, fake.takePacket(Wire.PINGREQ, 2_000).type());
        fake.awaitScriptsDone(2_000);
      }
      assertEquals(2, fake.connectionCount());
    }
  }

  @Test void expectClosedPassesOnlyWhenTheClientCloses() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.DISCONNECT).expectClosed());
      Socket s = connect(fake);
      s.getOutputStream().write(Wire.hex("e0 00"));
      s.close();
      fake.awaitConnections(1, 2_000);
      fake.awaitScriptsDone(2_000);
    }
    FakeBroker fake = FakeBroker.start();
    fake.enqueue(new FakeBroker.Script().expectTimeout(200).expectClosed());
    try (Socket s = connect(fake)) {
      fake.awaitConnections(1, 2_000);
      fake.awaitScriptsDone(2_000);
    }
    AssertionError e = assertThrows(AssertionError.class, fake::close);
    assertTrue(e.getMessage().contains("did not close"), e.getMessage());
  }

  @Test void connectionWithoutScriptFails() throws Exception {
    FakeBroker fake = FakeBroker.start();
    try (Socket s = connect(fake)) {
      assertEquals(-1, s.getInputStream().read());
    }
    AssertionError e = assertThrows(AssertionError.class, fake::close);
    assertTrue(e.getMessage().contains("no script"), e.getMessage());
  }

  @Test void garbageSleepAndSendEvery() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().garbage(new byte[] {(byte) 0xff, 0x01}).sleep(50)
          .sendEvery(20, Wire.pingResp()).stall());
      try (Socket s = connect(fake)) {
        assertEquals("ff 01", Wire.hex(readN(s, 2)));
        assertEquals("d0 00 d0 00 d0 00", Wire.hex(readN(s, 6)));
      }
    }
  }

  @Test void sendFromTheTestThreadAndTakePacketTimeout() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      fake.enqueue(new FakeBroker.Script().stall());
      try (Socket s = connect(fake)) {
        fake.awaitConnections(1, 2_000);
        fake.send("d0 00");
        assertEquals("d0 00", Wire.hex(readN(s, 2)));
        AssertionError e = assertThrows(AssertionError.class, () -> fake.takePacket(100));
        assertTrue(e.getMessage().contains("no packet within 100 ms"), e.getMessage());
        InputStream unused = s.getInputStream();
        assertFalse(unused == null);
      }
    }
  }
}
