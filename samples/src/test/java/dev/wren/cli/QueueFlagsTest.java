package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue flags of pub and gateway as Args parses them: values, combinations, defaults. */
class QueueFlagsTest {
  @TempDir Path dir;

  private static CliOptions parse(Args.Cmd cmd, String... words) throws CliException {
    return Args.parse(cmd, List.of(words));
  }

  private static String error(Args.Cmd cmd, String... words) {
    CliException e = assertThrows(CliException.class, () -> Args.parse(cmd, List.of(words)));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) assertTrue(text.contains(part), "'" + part + "' not in: " + text);
  }

  @Test void queueDirMakesQos1TheDefaultAndKeepsAnExplicitQos() throws CliException {
    String q = dir.resolve("q").toString();
    CliOptions o = parse(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-l");
    assertEquals(Qos.AT_LEAST_ONCE, o.qos);
    assertEquals(dir.resolve("q"), o.queueDir);
    assertNull(o.sync, "the queue's own default (BATCH) applies");
    assertEquals(Qos.EXACTLY_ONCE, parse(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-l",
        "-q", "2").qos);
    assertEquals(Qos.AT_MOST_ONCE, parse(Args.Cmd.PUB, "-t", "a", "-m", "x").qos);
    assertContains(error(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-m", "x", "-q", "0"),
        "-q 0", "--queue-dir", "-q 1");
  }

  @Test void syncValues() throws CliException {
    String q = dir.toString();
    assertEquals(SyncPolicy.ALWAYS, parse(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-n",
        "--sync", "always").sync);
    assertEquals(SyncPolicy.BATCH, parse(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-n",
        "--sync=batch").sync);
    assertEquals(SyncPolicy.NEVER, parse(Args.Cmd.GATEWAY, "--queue-dir", q,
        "--sync", "NEVER").sync);
    assertContains(error(Args.Cmd.PUB, "--queue-dir", q, "-t", "a", "-n", "--sync", "often"),
        "--sync often", "always, batch or never");
    assertContains(error(Args.Cmd.PUB, "-t", "a", "-n", "--sync", "always"), "--sync",
        "--queue-dir");
  }

  @Test void drainTakesNoTopicNoMessageAndAnExistingDirectory() throws CliException {
    String q = dir.toString();
    CliOptions o = parse(Args.Cmd.PUB, "--queue-dir", q, "--drain", "--sync", "always");
    assertTrue(o.drain);
    assertTrue(o.topics.isEmpty());
    assertContains(error(Args.Cmd.PUB, "--queue-dir", q, "--drain", "-t", "a/b"),
        "--drain", "-t a/b");
    assertContains(error(Args.Cmd.PUB, "--queue-dir", q, "--drain", "-m", "x"), "--drain", "-m");
    assertContains(error(Args.Cmd.PUB, "--queue-dir", q, "--drain", "-q", "1"), "--drain", "-q");
    assertContains(error(Args.Cmd.PUB, "--drain"), "--drain needs --queue-dir");
    String missing = dir.resolve("missing").toString();
    assertContains(error(Args.Cmd.PUB, "--queue-dir", missing, "--drain"), missing,
        "no such directory");
    assertContains(error(Args.Cmd.SUB, "--drain", "-t", "a"), "--drain is not a flag of wren sub");
  }

  @Test void queueDirThatIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertContains(error(Args.Cmd.PUB, "--queue-dir", file.toString(), "-t", "a", "-m", "x"),
        "--queue-dir " + file, "not a directory");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", file.toString()), "not a directory");
  }

  @Test void queueDirNeedsNoClientIdForItsPersistentSession() throws CliException {
    CliOptions o = parse(Args.Cmd.PUB, "--queue-dir", dir.toString(), "-t", "a", "-m", "x", "-c");
    assertNull(o.clientId, "QueueSetup derives it from the directory");
    assertContains(error(Args.Cmd.PUB, "-t", "a", "-m", "x", "-c"), "-c needs a client id");
  }

  @Test void gatewayFlags() throws CliException {
    String q = dir.toString();
    CliOptions o = parse(Args.Cmd.GATEWAY, "-L", "mqtt://h:1884/plant/7", "--queue-dir", q,
        "--sensors", "5", "--rate", "2.5", "-C", "100", "-i", "gw");
    assertEquals(List.of("plant/7"), o.topics);
    assertEquals(5, o.sensors);
    assertEquals(2.5, o.rateHz);
    assertEquals(100, o.count);
    assertEquals("gw", o.clientId);
    CliOptions defaults = parse(Args.Cmd.GATEWAY, "--queue-dir", q);
    assertEquals(3, defaults.sensors);
    assertEquals(1.0, defaults.rateHz);
    assertEquals(0, defaults.count);
    assertContains(error(Args.Cmd.GATEWAY), "gateway needs --queue-dir");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "--rate", "0"), "--rate 0",
        "0.01..1000");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "--rate", "fast"), "--rate fast");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "--sensors", "0"), "--sensors 0");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "-t", "a/#"), "-t a/#", "+ or #");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "-t", "a", "-t", "b"),
        "one topic prefix");
    assertContains(error(Args.Cmd.GATEWAY, "--queue-dir", q, "-m", "x"),
        "-m is not a flag of wren gateway");
    assertContains(error(Args.Cmd.PUB, "-t", "a", "-m", "x", "--rate", "1"), "--rate");
  }

  @Test void clientIdIsStablePerDirectory() {
    String id = QueueFlags.clientId(dir.resolve("q"));
    assertTrue(id.matches("wren-q-[0-9a-f]{12}"), id);
    assertEquals(id, QueueFlags.clientId(dir.resolve("q")));
    assertEquals(id, QueueFlags.clientId(dir.resolve("x/../q")));
    assertNotEquals(id, QueueFlags.clientId(dir.resolve("r")));
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("q").toAbsolutePath());
    assertEquals(id, QueueFlags.clientId(relative));
  }

  @Test void progressStates() {
    assertEquals("connected", Progress.state(ConnectionState.CONNECTED));
    assertEquals("connecting", Progress.state(ConnectionState.CONNECTING));
    assertEquals("offline", Progress.state(ConnectionState.WAITING_TO_RECONNECT));
    assertEquals("offline", Progress.state(ConnectionState.DISCONNECTED));
    assertEquals("offline", Progress.state(ConnectionState.CLOSED));
  }

  @Test void readingsAreJsonWithASeq() {
    String json = Gateway.reading("s2", 123, 21.44, 1712345678901L);
    assertEquals("{\"sensor\":\"s2\",\"seq\":123,\"t\":21.4,\"ts\":1712345678901}", json);
    assertEquals(123, Gateway.seqOf(json));
    assertEquals(-1, Gateway.seqOf("{\"sensor\":\"s2\"}"));
    assertEquals(-1, Gateway.seqOf("{\"seq\":x}"));
  }

  @Test void helpListsTheNewFlags() {
    Run pub = Run.of("pub", "--help");
    for (String flag : new String[] {"--queue-dir", "--sync", "--drain", "--progress"}) {
      assertTrue(pub.out.contains(flag), flag);
    }
    Run gateway = Run.of("gateway", "--help");
    assertEquals(0, gateway.exit);
    for (String flag : new String[] {"--queue-dir", "--sensors", "--rate", "-C", "-t"}) {
      assertTrue(gateway.out.contains(flag), flag);
    }
    assertTrue(Run.of("--help").out.contains("wren gateway"));
    assertTrue(Run.of("--help").out.contains("9 "));
  }
}
