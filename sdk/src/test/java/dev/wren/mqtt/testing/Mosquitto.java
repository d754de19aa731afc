package dev.wren.mqtt.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Eclipse Mosquitto broker as a child process, on a free loopback port, with a config
 * generated in a fresh temp directory (log file with {@code log_type all}, optional persistence
 * and password file). Its limits are the shipped ones (20 QoS 1/2 messages in flight each way
 * per client, 1000 queued per subscriber) unless a test lifts them by name and says why. Call {@link #assumeAvailable()} first: it skips the test where mosquitto is
 * not installed, except on CI ({@code CI=true}) where it fails.
 */
public final class Mosquitto implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 5_000;

  private final Path dir;
  private final Path config;
  private final Path logFile;
  private final Path outFile;
  private final int port;
  private final int wsPort;
  private final int tlsPort;
  private final int wssPort;
  private Process process;

  private Mosquitto(Builder b) throws IOException, InterruptedException {
    this.dir = Files.createTempDirectory("wren-mosquitto-");
    this.config = dir.resolve("mosquitto.conf");
    this.logFile = dir.resolve("mosquitto.log");
    this.outFile = dir.resolve("mosquitto.out");
    this.port = freePort();
    this.wsPort = b.websockets ? freePort() : -1;
    StringBuilder conf = new StringBuilder();
    conf.append("listener ").append(port).append(" 127.0.0.1\n");
    conf.append("allow_anonymous ").append(b.users.isEmpty()).append('\n');
    if ("root".equals(System.getProperty("user.name"))) conf.append("user root\n");
    conf.append("log_dest file ").append(logFile).append('\n');
    conf.append("log_type all\n");
    conf.append("log_timestamp_format %H:%M:%S\n");
    conf.append("connection_messages true\n");
    conf.append("persistence ").append(b.persistence).append('\n');
    if (b.persistence) conf.append("persistence_location ").append(dir).append("/\n");
    if (!b.users.isEmpty()) {
      Path passwords = dir.resolve("passwords");
      boolean first = true;
      for (Map.Entry<String, String> u : b.users.entrySet()) {
        List<String> cmd = new ArrayList<>(List.of(tool("mosquitto_passwd"), "-b"));
        if (first) cmd.add("-c");
        cmd.addAll(List.of(passwords.toString(), u.getKey(), u.getValue()));
        MosquittoClients.Result r = MosquittoClients.run(10_000, cmd);
        if (r.exitCode() != 0) throw new IOException("mosquitto_passwd failed: " + r);
        first = false;
      }
      conf.append("password_file ").append(passwords).append('\n');
    }
    // TLS: its own listener; the lines after "listener" configure it.
    this.tlsPort = b.tls == null ? -1 : freePort();
    if (b.tls != null) conf.append("listener ").append(tlsPort).append(" 127.0.0.1\n").append(b.tls);
    for (String line : b.extra) conf.append(line).append('\n');
    // Last, so no listener-specific line above lands on it. Binds all interfaces (see BROKERS.md).
    if (wsPort > 0) conf.append("listener ").append(wsPort).append("\nprotocol websockets\n");
    this.wssPort = b.wss == null ? -1 : freePort();
    if (b.wss != null) {
      conf.append("listener ").append(wssPort).append("\nprotocol websockets\n").append(b.wss);
    }
    Files.writeString(config, conf.toString());
  }

  /** An anonymous broker without persistence. */
  public static Mosquitto start() throws IOException, InterruptedException {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The mosquitto executable, or null when it is not installed. */
  public static String executable() {
    if (new File("/usr/sbin/mosquitto").canExecute()) return "/usr/sbin/mosquitto";
    return onPath("mosquitto");
  }

  /** Skips the test unless mosquitto is installed; on CI ({@code CI=true}) fails instead. */
  public static void assumeAvailable() {
    requireTool(executable() != null, "mosquitto");
  }

  /** Skips the test unless mosquitto_pub and mosquitto_sub are installed; on CI fails instead. */
  public static void assumeClientsAvailable() {
    requireTool(onPath("mosquitto_pub") != null && onPath("mosquitto_sub") != null,
        "mosquitto_pub/mosquitto_sub");
  }

  private static void requireTool(boolean present, String what) {
    if (present) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(what + " is not installed; CI must run the mosquitto tests"
          + " (apt-get install -y mosquitto mosquitto-clients)");
    }
    Assumptions.abort(what + " is not installed (apt-get install -y mosquitto mosquitto-clients)");
  }

  static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, name);
      if (f.canExecute()) return f.getPath();
    }
    return null;
  }

  static String tool(String name) {
    String found = onPath(name);
    if (found == null && new File("/usr/bin/" + name).canExecute()) found = "/usr/bin/" + name;
    if (found == null) throw new IllegalStateException(name + " is not installed");
    return found;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  private synchronized void launch() throws IOException, InterruptedException {
    String exe = executable();
    if (exe == null) throw new IllegalStateException("mosquitto is not installed");
    process = new ProcessBuilder(exe, "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outFile.toFile()))
        .start();
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (true) {
      try (Socket s = new Socket(); Socket ws = new Socket(); Socket wss = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        if (wsPort > 0) ws.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), wsPort), 200);
        if (wssPort > 0) {
          wss.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), wssPort), 200);
        }
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IOException("mosquitto exited with " + process.exitValue()
              + " before accepting connections on port " + port + "\n" + log());
        }
        if (System.currentTimeMillis() > deadline) {
          process.destroyForcibly();
          throw new IOException("mosquitto did not accept connections on port " + port
              + (wsPort > 0 ? " and websockets port " + wsPort : "")
              + (wssPort > 0 ? " and secure websockets port " + wssPort : "")
              + " within " + START_TIMEOUT_MILLIS + " ms\n" + log());
        }
        Thread.sleep(20);
      }
    }
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The websockets listener's port; needs {@link Builder#websockets()}. */
  public int wsPort() {
    if (wsPort < 0) throw new IllegalStateException("no websockets listener: use builder().websockets()");
    return wsPort;
  }

  /** {@code ws://127.0.0.1:PORT/mqtt} (mosquitto accepts any path). */
  public String wsUri() {
    return "ws://127.0.0.1:" + wsPort() + "/mqtt";
  }

  /** The secure websockets listener's port; see {@link Builder#secureWebsockets}. */
  public int wssPort() {
    if (wssPort < 0) {
      throw new IllegalStateException("no secure websockets listener: use Builder.secureWebsockets(...)");
    }
    return wssPort;
  }

  /** {@code wss://127.0.0.1:WSSPORT/mqtt} (the test server certificate holds the IP address). */
  public String wssUri() {
    return "wss://127.0.0.1:" + wssPort() + "/mqtt";
  }

  /** The TLS listener's port; see {@link Builder#tls}. */
  public int tlsPort() {
    if (tlsPort < 0) throw new IllegalStateException("no TLS listener: use Builder.tls(...)");
    return tlsPort;
  }

  /** {@code ssl://127.0.0.1:TLSPORT}. */
  public String sslUri() {
    return "ssl://127.0.0.1:" + tlsPort();
  }

  /** The temp directory holding config, log and persistence. */
  public Path directory() {
    return dir;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, and waits for the process to end (SIGKILL after 5 s). */
  public synchronized void stop() throws InterruptedException {
    if (process == null) return;
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Stops if running and starts again with the same port and config. */
  public synchronized void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  /** SIGKILL: the broker saves nothing. */
  public synchronized void kill9() throws InterruptedException {
    if (process == null) return;
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** The broker's log file (and anything it printed), for diagnostics and log assertions. */
  public String log() {
    StringBuilder sb = new StringBuilder();
    for (Path p : new Path[] {outFile, logFile}) {
      try {
        if (Files.exists(p)) sb.append(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        sb.append("(cannot read ").append(p).append(": ").append(e).append(")\n");
      }
    }
    return sb.toString();
  }

  /** Stops the broker and deletes its temp directory. */
  @Override public void close() throws InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override public String toString() {
    return "Mosquitto{" + uri() + ", dir=" + dir + "}";
  }

  /** Options for {@link Mosquitto}. */
  public static final class Builder {
    /** The config keys that change how much Mosquitto accepts, holds or sends per client. */
    private static final Set<String> LIMITS = Set.of("max_inflight_messages",
        "max_inflight_bytes", "max_queued_messages", "max_queued_bytes", "message_size_limit",
        "max_packet_size", "max_keepalive", "upgrade_outgoing_qos", "max_connections");
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<String> extra = new ArrayList<>();
    private boolean persistence;
    private boolean websockets;
    private String tls;
    private String wss;

    private Builder() {
    }

    /** Adds a user to a password file; with any user, anonymous clients are refused. */
    public Builder user(String name, String password) {
      users.put(name, password);
      return this;
    }

    /** {@code persistence true} with the location in the temp directory. */
    public Builder persistence(boolean persistence) {
      this.persistence = persistence;
      return this;
    }

    /** Adds a {@code protocol websockets} listener on another free port ({@link Mosquitto#wsPort()}). */
    public Builder websockets() {
      this.websockets = true;
      return this;
    }

    /** A TLS listener with the test CA and the {@code localhost}/{@code 127.0.0.1} certificate. */
    public Builder tls(TestCertificates certs, boolean requireCertificate) {
      return tls(certs.ca(), certs.serverCert(), certs.serverKey(), requireCertificate);
    }

    /**
     * A TLS listener on {@link #tlsPort()}: {@code ca} verifies client certificates, which are
     * demanded when {@code requireCertificate}.
     */
    public Builder tls(Path ca, Path cert, Path key, boolean requireCertificate) {
      tls = "cafile " + ca + "\ncertfile " + cert + "\nkeyfile " + key
          + "\nrequire_certificate " + requireCertificate + "\n";
      return this;
    }

    /**
     * A {@code protocol websockets} listener over TLS on {@link #wssPort()}, with the test CA and
     * the {@code localhost}/{@code 127.0.0.1} certificate; client certificates from the test CA
     * are demanded when {@code requireCertificate}. Like the plain one it binds all interfaces.
     */
    public Builder secureWebsockets(TestCertificates certs, boolean requireCertificate) {
      wss = "cafile " + certs.ca() + "\ncertfile " + certs.serverCert() + "\nkeyfile "
          + certs.serverKey() + "\nrequire_certificate " + requireCertificate + "\n";
      return this;
    }

    /**
     * A raw config line appended after the generated ones. Lines that change the broker's limits
     * are refused: a test that needs one names why through {@link #keepEverythingQueued} or
     * {@link #liftLimits}, so that every other test meets Mosquitto as it is shipped.
     */
    public Builder extraConfig(String line) {
      String key = line.trim().split("\\s+")[0];
      if (LIMITS.contains(key)) {
        throw new IllegalArgumentException("'" + line + "' changes one of Mosquitto's shipped limits;"
            + " use keepEverythingQueued(reason) or liftLimits(reason) and say why");
      }
      extra.add(line);
      return this;
    }

    /**
     * {@code max_queued_messages 0}: the broker keeps every message for an offline or slow
     * subscriber (shipped: 1000, beyond which it drops them, QoS 1 and 2 included). Lifts a limit
     * of the subscriber's side only; the publisher meets the shipped in-flight limits.
     *
     * @param reason why the test needs it, for the reader of the generated config
     */
    public Builder keepEverythingQueued(String reason) {
      requireReason(reason);
      extra.add("# " + reason);
      extra.add("max_queued_messages 0");
      return this;
    }

    /**
     * No limit on messages in flight or queued, either way: for throughput tests only, which
     * measure the client rather than the broker's defaults.
     *
     * @param reason why the test needs it, for the reader of the generated config
     */
    public Builder liftLimits(String reason) {
      requireReason(reason);
      extra.add("# " + reason);
      extra.add("max_inflight_messages 0");
      extra.add("max_queued_messages 0");
      extra.add("max_queued_bytes 0");
      return this;
    }

    /**
     * One of the shipped limits set to a value of the test's choosing, such as
     * {@code limit("max_inflight_messages", "5", why)} for a test about the Receive Maximum the
     * broker announces from it, or {@code max_packet_size} for its Maximum Packet Size: for tests
     * about that limit itself, which say so in {@code reason}.
     *
     * @param reason why the test needs it, for the reader of the generated config
     */
    public Builder limit(String key, String value, String reason) {
      requireReason(reason);
      if (!LIMITS.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' is not a limit; use extraConfig");
      }
      extra.add("# " + reason);
      extra.add(key + " " + value);
      return this;
    }

    private static void requireReason(String reason) {
      if (reason == null || reason.trim().isEmpty()) {
        throw new IllegalArgumentException("say why the test lifts a limit of the shipped broker");
      }
    }

    public Mosquitto start() throws IOException, InterruptedException {
      Mosquitto m = new Mosquitto(this);
      try {
        m.launch();
      } catch (IOException | RuntimeException e) {
        try {
          m.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return m;
    }
  }
}
