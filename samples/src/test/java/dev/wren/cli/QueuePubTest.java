package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wren pub --queue-dir} and {@code --progress} in this process: the status line format,
 * the exits that leave messages in the directory, a locked directory, and a round trip through
 * mosquitto.
 */
@Timeout(60)
class QueuePubTest {
  static final Pattern STATUS =
      Pattern.compile("state=(connecting|connected|offline) queued=\\d+ sent=\\d+ acked=\\d+"
          + " expired=\\d+");

  @TempDir Path dir;

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Every stderr line but the last {@code errors} ones is a status line; returns them. */
  static List<String> statusLines(Run run, int errors) {
    List<String> lines = Arrays.asList(run.errLines());
    List<String> status = lines.subList(0, lines.size() - errors);
    for (String line : status) {
      assertTrue(STATUS.matcher(line).matches(), "not a status line: '" + line + "'\n" + run);
    }
    return status;
  }

  @Test void brokerDownTimesOutAndSaysWhatStaysInTheDirectory() throws Exception {
    int port = closedPort();
    Path q = dir.resolve("q");
    Run run = Run.withStdin("one\ntwo\nthree\n", "pub", "-h", "127.0.0.1", "-p", "" + port,
        "--queue-dir", q.toString(), "-t", "a/b", "-l", "--progress", "--timeout", "1");
    assertEquals(ExitCodes.TIMEOUT, run.exit, run.toString());
    List<String> status = statusLines(run, 1);
    assertTrue(status.size() >= 2, run.toString());
    assertTrue(status.stream().anyMatch(l -> l.startsWith("state=offline ")), run.toString());
    assertEquals("state=offline queued=3 sent=0 acked=0 expired=0", status.get(status.size() - 1));
    String error = run.errLines()[run.errLines().length - 1];
    assertEquals("wren: timed out: nothing acknowledged for 1 s (--timeout); not connected to"
        + " tcp://127.0.0.1:" + port + "; 3 messages stay in " + q + ": wren pub --queue-dir "
        + q + " --drain sends them", error);
    assertEquals("", run.out);

    // The next pub on the directory sends those three too, so it counts them.
    Run again = Run.of("pub", "-h", "127.0.0.1", "-p", "" + port, "--queue-dir", q.toString(),
        "-t", "a/b", "-m", "four", "--timeout", "1");
    assertEquals(ExitCodes.TIMEOUT, again.exit, again.toString());
    assertTrue(again.err.contains("; 4 messages stay in " + q), again.toString());
  }

  @Test void lockedDirectoryIsOneLineAndExit9() throws Exception {
    int port = closedPort();
    Path q = dir.resolve("locked");
    try (MqttClient holder = new MqttClient(MqttOptions.builder()
        .serverUri("tcp://127.0.0.1:" + port).clientId("holder")
        .queue(QueueOptions.files(q.toFile()).build()).build())) {
      holder.connectAsync(); // opens the queue: it holds the directory until closed
      Run run = Run.of("pub", "-h", "127.0.0.1", "-p", "" + port, "--queue-dir", q.toString(),
          "-t", "a", "-m", "x");
      assertEquals(ExitCodes.QUEUE, run.exit, run.toString());
      assertEquals(1, run.errLines().length, run.toString());
      assertTrue(run.errLines()[0].startsWith("wren: queue directory " + q + " is in use"),
          run.toString());
      Run gateway = Run.of("gateway", "-h", "127.0.0.1", "-p", "" + port, "--queue-dir",
          q.toString());
      assertEquals(ExitCodes.QUEUE, gateway.exit, gateway.toString());
      assertTrue(gateway.err.contains("is in use"), gateway.toString());
    }
  }

  @Test void drainOfAnEmptyDirectoryExitsAtOnce() throws Exception {
    Run run = Run.of("pub", "-h", "127.0.0.1", "-p", "" + closedPort(), "--queue-dir",
        dir.toString(), "--drain", "--progress");
    assertEquals(0, run.exit, run.toString());
    List<String> status = statusLines(run, 0);
    assertTrue(status.get(status.size() - 1).endsWith(" queued=0 sent=0 acked=0 expired=0"),
        run.toString());
  }

  @Test void refusedByTheBrokerExits4AndKeepsTheMessages() throws Exception {
    Mosquitto.assumeAvailable();
    Path q = dir.resolve("q");
    Run queued = Run.withStdin("1\n2\n", "pub", "-h", "127.0.0.1", "-p", "" + closedPort(),
        "--queue-dir", q.toString(), "-t", "a", "-l", "--timeout", "1");
    assertEquals(ExitCodes.TIMEOUT, queued.exit, queued.toString());
    try (Mosquitto broker = Mosquitto.builder().user("alice", "secret").start()) {
      Run run = Run.of("pub", "-h", "127.0.0.1", "-p", "" + broker.port(), "-u", "alice", "-P",
          "wrong", "--queue-dir", q.toString(), "--drain");
      assertEquals(ExitCodes.REFUSED, run.exit, run.toString());
      assertEquals(1, run.errLines().length, run.toString());
      assertTrue(run.err.startsWith("wren: broker refused the connection: "), run.toString());
      assertTrue(run.err.contains("; 2 messages stay in " + q), run.toString());
    }
  }

  @Test void throughMosquittoWithProgress() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    try (Mosquitto broker = Mosquitto.start();
        MosquittoClients.Sub sub = MosquittoClients.startSub(broker, "-t", "q/lines", "-q", "1")) {
      String lines = IntStream.rangeClosed(1, 50).mapToObj(Integer::toString)
          .collect(Collectors.joining("\n"));
      Run run = Run.withStdin(lines, "pub", "-h", "127.0.0.1", "-p", "" + broker.port(),
          "--queue-dir", dir.resolve("q").toString(), "-t", "q/lines", "-l", "--progress");
      assertEquals(0, run.exit, run.toString());
      List<String> status = statusLines(run, 0);
      assertEquals("state=connected queued=0 sent=50 acked=50 expired=0", status.get(status.size() - 1));
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 50; i++) expected.add(Integer.toString(i));
      assertEquals(expected, sub.awaitLines(50, 10_000));

      // --progress without a queue directory: the memory queue, same lines
      Run plain = Run.of("pub", "-h", "127.0.0.1", "-p", "" + broker.port(), "-t", "q/lines",
          "-m", "51", "-q", "1", "--progress");
      assertEquals(0, plain.exit, plain.toString());
      List<String> plainStatus = statusLines(plain, 0);
      assertEquals("state=connected queued=0 sent=1 acked=1 expired=0",
          plainStatus.get(plainStatus.size() - 1));
      assertEquals("51", sub.awaitLine(10_000));
    }
  }
}
