package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Self-test of {@link EmbeddedBroker}: raw MQTT bytes over a plain socket. */
@Timeout(30)
class EmbeddedBrokerFixtureTest {

  @Test void acceptsConnectSubscribeAndRoutesAPublish() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        Socket s = new Socket("127.0.0.1", broker.port())) {
      assertTrue(broker.port() > 0);
      assertEquals("tcp://127.0.0.1:" + broker.port(), broker.uri());
      s.setSoTimeout(5_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      var out = s.getOutputStream();
      out.write(Wire.connect("", 10, true)); // empty id allowed
      byte[] connack = new byte[4];
      in.readFully(connack);
      assertEquals("20 02 00 00", Wire.hex(connack));
      // Moquette race (see EmbeddedBroker.awaitClientConnected): a SUBSCRIBE sent the instant
      // CONNACK arrives can be dropped. This fresh broker's only client is ours.
      long deadline = System.currentTimeMillis() + 5_000;
      while (broker.server().listConnectedClients().isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "Moquette never listed the client");
        Thread.sleep(5);
      }
      out.write(Wire.subscribe(1, "t/+", 1));
      byte[] suback = new byte[5];
      in.readFully(suback);
      assertEquals("90 03 00 01 01", Wire.hex(suback));
      out.write(Wire.publish("t/x", new byte[] {42}, 1, 5, false, false));
      // A PUBACK for id 5 and the routed PUBLISH come back, in either order.
      boolean puback = false;
      boolean publish = false;
      for (int i = 0; i < 2; i++) {
        int first = in.readUnsignedByte();
        byte[] body = new byte[in.readUnsignedByte()];
        in.readFully(body);
        if (first >> 4 == Wire.PUBACK) {
          assertEquals("00 05", Wire.hex(body));
          puback = true;
        } else {
          assertEquals(Wire.PUBLISH, first >> 4);
          assertEquals(42, body[body.length - 1]);
          publish = true;
          if (((first >> 1) & 3) == 1) out.write(Wire.pubAck(((body[5] & 0xff) << 8) | (body[6] & 0xff)));
        }
      }
      assertTrue(puback && publish);
    }
  }
}
