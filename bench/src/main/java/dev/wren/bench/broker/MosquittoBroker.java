package dev.wren.bench.broker;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mosquitto process of the bench's own, on a free loopback port, with a generated config that
 * lifts the broker's per-client limits (in-flight and queued messages) so that the clients, not
 * the broker's defaults, set the pace. Not thread-safe; one per run.
 */
public final class MosquittoBroker implements AutoCloseable {
  private static final String[] LOCATIONS = {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"};

  private final Path dir;
  private final Process process;
  private final int port;

  private MosquittoBroker(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** The mosquitto executable, or an exception that says how to install it. */
  public static String executable() {
    for (String location : LOCATIONS) {
      if (new File(location).canExecute()) return location;
    }
    throw new IllegalStateException(
        "mosquitto not found at /usr/sbin/mosquitto: install it with `apt-get install -y mosquitto`");
  }

  /** Starts mosquitto and waits until it accepts connections (at most 10 s). */
  public static MosquittoBroker start() throws IOException, InterruptedException {
    String exe = executable();
    Path dir = Files.createTempDirectory("wren-bench-mosquitto");
    int port = freePort();
    String conf = "listener " + port + " 127.0.0.1\n"
        + "allow_anonymous true\n"
        + "persistence false\n"
        + "max_inflight_messages 0\n"   // 0: no limit on QoS 1/2 in flight towards a subscriber
        + "max_queued_messages 0\n"     // 0: no limit on messages queued for a subscriber
        + "max_queued_bytes 0\n"
        + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
        + "log_type error\nlog_type warning\n"
        + "user root\n";
    Path config = dir.resolve("mosquitto.conf");
    Files.write(config, conf.getBytes(StandardCharsets.UTF_8));
    Process process = new ProcessBuilder(exe, "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    MosquittoBroker broker = new MosquittoBroker(dir, process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String out = new String(Files.readAllBytes(dir.resolve("mosquitto.out")), StandardCharsets.UTF_8);
        throw new IOException("mosquitto exited with " + process.exitValue() + ": " + out.trim());
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return broker;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    broker.close();
    throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s; see " + dir);
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Mosquitto's version line, e.g. "mosquitto version 2.0.11". */
  public static String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(executable(), "-h").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(5, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.startsWith("mosquitto version")).findFirst().orElse("mosquitto (version unknown)");
  }

  @Override public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
