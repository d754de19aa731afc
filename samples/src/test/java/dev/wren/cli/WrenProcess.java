package dev.wren.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wren} in a child JVM, for tests that kill it: stdin is a pipe, stdout and stderr go to
 * files in the test's directory. {@link #close()} kills it if it still runs.
 */
final class WrenProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private WrenProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code wren args...}; its output goes to {@code dir/name.out} and {@code .err}. */
  static WrenProcess start(Path dir, String name, String... args) throws IOException {
    return start(dir, name, List.of(), args);
  }

  /** Starts {@code java JVMOPTIONS... wren args...}, output as {@link #start(Path, String, String...)}. */
  static WrenProcess start(Path dir, String name, List<String> jvmOptions, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        // the sdk's test-jar has a tinylog-test.properties, which tinylog would prefer
        "-Dtinylog.configuration=tinylog.properties", Wren.class.getName()));
    command.addAll(Arrays.asList(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process p = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new WrenProcess(p, out, err);
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Waits until stderr holds {@code text}; fails with what it holds otherwise. */
  void awaitErr(String text, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!err().contains(text)) {
      if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
        throw new AssertionError("wren's stderr has no '" + text + "'"
            + (process.isAlive() ? "" : " (it exited " + process.exitValue() + ")") + ":\n"
            + err());
      }
      Thread.sleep(20);
    }
  }

  /** Waits until stdout holds {@code text}; fails with what it holds otherwise. */
  void awaitOut(String text, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!out().contains(text)) {
      if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
        throw new AssertionError("wren's stdout has no '" + text + "':\n" + out()
            + "\nstderr:\n" + err());
      }
      Thread.sleep(20);
    }
  }

  /** SIGTERM, as Ctrl-C or {@code kill}: wren's shutdown hook runs. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the exit and returns its status; fails after the timeout. */
  int waitFor(long timeoutMillis) throws IOException, InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("wren did not exit within " + timeoutMillis + " ms; stderr:\n"
          + err());
    }
    return process.exitValue();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override public void close() throws InterruptedException {
    if (process.isAlive()) kill9();
  }
}
