package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command level: help, and one clear stderr line with exit 2 for every bad command line. */
class WrenTest {
  private static void assertUsageError(Run run, String... expectedParts) {
    assertEquals(ExitCodes.USAGE, run.exit, run.toString());
    String[] lines = run.errLines();
    assertEquals(1, lines.length, run.toString());
    assertTrue(lines[0].startsWith("wren: "), run.toString());
    for (String part : expectedParts) assertTrue(lines[0].contains(part), run.toString());
    assertEquals("", run.out, run.toString());
  }

  @Test void mainHelp() {
    Run run = Run.of("--help");
    assertEquals(0, run.exit);
    assertTrue(run.out.contains("wren pub"));
    assertTrue(run.out.contains("Exit status"));
    assertEquals("", run.err);
  }

  @Test void commandHelp() {
    Run pub = Run.of("pub", "--help");
    assertEquals(0, pub.exit);
    for (String flag : new String[] {"-h", "-p", "-L", "-t", "-m", "-f", "-l", "-n", "-q", "-r",
        "-i", "-c", "-k", "-u", "-P", "--will-topic", "--will-payload", "--will-qos",
        "--will-retain"}) {
      assertTrue(pub.out.contains(flag + " ") || pub.out.contains(flag + ","), flag);
    }
    Run sub = Run.of("sub", "--help");
    assertEquals(0, sub.exit);
    for (String flag : new String[] {"-C", "-W", "-v", "-N", "27"}) {
      assertTrue(sub.out.contains(flag), flag);
    }
    assertEquals(0, Run.of("demo", "--help").exit);
    assertEquals(0, Run.of("help", "sub").exit);
    assertTrue(Run.of("help", "sub").out.contains("-C"));
  }

  @Test void noCommand() {
    Run run = Run.of();
    assertEquals(ExitCodes.USAGE, run.exit);
    assertTrue(run.err.endsWith("wren: no command given: use pub, sub, gateway or demo\n"),
        run.err);
  }

  @Test void unknownCommand() {
    assertUsageError(Run.of("publish", "-t", "a"), "unknown command 'publish'");
    assertUsageError(Run.of("PUB", "-t", "a", "-m", "x"), "unknown command 'PUB'");
  }

  @Test void badFlagsGiveOneLine() {
    assertUsageError(Run.of("pub", "-t", "a", "-m", "x", "-q", "7"), "-q 7");
    assertUsageError(Run.of("pub", "-t", "a", "-m", "x", "-p", "port"), "-p port");
    assertUsageError(Run.of("sub", "-t", "a", "-C", "-1"), "-C -1");
    assertUsageError(Run.of("sub", "-t", "a", "-W", "never"), "-W never");
    assertUsageError(Run.of("sub", "-t", "a", "--frobnicate"), "--frobnicate");
    assertUsageError(Run.of("pub", "-t", "a", "-f", "/no/such"), "-f /no/such");
    assertUsageError(Run.of("demo", "-L", "http://h:1"), "http");
    assertUsageError(Run.of("pub", "-t", "a"), "needs a payload");
  }

  @Test void valuesTheSdkRejectsAreUsageErrors() {
    // the will topic is checked with the command line, before any connection
    assertUsageError(Run.of("sub", "-t", "a", "-p", "1", "--will-topic", "a/#"),
        "--will-topic 'a/#'", "wildcard '#'");
  }

  @Test void version() {
    Run run = Run.of("--version");
    assertEquals(0, run.exit);
    assertTrue(run.out.startsWith("wren "));
  }
}
