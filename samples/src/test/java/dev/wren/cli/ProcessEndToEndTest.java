package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * wren as a child JVM, where the test needs a real process: killed abnormally (the Will), or
 * ending on its own with what it prints to stderr (the SDK's log line on a lost connection).
 */
@Timeout(60)
class ProcessEndToEndTest extends AgainstMosquitto {

  @TempDir Path dir;

  private static void awaitLog(Mosquitto on, String marker, int before)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count(on.log(), marker) <= before) {
      if (System.nanoTime() > deadline) throw new AssertionError("no '" + marker + "' in\n"
          + on.log());
      Thread.sleep(20);
    }
  }

  private static int count(String text, String marker) {
    int n = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) n++;
    return n;
  }

  @Test void willIsPublishedWhenWrenDiesButNotOnCleanExit() throws Exception {
    String willTopic = "e2e/will/" + IDS.incrementAndGet();
    try (MosquittoClients.Sub wills = MosquittoClients.startSub(broker, "-t", willTopic,
        "-q", "1")) {
      Process killed = startWrenProcess("willy-" + IDS.incrementAndGet(), willTopic, "died");
      killed.destroyForcibly();
      assertEquals("died", wills.awaitLine(10_000));

      Process stopped = startWrenProcess("calm-" + IDS.incrementAndGet(), willTopic, "calm");
      stopped.destroy(); // SIGTERM: wren disconnects cleanly, so no Will
      assertTrue(stopped.waitFor(10, TimeUnit.SECONDS));
      Thread.sleep(1000);
      assertEquals(List.of("died"), wills.lines());
    }
  }

  /** {@code wren sub} with a Will in a child JVM, once subscribed. */
  private Process startWrenProcess(String clientId, String willTopic, String willPayload)
      throws Exception {
    String marker = "Sending SUBACK to " + clientId;
    int before = count(broker.log(), marker);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          // the sdk's test-jar has a tinylog-test.properties, which tinylog would prefer
          "-Dtinylog.configuration=tinylog.properties",
        Wren.class.getName(), "sub", "-h", "127.0.0.1", "-p", port(), "-i", clientId,
        "-t", "e2e/will/ignored", "-k", "5", "--will-topic", willTopic, "--will-payload",
        willPayload, "--will-qos", "1")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve(clientId + ".err").toFile()).start();
    try {
      awaitLog(broker, marker, before);
    } catch (AssertionError e) {
      p.destroyForcibly();
      throw new AssertionError(e.getMessage() + "\nwren stderr: "
          + Files.readString(dir.resolve(clientId + ".err")), e);
    }
    return p;
  }

  @Test void lostConnectionIsOneLineAndExit6() throws Exception {
    try (Mosquitto doomed = Mosquitto.start()) {
      String clientId = "doomed-" + IDS.incrementAndGet();
      String marker = "Sending SUBACK to " + clientId;
      Path err = dir.resolve("doomed.err");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          // the sdk's test-jar has a tinylog-test.properties, which tinylog would prefer
          "-Dtinylog.configuration=tinylog.properties",
          Wren.class.getName(), "sub", "-h", "127.0.0.1", "-p", "" + doomed.port(),
          "-i", clientId, "-t", "e2e/doomed")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!doomed.log().contains(marker) && System.nanoTime() < deadline) Thread.sleep(20);
        doomed.stop();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "wren sub did not end");
        assertEquals(ExitCodes.CONNECTION_LOST, p.exitValue());
        List<String> lines = Files.readAllLines(err);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("wren: connection to tcp://127.0.0.1:" + doomed.port()
            + " lost"), lines.toString());
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test void aFailedConnectIsOneLineAndLogLevelShowsTheSdksLines() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    for (String command : new String[] {"pub", "sub"}) {
      try (WrenProcess p = command.equals("pub")
          ? WrenProcess.start(dir, "down-" + command, command, "-h", "127.0.0.1", "-p",
              "" + closed, "-t", "t", "-m", "x")
          : WrenProcess.start(dir, "down-" + command, command, "-h", "127.0.0.1", "-p",
              "" + closed, "-t", "t")) {
        assertEquals(ExitCodes.UNREACHABLE, p.waitFor(30_000));
        List<String> lines = List.of(p.err().split("\n"));
        assertEquals(1, lines.size(), p.err());
        assertTrue(lines.get(0).startsWith("wren: cannot reach the broker"), p.err());
      }
    }
    try (WrenProcess p = WrenProcess.start(dir, "logged", "pub", "--log-level", "info", "-h",
        "127.0.0.1", "-p", port(), "-t", "t", "-m", "x")) {
      assertEquals(0, p.waitFor(30_000), p.err());
      assertTrue(p.err().contains("wren: INFO: connected to tcp://127.0.0.1:" + port()), p.err());
    }
  }

  @Test void aLostConnectionSaysNothingAboutReconnecting() throws Exception {
    try (Mosquitto doomed = Mosquitto.start()) {
      String clientId = "doomed2-" + IDS.incrementAndGet();
      String marker = "Sending SUBACK to " + clientId;
      try (WrenProcess p = WrenProcess.start(dir, clientId, "sub", "-h", "127.0.0.1", "-p",
          "" + doomed.port(), "-i", clientId, "-t", "e2e/doomed", "--log-level", "warn")) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!doomed.log().contains(marker) && System.nanoTime() < deadline) Thread.sleep(20);
        doomed.stop();
        assertEquals(ExitCodes.CONNECTION_LOST, p.waitFor(10_000));
        // With the SDK's warnings on, its line and wren's; neither promises a reconnect.
        assertFalse(p.err().contains("reconnecting"), p.err());
        assertTrue(p.err().contains("lost"), p.err());
      }
    }
  }
}
