package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Self-test of {@link EmbeddedHiveMq}: raw MQTT 3.1.1 bytes over a plain socket. */
@Timeout(120)
class EmbeddedHiveMqFixtureTest {

  /** CONNECT (clean session), CONNACK; SUBSCRIBE, SUBACK; PUBLISH QoS 1, PUBACK and the copy. */
  private static void roundTrip(EmbeddedHiveMq broker, String clientId) throws IOException {
    try (Socket s = new Socket("127.0.0.1", broker.port())) {
      s.setSoTimeout(5_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      out.write(Wire.connect(clientId, 10, true));
      byte[] connack = new byte[4];
      in.readFully(connack);
      assertEquals("20 02 00 00", Wire.hex(connack), broker.log());
      out.write(Wire.subscribe(1, "t/+", 1));
      byte[] suback = new byte[5];
      in.readFully(suback);
      assertEquals("90 03 00 01 01", Wire.hex(suback));
      out.write(Wire.publish("t/x", new byte[] {42}, 1, 5, false, false));
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
          out.write(Wire.pubAck(((body[5] & 0xff) << 8) | (body[6] & 0xff)));
        }
      }
      assertTrue(puback && publish);
      out.write(new byte[] {(byte) 0xe0, 0}); // DISCONNECT
    }
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> t = new HashSet<>(Thread.getAllStackTraces().keySet());
    t.removeIf(x -> !x.isAlive());
    return t;
  }

  @Test void startsAcceptsRestartsOnTheSamePortAndStopsCleanly() throws Exception {
    Set<Thread> before = liveThreads();
    Path dir;
    int port;
    try (EmbeddedHiveMq broker = EmbeddedHiveMq.startTcp()) {
      dir = broker.directory();
      port = broker.port();
      assertEquals("tcp://127.0.0.1:" + port, broker.serverUri());
      assertThrows(IllegalStateException.class, broker::webSocketUri);
      System.out.println("HiveMQ first start " + broker.lastStartMillis() + " ms");
      roundTrip(broker, "fixture-1");

      broker.restart();
      System.out.println("HiveMQ stop " + broker.lastStopMillis() + " ms, start "
          + broker.lastStartMillis() + " ms");
      assertEquals(port, broker.port());
      roundTrip(broker, "fixture-2");

      broker.stop();
      assertFalse(broker.isRunning());
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
          "nothing listens on the port while stopped");
      broker.start();
      roundTrip(broker, "fixture-3");
      assertTrue(broker.log().contains("Started EmbeddedHiveMQ"), broker.log());
    }
    assertFalse(Files.exists(dir), "temp directory deleted");
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // port is free again
    }
    Set<Thread> left = liveThreads();
    left.removeAll(before);
    // Left: JVM-wide daemon singletons that a first start creates and later ones reuse (three
    // starts above leave the same set as one), not threads of a broker.
    Set<String> names = left.stream().map(Thread::getName).collect(Collectors.toSet());
    for (Thread t : left) {
      assertTrue(t.isDaemon() && JVM_WIDE.contains(t.getName()),
          "thread left after close(): " + t + "; all left: " + names);
    }
  }

  /**
   * Xodus (HiveMQ's file persistence) keeps shared, static daemon threads; JNA (through OSHI,
   * HiveMQ's system information) its cleaner; the JDK its reaper for child processes (OSHI runs
   * some once), which ends itself when idle.
   */
  private static final Set<String> JVM_WIDE = Set.of("Exodus shared background cleaner",
      "Exodus shared deferred I/O job processor", "Exodus shared timer thread",
      "threadJobProcessorPoolSpawner", "JNA Cleaner", "process reaper");
}
