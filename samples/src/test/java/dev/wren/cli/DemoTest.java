package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code wren demo} with its embedded broker: quiet, quick, nothing lost, nothing left behind. */
class DemoTest {
  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  @Test @Timeout(30) void embeddedDemoLosesNothingAndLeavesNoThreads() throws Exception {
    Set<Thread> before = liveThreads();
    long start = System.nanoTime();
    Run run = Run.of("demo");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(0, run.exit, run.toString());
    assertEquals("", run.err, run.toString());
    String[] lines = run.out.split("\n");
    assertEquals(7, lines.length, run.out);
    assertTrue(run.out.contains("received qos=0 demo/greeting: hello\n"), run.out);
    assertTrue(run.out.contains("received qos=1 demo/counter: 1\n"), run.out);
    assertTrue(run.out.contains("received qos=2 demo/exact: once\n"), run.out);
    assertTrue(lines[6].matches(
        "demo: sent 6, received 6, lost 0 \\(QoS 0/1/2 over tcp://127\\.0\\.0\\.1:\\d+\\)"),
        lines[6]);
    assertTrue(seconds < 10, "took " + seconds + " s");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> extra;
    do {
      Set<Thread> now = liveThreads();
      now.removeAll(before);
      extra = now.stream().map(Thread::getName).collect(Collectors.toSet());
      if (extra.isEmpty()) break;
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertEquals(Set.of(), extra, "threads left after the demo");
  }
}
