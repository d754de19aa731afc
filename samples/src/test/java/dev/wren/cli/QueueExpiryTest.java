package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import dev.wren.mqtt.testing.TcpForwarder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --expiry SECONDS} of pub and gateway: the flag's values, and the "done when"
 * against mosquitto stopped for 4 s: with {@code --expiry 2} nothing queued arrives and pub says
 * how many expired, with {@code --expiry 60} everything arrives.
 */
@Timeout(120)
class QueueExpiryTest {
  private static final int LINES = 20;

  @TempDir Path dir;

  private static String error(Args.Cmd cmd, String... words) {
    CliException e = assertThrows(CliException.class, () -> Args.parse(cmd, List.of(words)));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test void expiryValuesAndCombinations() throws CliException {
    String q = dir.resolve("q").toString();
    assertEquals(2, Args.parse(Args.Cmd.PUB, List.of("--queue-dir", q, "-t", "a", "-l",
        "--expiry", "2")).expirySeconds);
    assertEquals(600, Args.parse(Args.Cmd.GATEWAY, List.of("--queue-dir", q,
        "--expiry", "600")).expirySeconds);
    assertEquals(0, Args.parse(Args.Cmd.PUB, List.of("--queue-dir", q, "-t", "a", "-l"))
        .expirySeconds, "no expiry unless asked");
    assertTrue(error(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-l", "--expiry", "0")
        .contains("--expiry"));
    assertTrue(error(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-l", "--expiry", "soon")
        .contains("--expiry"));
    assertTrue(error(Args.Cmd.PUB, "-t", "a", "-m", "x", "--expiry", "5")
        .startsWith("--expiry needs --queue-dir DIR"));
    assertTrue(error(Args.Cmd.SUB, "-t", "a", "--expiry", "5").contains("--expiry"));
    dir.resolve("q").toFile().mkdirs();
    assertTrue(error(Args.Cmd.PUB, "--queue-dir", q, "--drain", "--expiry", "5")
        .contains("keep the deadlines they were queued with"));
    assertTrue(Usage.PUB.contains("--expiry SECONDS") && Usage.GATEWAY.contains("--expiry"));
  }

  @Test void expiry2WithTheBrokerDownFor4sDeliversNothingAndSaysHowManyExpired()
      throws Exception {
    assertEquals(List.of(), queueWhileDown("2"), "nothing queued arrived");
  }

  @Test void expiry60WithTheBrokerDownFor4sDeliversEverything() throws Exception {
    assertEquals(IntStream.rangeClosed(1, LINES).mapToObj(Integer::toString)
        .collect(Collectors.toList()), queueWhileDown("60"));
  }

  @Test void gatewayReadingsPastTheirExpiryAreDroppedUnsent() throws Exception {
    Mosquitto.assumeAvailable();
    try (Mosquitto broker = Mosquitto.builder().start()) {
      String port = Integer.toString(broker.port());
      broker.stop();
      Path q = dir.resolve("gw");
      try (WrenProcess gateway = WrenProcess.start(dir, "gateway", "gateway", "-h", "127.0.0.1",
          "-p", port, "--queue-dir", q.toString(), "--sensors", "2", "--rate", "100", "-C", "10",
          "--expiry", "1")) {
        gateway.awaitOut("state=offline queued=10 ", 30_000);
        Thread.sleep(2_000);
        broker.restart();
        assertEquals(0, gateway.waitFor(60_000), gateway.err());
        String[] status = gateway.out().split("\n");
        assertTrue(status[status.length - 1].endsWith(" queued=0 sent=0 acked=0 expired=10"),
            gateway.out());
      }
    }
  }

  /**
   * Queues LINES lines with mosquitto stopped, keeps it down 4 s, starts it, waits for pub to
   * exit, then sends a marker through the broker; returns what an observer saw after the probe
   * that shows it subscribed and before the marker. pub connects through a relay that refuses until
   * the observer is subscribed, so the observer misses nothing pub sends.
   */
  private List<String> queueWhileDown(String expiry) throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    try (Mosquitto broker = Mosquitto.builder()
        .keepEverythingQueued("the subscriber-side limit of 1000 is not what is tested").start();
        TcpForwarder relay = TcpForwarder.to(broker.port())) {
      relay.refuse(true);
      broker.stop();
      Path q = dir.resolve("q");
      try (WrenProcess pub = WrenProcess.start(dir, "pub", "pub", "-h", "127.0.0.1", "-p",
          Integer.toString(relay.port()), "--queue-dir", q.toString(), "-t", "expiry/e2e", "-l",
          "--progress", "--expiry", expiry, "--timeout", "60")) {
        try (OutputStream stdin = pub.stdin()) {
          String lines = IntStream.rangeClosed(1, LINES).mapToObj(Integer::toString)
              .collect(Collectors.joining("\n", "", "\n"));
          stdin.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        pub.awaitErr("state=offline queued=" + LINES + " ", 30_000);
        Thread.sleep(4_000);
        broker.restart();
        try (MosquittoClients.Sub observer = MosquittoClients.startSub(broker, "-t",
            "expiry/e2e", "-q", "1")) {
          awaitAtObserver(broker, observer, "probe");
          relay.refuse(false);
          assertEquals(0, pub.waitFor(60_000), pub.err());
          // The refused attempts add "lost before CONNACK" lines; the status lines are the record.
          List<String> err = Arrays.asList(pub.err().split("\n"));
          String status = err.stream().filter(l -> l.startsWith("state=")).reduce((a, b) -> b)
              .orElseThrow(AssertionError::new);
          String summary = "wren: " + LINES + " messages expired in " + q + " before they could be"
              + " sent (--expiry 2); not sent";
          if (expiry.equals("2")) {
            assertTrue(status.endsWith(" queued=0 sent=0 acked=0 expired=" + LINES), pub.err());
            assertEquals(summary, err.get(err.size() - 1));
            // and before it, one line for each message dropped (ClientListener.messageDropped)
            assertEquals(LINES, err.stream().filter(l -> l.startsWith("wren: dropped a message to"
                + " 'expiry/e2e' as expired (its deadline")).count(), pub.err());
          } else {
            assertTrue(status.endsWith(" queued=0 sent=" + LINES + " acked=" + LINES
                + " expired=0"), pub.err());
            assertFalse(pub.err().contains("expired in"), pub.err());
            assertFalse(pub.err().contains("as expired"), pub.err());
          }
          awaitAtObserver(broker, observer, "marker");
          List<String> seen = observer.lines();
          int markerAt = seen.indexOf("marker");
          return seen.subList(seen.lastIndexOf("probe") + 1, markerAt);
        }
      }
    }
  }

  /** Publishes {@code text} with mosquitto_pub until the observer printed it. */
  private static void awaitAtObserver(Mosquitto broker, MosquittoClients.Sub observer,
      String text) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!observer.lines().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the observer never printed " + text + ": " + observer.lines());
      }
      MosquittoClients.Result r = MosquittoClients.pub(broker, "-t", "expiry/e2e", "-m", text,
          "-q", "1");
      assertEquals(0, r.exitCode(), r.toString());
      Thread.sleep(200);
    }
  }
}
