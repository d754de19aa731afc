package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topics, QoS, formats and flags are checked before any connection: with nothing listening on
 * the port, a bad value is still exit 2 (not 3), in one line that names the flag and the value
 * (shortened when long).
 */
class OfflineChecksTest {
  private static String port;

  @BeforeAll static void closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = Integer.toString(s.getLocalPort()); // nothing listens there once closed
    }
  }

  private static String usageError(String... args) {
    String[] withHost = new String[args.length + 4];
    withHost[0] = args[0];
    withHost[1] = "-h";
    withHost[2] = "127.0.0.1";
    withHost[3] = "-p";
    withHost[4] = port;
    System.arraycopy(args, 1, withHost, 5, args.length - 1);
    return only(Run.of(withHost), ExitCodes.USAGE);
  }

  private static String only(Run run, int exit) {
    assertEquals(exit, run.exit, run.toString());
    String[] lines = run.errLines();
    assertEquals(1, lines.length, run.toString());
    assertTrue(lines[0].startsWith("wren: "), run.toString());
    assertEquals("", run.out, run.toString());
    return lines[0];
  }

  @Test void theBrokerIsReallyDown() {
    only(Run.of("pub", "-h", "127.0.0.1", "-p", port, "-t", "a", "-m", "x"),
        ExitCodes.UNREACHABLE);
  }

  @Test void badTopicsAreUsageErrorsWithTheBrokerDown() {
    assertTrue(usageError("pub", "-t", "a/+", "-m", "x").contains("-t 'a/+'"));
    assertTrue(usageError("pub", "-t", "a/#", "-m", "x").contains("wildcard '#'"));
    assertTrue(usageError("sub", "-t", "a/b#").contains("-t 'a/b#'"));
    assertTrue(usageError("sub", "-t", "a/#/b").contains("the last one"));
    assertTrue(usageError("sub", "-t", "a", "-T", "x+").contains("-T 'x+'"));
    assertTrue(usageError("sub", "-t", "a", "-U", "#/x").contains("-U '#/x'"));
    assertTrue(usageError("pub", "-t", "a\u0000b", "-m", "x").contains("U+0000"));
    assertTrue(usageError("pub", "-t", "a", "-m", "x", "--will-topic", "w/+")
        .contains("--will-topic 'w/+'"));
  }

  @Test void aTopicFromTheUrlIsNamedAsSuch() {
    String line = only(Run.of("pub", "-L", "mqtt://127.0.0.1:" + port + "/x/+", "-m", "x"),
        ExitCodes.USAGE);
    assertTrue(line.startsWith("wren: -L mqtt://127.0.0.1:" + port + "/x/+: its topic 'x/+'"),
        line);
  }

  @Test void longValuesAreShortened() {
    String topic = "t".repeat(70_000);
    String pub = usageError("pub", "-t", topic, "-m", "x");
    assertTrue(pub.length() < 300, pub.length() + " characters");
    assertTrue(pub.contains("(70000 characters)") && pub.contains("70000 bytes"), pub);
    String sub = usageError("sub", "-t", topic + "/+x");
    assertTrue(sub.length() < 300 && sub.contains("(70003 characters)"), sub);
    String qos = usageError("pub", "-t", "a", "-m", "x", "-q", "9".repeat(500));
    assertTrue(qos.length() < 300, qos);
  }

  @Test void protocolVersions() throws Exception {
    assertEquals(ExitCodes.UNREACHABLE, Run.of("pub", "-h", "127.0.0.1", "-p", port, "-V",
        "mqttv311", "-t", "a", "-m", "x").exit);
    assertEquals(ExitCodes.UNREACHABLE, Run.of("sub", "-h", "127.0.0.1", "-p", port, "-V",
        "311", "-t", "a").exit);
    assertEquals(ExitCodes.UNREACHABLE, Run.of("pub", "-h", "127.0.0.1", "-p", port, "-V",
        "5", "-t", "a", "-m", "x").exit);
    assertEquals(ExitCodes.UNREACHABLE, Run.of("sub", "-h", "127.0.0.1", "-p", port, "-V",
        "mqttv5", "-t", "a").exit);
    assertTrue(usageError("pub", "-V", "mqttv31", "-t", "a", "-m", "x")
        .contains("MQTT 3.1 is not supported"));
    assertTrue(usageError("pub", "-V", "4", "-t", "a", "-m", "x")
        .contains("not a protocol version"));
  }

  @Test void mqtt5FlagsAreCheckedBeforeConnecting() {
    assertTrue(usageError("sub", "-x", "60", "-t", "a").contains("-x 60: the session expiry"
        + " interval is MQTT 5.0's; add -V mqttv5"));
    assertTrue(usageError("sub", "-V", "5", "-x", "-5", "-t", "a").contains("0..4294967295"));
    assertTrue(usageError("pub", "-V", "311", "-D", "publish", "content-type", "text/plain",
        "-t", "a", "-m", "x").contains("-D publish content-type 'text/plain': MQTT 5.0"
        + " properties need -V mqttv5, not -V 311"));
    assertTrue(usageError("pub", "-D", "publish", "topic-alias", "1", "-t", "a", "-m", "x")
        .contains("-D publish topic-alias: not supported yet"));
    assertTrue(usageError("pub", "-D", "bogus", "x", "y", "-t", "a", "-m", "x")
        .contains("not a command"));
    assertTrue(usageError("pub", "-t", "a", "-m", "x", "-D", "publish")
        .contains("COMMAND IDENTIFIER VALUE"));
    assertEquals(ExitCodes.UNREACHABLE, Run.of("pub", "-h", "127.0.0.1", "-p", port, "-D",
        "publish", "user-property", "k", "v", "-t", "a", "-m", "x").exit,
        "-D alone selects MQTT 5.0, as in mosquitto_pub");
  }

  @Test void flagsWrenCannotHonourSaySo() {
    assertTrue(usageError("pub", "--unix", "/tmp/m.sock", "-t", "a", "-m", "x")
        .contains("Unix domain sockets"));
    assertTrue(usageError("pub", "-A", "127.0.0.1", "-t", "a", "-m", "x")
        .contains("local address"));
    assertTrue(usageError("sub", "--psk", "00", "-t", "a").contains("TLS-PSK"));
    assertTrue(usageError("sub", "--ciphers", "X", "-t", "a").contains("jdk.tls.client"));
    assertTrue(usageError("sub", "--pretty", "-t", "a").contains("jq"));
    assertTrue(usageError("sub", "-t", "a", "--tls-use-os-certs", "--cafile", "pom.xml")
        .contains("cannot trust both"));
  }

  @Test void flagsThatDoNotGoTogether() {
    assertTrue(usageError("pub", "-i", "a", "-I", "b", "-t", "a", "-m", "x")
        .contains("-i and -I"));
    assertTrue(usageError("sub", "-I", "p", "-c", "-t", "a").contains("-c needs a client id"));
    assertTrue(usageError("sub", "-R", "--retained-only", "-t", "a").contains("use one"));
    assertTrue(usageError("pub", "--repeat", "2", "-l", "-t", "a").contains("-l"));
    assertTrue(usageError("pub", "--repeat", "0", "-m", "x", "-t", "a").contains("--repeat 0"));
    assertTrue(usageError("pub", "--repeat-delay", "soon", "-m", "x", "-t", "a")
        .contains("--repeat-delay 'soon'"));
    assertTrue(usageError("sub", "-U", "a").contains("-U unsubscribes in addition"));
    assertTrue(usageError("sub", "--random-filter", "0", "-t", "a").contains("0.1..100"));
    assertTrue(usageError("sub", "--log-level", "loud", "-t", "a").contains("trace, debug"));
    assertTrue(usageError("pub", "-d", "--queue-dir", "target/q-never", "-t", "a", "-m", "x")
        .contains("-d does not go with --queue-dir"));
    assertTrue(usageError("pub", "--key-password-file", "pom.xml", "-t", "a", "-m", "x")
        .contains("needs --key"));
  }

  @Test void badFormatsAreRefusedAsMosquittoSubRefusesThem() {
    assertTrue(usageError("sub", "-t", "a", "-F", "%").contains("incomplete format specifier"));
    assertTrue(usageError("sub", "-t", "a", "-F", "%-").contains("incomplete"));
    assertTrue(usageError("sub", "-t", "a", "-F", "%.1").contains("incomplete"));
    assertTrue(usageError("sub", "-t", "a", "-F", "%Z").contains("%Z is not a format specifier"));
    assertTrue(usageError("sub", "-t", "a", "-F", "@").contains("incomplete"));
    assertTrue(usageError("sub", "-t", "a", "-F", "@Q").contains("@Q is not a time conversion"));
    assertTrue(usageError("sub", "-t", "a", "-F", "\\").contains("incomplete escape"));
    assertTrue(usageError("sub", "-t", "a", "-F", "\\z").contains("\\z is not an escape"));
  }

  @Test void quietSilencesFailuresButNotBadCommandLines() {
    Run down = Run.of("pub", "-h", "127.0.0.1", "-p", port, "--quiet", "-t", "a", "-m", "x");
    assertEquals(ExitCodes.UNREACHABLE, down.exit);
    assertEquals("", down.err);
    usageError("pub", "--quiet", "-t", "a/+", "-m", "x");
  }
}
