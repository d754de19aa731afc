package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.FakeBroker;
import dev.wren.mqtt.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wren pub} in a child JVM (so its stderr is what a user sees, log lines included) against
 * a fake broker that answers CONNECT with something that is not MQTT: one line naming the
 * problem, and the protocol-error exit status, at once rather than after retries.
 */
@Timeout(60)
class HostileBrokerCliTest {
  private static final byte[] HTTP_ANSWER = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  private static void enqueueHttpAnswers(FakeBroker fake, int connections) {
    for (int i = 0; i < connections; i++) {
      fake.enqueue(new FakeBroker.Script().expect(Wire.CONNECT).send(HTTP_ANSWER).stall());
    }
  }

  private static void assertOneLineNamingTheProblem(String err, int port) {
    List<String> lines = Arrays.asList(err.split("\n"));
    assertEquals(1, lines.size(), "one line on stderr:\n" + err);
    String line = lines.get(0);
    assertTrue(line.startsWith("wren: protocol error while connecting to tcp://127.0.0.1:" + port),
        line);
    assertTrue(line.contains("expected CONNACK") && line.contains("is this an MQTT broker?")
        && line.contains("HTTP/1.1 400 Bad"), line);
  }

  @Test void pubAgainstSomethingThatIsNotMqttSaysSoInOneLine() throws Exception {
    try (FakeBroker fake = FakeBroker.start()) {
      enqueueHttpAnswers(fake, 3);
      try (WrenProcess wren = WrenProcess.start(dir, "pub", "pub", "-h", "127.0.0.1",
          "-p", Integer.toString(fake.port()), "-t", "t", "-m", "x", "-q", "1")) {
        assertEquals(ExitCodes.CONNECTION_LOST, wren.waitFor(20_000), wren.err());
        assertOneLineNamingTheProblem(wren.err(), fake.port());
      }
      assertEquals(1, fake.connectionCount(), "connected once, no retry");
    }
  }

  @Test void queuedPubDoesNotRetryAProtocolErrorOnItsFirstConnect() throws Exception {
    // --queue-dir connects in the background and retries what is worth retrying; with a 10 s
    // --timeout, retrying this would have ended as "timed out" (exit 5) after several attempts.
    try (FakeBroker fake = FakeBroker.start()) {
      enqueueHttpAnswers(fake, 10);
      long start = System.nanoTime();
      try (WrenProcess wren = WrenProcess.start(dir, "qpub", "pub", "-h", "127.0.0.1",
          "-p", Integer.toString(fake.port()), "-t", "t", "-m", "x", "-q", "1", "--timeout", "10",
          "--queue-dir", dir.resolve("q").toString())) {
        assertEquals(ExitCodes.CONNECTION_LOST, wren.waitFor(30_000), wren.err());
        String err = wren.err();
        assertOneLineNamingTheProblem(err, fake.port());
        assertTrue(err.contains("1 message stays in"), err);
      }
      assertTrue(System.nanoTime() - start < 10_000_000_000L, "gave up at once, not at --timeout");
      assertEquals(1, fake.connectionCount(), "connected once, no retry");
    }
  }
}
