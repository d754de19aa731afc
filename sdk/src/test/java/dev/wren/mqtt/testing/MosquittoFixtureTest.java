package dev.wren.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Self-test of {@link Mosquitto} and {@link MosquittoClients}. */
@Timeout(30)
class MosquittoFixtureTest {

  @BeforeEach void needsMosquitto() {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
  }

  @Test void startsOnAFreePortAndRoundTripsThroughTheCliClients() throws Exception {
    try (Mosquitto m = Mosquitto.start()) {
      assertEquals("tcp://127.0.0.1:" + m.port(), m.uri());
      try (MosquittoClients.Sub sub = MosquittoClients.startSub(m, "-t", "fixture/+", "-v")) {
        MosquittoClients.Result r = MosquittoClients.pub(m, "-t", "fixture/a", "-m", "hello", "-q", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("fixture/a hello", sub.awaitLine(5_000));
      }
      assertTrue(m.log().contains("Received PUBLISH from"), m.log());
    }
  }

  @Test void restartKeepsThePortAndKill9Stops() throws Exception {
    try (Mosquitto m = Mosquitto.start()) {
      int port = m.port();
      m.restart();
      assertEquals(port, m.port());
      try (Socket s = new Socket("127.0.0.1", port)) {
        assertTrue(s.isConnected());
      }
      assertEquals(0, MosquittoClients.pub(m, "-t", "x", "-m", "y").exitCode());
      m.kill9();
      assertFalse(m.isRunning());
      assertNotEquals(0, MosquittoClients.pub(m, "-t", "x", "-m", "y").exitCode());
    }
  }

  @Test void passwordFileRefusesWrongAndAnonymousClients() throws Exception {
    Path dir;
    try (Mosquitto m = Mosquitto.builder().user("alice", "s3cret").persistence(true).start()) {
      dir = m.directory();
      MosquittoClients.Result ok = MosquittoClients.pub(m, "-t", "t", "-m", "m", "-u", "alice", "-P", "s3cret");
      assertEquals(0, ok.exitCode(), ok + "\n" + m.log());
      MosquittoClients.Result bad = MosquittoClients.pub(m, "-t", "t", "-m", "m", "-u", "alice", "-P", "nope");
      assertNotEquals(0, bad.exitCode(), bad.toString());
      assertTrue(bad.stderr().toLowerCase().contains("not authori"), bad.toString());
      MosquittoClients.Result anon = MosquittoClients.pub(m, "-t", "t", "-m", "m");
      assertNotEquals(0, anon.exitCode(), anon.toString());
      m.stop();
      assertTrue(Files.exists(dir.resolve("mosquitto.db")), "persistence file written on SIGTERM");
    }
    assertFalse(Files.exists(dir), "close() deletes the temp dir");
  }
}
