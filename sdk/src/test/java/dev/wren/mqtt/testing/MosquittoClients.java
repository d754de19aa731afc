package dev.wren.mqtt.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the mosquitto command-line clients against a {@link Mosquitto} as child processes, always
 * with a timeout: {@link #pub} waits for {@code mosquitto_pub} to exit, {@link #startSub} keeps a
 * {@code mosquitto_sub} running and lets the test await its output lines. Call
 * {@link Mosquitto#assumeClientsAvailable()} first.
 */
public final class MosquittoClients {
  /** Default time a command may run. */
  public static final long TIMEOUT_MILLIS = 10_000;
  private static final AtomicInteger IDS = new AtomicInteger();

  private MosquittoClients() {
  }

  /** How a command ended. {@code timedOut} means it was killed after the timeout. */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    @Override public String toString() {
      return "exit " + exitCode + (timedOut ? " (killed: timed out)" : "") + ", stdout=[" + stdout
          + "], stderr=[" + stderr + "]";
    }
  }

  /** {@code mosquitto_pub -h 127.0.0.1 -p PORT args...}, waiting up to 10 s for it to exit. */
  public static Result pub(Mosquitto broker, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Mosquitto.tool("mosquitto_pub"), "-h", "127.0.0.1",
        "-p", String.valueOf(broker.port())));
    cmd.addAll(Arrays.asList(args));
    return run(TIMEOUT_MILLIS, cmd);
  }

  /** Runs any command, capturing stdout and stderr, killing it after {@code timeoutMillis}. */
  public static Result run(long timeoutMillis, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("wren-cmd-", ".out");
    Path err = Files.createTempFile("wren-cmd-", ".err");
    try {
      Process p = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean exited = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      return new Result(exited ? p.exitValue() : -1, Files.readString(out).trim(),
          Files.readString(err).trim(), !exited);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Starts {@code mosquitto_sub -h 127.0.0.1 -p PORT [-i ID] args...} and returns once the broker
   * has sent it a SUBACK (seen in the broker's log), so what is published afterwards reaches it.
   * A client id is added ({@code -i}) unless {@code args} has one.
   */
  public static Sub startSub(Mosquitto broker, String... args)
      throws IOException, InterruptedException {
    List<String> given = Arrays.asList(args);
    int i = given.indexOf("-i");
    String id = i >= 0 && i + 1 < args.length ? args[i + 1] : "wren-sub-" + IDS.incrementAndGet()
        + "-" + ProcessHandle.current().pid();
    List<String> cmd = new ArrayList<>(List.of(Mosquitto.tool("mosquitto_sub"), "-h", "127.0.0.1",
        "-p", String.valueOf(broker.port())));
    if (i < 0) cmd.addAll(List.of("-i", id));
    cmd.addAll(given);
    String marker = "Sending SUBACK to " + id;
    int before = count(broker.log(), marker);
    Sub sub = new Sub(new ProcessBuilder(cmd).start(), cmd);
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    while (count(broker.log(), marker) <= before) {
      if (!sub.process.isAlive() || System.currentTimeMillis() > deadline) {
        sub.close();
        throw new AssertionError("mosquitto_sub did not subscribe: " + cmd + "; exit="
            + (sub.process.isAlive() ? "running" : sub.process.exitValue()) + ", stderr="
            + sub.stderr() + "\nbroker log:\n" + broker.log());
      }
      Thread.sleep(20);
    }
    return sub;
  }

  private static int count(String text, String marker) {
    int n = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) n++;
    return n;
  }

  /** A running {@code mosquitto_sub}: await its stdout lines; {@link #close()} kills it. */
  public static final class Sub implements AutoCloseable {
    private final Process process;
    private final List<String> command;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private Sub(Process process, List<String> command) {
      this.process = process;
      this.command = command;
      daemon("mosquitto_sub-out", () -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
            pending.add(line);
          }
        } catch (IOException ignored) {
          // process ended
        }
      });
      daemon("mosquitto_sub-err", () -> {
        try {
          stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // process ended
        }
      });
    }

    private static void daemon(String name, Runnable r) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.start();
    }

    /** The next output line not yet taken, or an AssertionError after the timeout. */
    public String awaitLine(long timeoutMillis) throws InterruptedException {
      String line = pending.poll(timeoutMillis, TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("mosquitto_sub printed no line within " + timeoutMillis
            + " ms; all lines: " + lines + ", stderr: " + stderr + ", command: " + command);
      }
      return line;
    }

    /** The next {@code n} lines, all within the timeout. */
    public List<String> awaitLines(int n, long timeoutMillis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      List<String> out = new ArrayList<>();
      while (out.size() < n) {
        out.add(awaitLine(Math.max(1, deadline - System.currentTimeMillis())));
      }
      return out;
    }

    /** Every line printed so far. */
    public List<String> lines() {
      return new ArrayList<>(lines);
    }

    public String stderr() {
      return stderr.toString();
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    @Override public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
