package dev.wren.bench.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM (the same {@code java} as this one) and reads what it reports:
 * lines {@code result KEY=VALUE} on its standard output. Everything else it prints (standard error
 * merged in) is kept for the error message should it fail. Not thread-safe; one per launch.
 */
final class ChildJvm {
  static final String RESULT = "result ";

  /** Flags for children that measure heap: a small fixed heap and the serial collector, whose
   * System.gc() is a full compacting collection, so "used after GC" is the live data. */
  static final List<String> HEAP_FLAGS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

  private final List<String> command = new ArrayList<>();
  private final String mainName;
  private long timeoutSeconds = 120;

  ChildJvm(String classPath, List<String> jvmFlags, Class<?> main, String... args) {
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The bench's class path carries tinylog-impl, which logs everything by default: Wren's log
    // lines would cost it time and heap that an application configures away.
    command.add("-Dtinylog.level=off");
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classPath);
    mainName = main.getSimpleName();
    command.add(main.getName());
    command.addAll(Arrays.asList(args));
  }

  /** Runs the child on another JVM, e.g. a JDK with virtual threads. */
  ChildJvm java(Path java) {
    command.set(0, java.toString());
    return this;
  }

  ChildJvm timeoutSeconds(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  /** What a finished child reported, and how long from start to the line that ended the wait. */
  record Report(Map<String, String> values, long nanosToLine) {
    long longValue(String key) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalStateException("the child reported no " + key + ": " + values);
      }
      return Long.parseLong(v);
    }
  }

  /** Runs to exit; fails unless the exit status is 0. */
  Report run() throws IOException, InterruptedException {
    return runUntil(null);
  }

  /**
   * Runs and measures the time from {@link ProcessBuilder#start()} to the first output line equal
   * to {@code line} (when not null), then waits for the exit; fails unless the status is 0.
   */
  Report runUntil(String line) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    long nanosToLine = -1;
    Map<String, String> values = new HashMap<>();
    StringBuilder output = new StringBuilder();
    Thread watchdog = new Thread(() -> {
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }, "child-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = in.readLine()) != null; ) {
        if (line != null && nanosToLine < 0 && l.equals(line)) {
          nanosToLine = System.nanoTime() - start;
        }
        if (l.startsWith(RESULT)) {
          int eq = l.indexOf('=');
          values.put(l.substring(RESULT.length(), eq), l.substring(eq + 1));
        } else if (output.length() < 8192) {
          output.append(l).append('\n');
        }
      }
    }
    int status = process.waitFor();
    watchdog.interrupt();
    if (status != 0 || (line != null && nanosToLine < 0)) {
      throw new IOException("child " + mainName + " exited with "
          + status + (status == 137 ? " (killed after " + timeoutSeconds + " s)" : "")
          + (line != null && nanosToLine < 0 ? " without printing \"" + line + "\"" : "")
          + "; command " + command + "; output:\n" + output);
    }
    return new Report(values, nanosToLine);
  }

  /** For children: prints one {@code result key=value} line. */
  static void report(String key, Object value) {
    System.out.println(RESULT + key + "=" + value);
  }
}
