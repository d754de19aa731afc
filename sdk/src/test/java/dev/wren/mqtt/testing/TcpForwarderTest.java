package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Self-test of {@link TcpForwarder} in front of a {@link FakeBroker}. */
@Timeout(20)
class TcpForwarderTest {

  @Test void relaysRecordsBlackholesAndCuts() throws Exception {
    try (FakeBroker fake = FakeBroker.start(); TcpForwarder fwd = TcpForwarder.to(fake.port())) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).sendConnAck(false, 0).stall());
      try (Socket s = new Socket("127.0.0.1", fwd.port())) {
        s.setSoTimeout(3_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        // Split a packet across two writes: the recorder must reassemble it.
        byte[] connect = Wire.connect("fwd", 5, true);
        s.getOutputStream().write(connect, 0, 3);
        s.getOutputStream().flush();
        Thread.sleep(50);
        s.getOutputStream().write(connect, 3, connect.length - 3);
        byte[] connack = new byte[4];
        in.readFully(connack);
        assertEquals("20 02 00 00", Wire.hex(connack));
        s.getOutputStream().write(Wire.hex("c0 00"));
        assertEquals(Wire.PINGREQ, fake.takePacket(Wire.PINGREQ, 2_000).type());
        assertEquals("fwd", fwd.clientPackets(Wire.CONNECT).get(0).clientId());
        assertEquals(1, fwd.clientPackets(Wire.PINGREQ).size());

        fwd.blackhole();
        s.getOutputStream().write(Wire.hex("c0 00"));
        fake.send(Wire.pingResp());
        s.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, in::read);
        assertThrows(AssertionError.class, () -> fake.takePacket(200));

        fwd.cut();
        s.setSoTimeout(3_000);
        assertEquals(-1, in.read());
      }
    }
  }
}
