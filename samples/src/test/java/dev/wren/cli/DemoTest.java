package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wren demo} with its embedded broker: quiet, quick, nothing lost (also through the broker
 * restart), nothing left behind.
 */
class DemoTest {
  private static int indexStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i;
    }
    return -1;
  }

  private static int queued(String statusLine) {
    Matcher m = Pattern.compile(" queued=(\\d+) ").matcher(statusLine);
    assertTrue(m.find(), statusLine);
    return Integer.parseInt(m.group(1));
  }

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  @Test @Timeout(60) void embeddedDemoLosesNothingAndLeavesNoThreads() throws Exception {
    Set<Thread> before = liveThreads();
    long start = System.nanoTime();
    Run run = Run.of("demo");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(0, run.exit, run.toString());
    assertEquals("", run.err, run.toString());
    List<String> lines = List.of(run.out.split("\n"));
    assertTrue(run.out.contains("received qos=0 demo/greeting: hello\n"), run.out);
    assertTrue(run.out.contains("received qos=1 demo/counter: 1\n"), run.out);
    assertTrue(run.out.contains("received qos=2 demo/exact: once\n"), run.out);
    assertTrue(lines.get(6).matches(
        "demo: sent 6, received 6, lost 0 \\(QoS 0/1/2 over tcp://127\\.0\\.0\\.1:\\d+\\)"),
        lines.get(6));

    // Then the gateway through a broker restart: the queue grows while the broker is down and
    // drains once it is back.
    assertTrue(lines.get(7).startsWith("demo: now a gateway publishes 3 sensors x 20 readings/s"),
        run.out);
    int stopping = lines.indexOf("demo: stopping the broker for 3 s");
    int started = indexStartingWith(lines, "demo: broker started again on port ");
    assertTrue(7 < stopping && stopping < started, run.out);
    int offlineQueued = 0;
    int drainedAt = -1;
    for (int i = 8; i < lines.size() - 1; i++) {
      String line = lines.get(i);
      if (i == stopping || i == started || line.startsWith("demo: ") && line.contains("twice")) {
        continue;
      }
      assertTrue(QueuePubTest.STATUS.matcher(line).matches(), "not a status line: " + line);
      if (line.startsWith("state=offline ")) offlineQueued = Math.max(offlineQueued, queued(line));
      if (i > started && line.startsWith("state=connected queued=0 ")) drainedAt = i;
    }
    assertTrue(offlineQueued > 0, "no queue while offline:\n" + run.out);
    assertTrue(drainedAt > 0, "no drained queue after the restart:\n" + run.out);
    assertEquals("demo: gateway through a broker restart: sent 360, received 360, lost 0",
        lines.get(lines.size() - 1));
    assertTrue(seconds < 20, "took " + seconds + " s");

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
