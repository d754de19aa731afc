package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.Mosquitto;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password given with {@code -P}, in a {@code -L} URL or in a {@code --proxy} URL appears in
 * anything wren prints: every run below, failing or not, in this process and as a child process
 * with the SDK's logs at TRACE, is searched for them.
 */
@Timeout(120)
class CredentialsTest {
  private static final String PW = "s3cretPW";
  private static final String WRONG = "wr0ngPW";
  private static final String PROXY_PW = "pr0xyPW";
  private static final List<String> SECRETS = List.of(PW, WRONG, PROXY_PW);
  private static Mosquitto broker;
  private static String closedPort;

  @TempDir Path dir;

  @BeforeAll static void start() throws Exception {
    Mosquitto.assumeAvailable();
    broker = Mosquitto.builder().user("alice", PW).start();
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = Integer.toString(s.getLocalPort());
    }
  }

  @AfterAll static void stop() throws Exception {
    if (broker != null) broker.close();
  }

  private static String port() {
    return Integer.toString(broker.port());
  }

  private static void assertNoSecret(String what, String output) {
    for (String secret : SECRETS) {
      assertFalse(output.contains(secret), "'" + secret + "' in " + what + ":\n" + output);
    }
  }

  /** Runs wren in this process; checks its exit status and that nothing it printed has a secret. */
  private static Run run(int exit, String... args) {
    Run run = Run.of(args);
    assertEquals(exit, run.exit, run.toString());
    assertNoSecret(String.join(" ", args), run.out + run.err);
    return run;
  }

  @Test void badUrlsAndClashingFlags() {
    assertTrue(run(ExitCodes.USAGE, "pub", "-L", "mqtt://user:" + PW + "@", "-m", "x").err
        .contains("mqtt://user:****@"));
    assertTrue(run(ExitCodes.USAGE, "pub", "-L", "ws://user:" + PW + "@h/mqtt", "-u", "bob",
        "-t", "t", "-m", "x").err.contains("and -u both give a user name"));
    run(ExitCodes.USAGE, "pub", "-L", "mqtt://user:" + PW + "@h:99999/t", "-m", "x");
    run(ExitCodes.USAGE, "pub", "-L", "mqtt://user:" + PW + "@127.0.0.1:1/x/+", "-m", "x");
    run(ExitCodes.USAGE, "pub", "-L", "mqtt://user:" + PW + "@h/t", "-h", "h", "-m", "x");
    run(ExitCodes.USAGE, "pub", "-L", "mqtt://user:" + PW + "@h/t", "--cafile", "pom.xml",
        "-m", "x");
    run(ExitCodes.USAGE, "pub", "-P", PW, "-t", "t", "-m", "x");
    run(ExitCodes.USAGE, "pub", "-u", "u", "-P", PW, "-t", "t", "-m", "x", "--bogus");
    run(ExitCodes.USAGE, "pub", "-u", "u", "-P", PW, "-t", "t", "-m", "x", "-q", PW);
    run(ExitCodes.USAGE, "pub", "-u", "u", "-P", PW, "-t", "t", "-m", "x", PW);
    run(ExitCodes.USAGE, "pub", "--proxy", "socks5h://pu:" + PROXY_PW + "@h:1080", "-t", "t",
        "-m", "x");
    run(ExitCodes.USAGE, "pub", "--proxy", "http://pu:" + PROXY_PW + "@", "-t", "t", "-m", "x");
  }

  @Test void failuresAtTheBroker() {
    // wrong password: refused
    assertTrue(run(ExitCodes.REFUSED, "pub", "-h", "127.0.0.1", "-p", port(), "-u", "alice",
        "-P", WRONG, "-t", "t", "-m", "x").err.contains("refused"));
    run(ExitCodes.REFUSED, "sub", "-L", "mqtt://alice:" + WRONG + "@127.0.0.1:" + port() + "/t");
    run(ExitCodes.REFUSED, "sub", "-d", "-L", "mqtt://alice:" + WRONG + "@127.0.0.1:" + port()
        + "/t");
    // nothing listening
    run(ExitCodes.UNREACHABLE, "pub", "-L", "mqtt://alice:" + PW + "@127.0.0.1:" + closedPort
        + "/t", "-m", "x");
    run(ExitCodes.UNREACHABLE, "pub", "-h", "127.0.0.1", "-p", port(), "--proxy",
        "http://pu:" + PROXY_PW + "@127.0.0.1:" + closedPort, "-t", "t", "-m", "x");
    // -d shows CONNECT, never what it carries
    Run ok = run(ExitCodes.OK, "pub", "-d", "-h", "127.0.0.1", "-p", port(), "-u", "alice", "-P",
        PW, "-t", "t", "-m", "x", "-q", "1");
    assertTrue(ok.err.contains("sending CONNECT"), ok.err);
  }

  @Test void childProcessesWithTheSdkLoggingEverything() throws Exception {
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"pub", "--log-level", "trace", "-d", "-h", "127.0.0.1", "-p",
        port(), "-u", "alice", "-P", PW, "-t", "t", "-m", "x", "-q", "2"});
    commands.add(new String[] {"sub", "--log-level", "trace", "-L",
        "mqtt://alice:" + WRONG + "@127.0.0.1:" + port() + "/t"});
    commands.add(new String[] {"pub", "--log-level", "debug", "-h", "127.0.0.1", "-p", port(),
        "--proxy", "http://pu:" + PROXY_PW + "@127.0.0.1:" + closedPort, "-t", "t", "-m", "x"});
    commands.add(new String[] {"pub", "-L", "mqtt://user:" + PW + "@", "-m", "x"});
    int n = 0;
    for (String[] args : commands) {
      try (WrenProcess p = WrenProcess.start(dir, "run" + n++, args)) {
        p.waitFor(30_000);
        assertNoSecret(String.join(" ", args), p.out() + p.err());
      }
    }
  }
}
