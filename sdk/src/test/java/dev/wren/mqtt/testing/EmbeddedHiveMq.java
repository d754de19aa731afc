package dev.wren.mqtt.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition (embedded, in-process) on 127.0.0.1 and a free port, optionally with a
 * WebSocket listener on another free port at {@value #WEBSOCKET_PATH}. The second real broker of
 * the tests, next to {@link Mosquitto}: full MQTT 3.1.1 and 5.0.
 *
 * <p>The generated {@code config.xml} has the listeners and turns anonymous usage statistics off
 * (HiveMQ's shipped {@code config.xml} turns them on; CE has no update check); nothing else, so
 * every limit and the persistence mode (file) are HiveMQ's shipped ones. Among them, for MQTT 5:
 * Receive Maximum 10, Topic Alias Maximum 5, Maximum Packet Size 268,435,460, session and message
 * expiry up to 4,294,967,296 s, 1,000 queued messages per client (then discarded), maximum QoS 2.
 *
 * <p>Config, data and extension folders live in a fresh temp directory ({@link #directory()}),
 * deleted by {@link #close()}. HiveMQ logs through logback ({@code logback-test.xml}: warnings on
 * the console, {@code com.hivemq} at INFO, or {@code -Dwren.hivemq.log=DEBUG}); each broker also
 * writes what {@code com.hivemq} logs while it runs to {@code hivemq.log} there, which
 * {@link #log()} returns for failure messages.
 *
 * <p>{@link #stop()} and {@link #start()} (or {@link #restart()}) stop the broker and start a new
 * one on the same ports and data folder: file persistence keeps sessions, subscriptions and
 * queued messages across it, like a graceful restart of a deployed broker. Run one at a time per
 * JVM: HiveMQ CE keeps static state.
 */
public final class EmbeddedHiveMq implements AutoCloseable {
  /** The path of the WebSocket listener (HiveMQ's default, set explicitly). */
  public static final String WEBSOCKET_PATH = "/mqtt";
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Path dir;
  private final Path configFolder;
  private final Path dataFolder;
  private final Path extensionsFolder;
  private final Path logFile;
  private final int port;
  private final int wsPort;
  private EmbeddedHiveMQ hivemq;
  private FileAppender<ILoggingEvent> appender;
  private long lastStartMillis;
  private long lastStopMillis;

  private EmbeddedHiveMq(boolean websocket) throws IOException {
    dir = Files.createTempDirectory("wren-hivemq-");
    configFolder = Files.createDirectory(dir.resolve("conf"));
    dataFolder = Files.createDirectory(dir.resolve("data"));
    extensionsFolder = Files.createDirectory(dir.resolve("extensions"));
    logFile = dir.resolve("hivemq.log");
    port = freePort();
    wsPort = websocket ? freePort() : -1;
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n");
    xml.append("    <tcp-listener>\n      <port>").append(port)
        .append("</port>\n      <bind-address>127.0.0.1</bind-address>\n    </tcp-listener>\n");
    if (websocket) {
      xml.append("    <websocket-listener>\n      <port>").append(wsPort)
          .append("</port>\n      <bind-address>127.0.0.1</bind-address>\n      <path>")
          .append(WEBSOCKET_PATH).append("</path>\n    </websocket-listener>\n");
    }
    xml.append("  </listeners>\n");
    xml.append("  <anonymous-usage-statistics>\n    <enabled>false</enabled>\n"
        + "  </anonymous-usage-statistics>\n");
    xml.append("</hivemq>\n");
    Files.writeString(configFolder.resolve("config.xml"), xml.toString());
  }

  /** A broker with a TCP listener only. */
  public static EmbeddedHiveMq startTcp() throws IOException {
    return started(new EmbeddedHiveMq(false));
  }

  /** A broker with a TCP and a WebSocket listener ({@link #webSocketUri()}). */
  public static EmbeddedHiveMq startWithWebSocket() throws IOException {
    return started(new EmbeddedHiveMq(true));
  }

  private static EmbeddedHiveMq started(EmbeddedHiveMq b) throws IOException {
    try {
      b.start();
      return b;
    } catch (IOException | RuntimeException e) {
      try {
        b.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  /**
   * Starts a new HiveMQ on this fixture's ports and folders and waits until every listener
   * accepts connections. Does nothing while running.
   */
  public synchronized void start() throws IOException {
    if (hivemq != null) return;
    long t0 = System.nanoTime();
    attachLogFile();
    EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(configFolder)
        .withDataFolder(dataFolder)
        .withExtensionsFolder(extensionsFolder)
        .build();
    hivemq = h;
    try {
      h.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      awaitListening(port);
      if (wsPort > 0) awaitListening(wsPort);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(e);
      throw new IOException("interrupted while HiveMQ started", e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      IOException failure = new IOException("HiveMQ did not start on port " + port
          + (wsPort > 0 ? " and WebSocket port " + wsPort : "") + ": " + e + "\n" + log(), e);
      stopQuietly(failure);
      throw failure;
    }
    lastStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static void awaitListening(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    }
  }

  private void stopQuietly(Exception cause) {
    try {
      stop();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Stops the broker gracefully (it closes every connection and its persistence) and waits until
   * it has: about 4 s, most of it HiveMQ's own shutdown waits. Does nothing while stopped.
   */
  public synchronized void stop() {
    if (hivemq == null) return;
    long t0 = System.nanoTime();
    EmbeddedHiveMQ h = hivemq;
    hivemq = null;
    try {
      h.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      h.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while HiveMQ stopped", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("HiveMQ did not stop: " + e + "\n" + log(), e);
    } finally {
      detachLogFile();
    }
    lastStopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  /** {@link #stop()}, then {@link #start()} on the same ports and data folder. */
  public synchronized void restart() throws IOException {
    stop();
    start();
  }

  public synchronized boolean isRunning() {
    return hivemq != null;
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:PORT}. */
  public String serverUri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The WebSocket listener's port; needs {@link #startWithWebSocket()}. */
  public int webSocketPort() {
    if (wsPort < 0) {
      throw new IllegalStateException("no WebSocket listener: use startWithWebSocket()");
    }
    return wsPort;
  }

  /** {@code ws://127.0.0.1:WSPORT/mqtt}; needs {@link #startWithWebSocket()}. */
  public String webSocketUri() {
    return "ws://127.0.0.1:" + webSocketPort() + WEBSOCKET_PATH;
  }

  /** The temp directory with {@code conf/}, {@code data/}, {@code extensions/}, {@code hivemq.log}. */
  public Path directory() {
    return dir;
  }

  /** How long the last {@link #start()} took, in milliseconds. */
  public long lastStartMillis() {
    return lastStartMillis;
  }

  /** How long the last {@link #stop()} took, in milliseconds. */
  public long lastStopMillis() {
    return lastStopMillis;
  }

  /** What {@code com.hivemq} logged while this fixture's brokers ran, for failure messages. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  private void attachLogFile() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36}: %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> a = new FileAppender<>();
    a.setContext(ctx);
    a.setName("wren-hivemq-" + port);
    a.setFile(logFile.toString());
    a.setAppend(true);
    a.setEncoder(encoder);
    a.start();
    ctx.getLogger("com.hivemq").addAppender(a);
    appender = a;
  }

  private void detachLogFile() {
    if (appender == null) return;
    Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("com.hivemq");
    logger.detachAppender(appender);
    appender.stop();
    appender = null;
  }

  /** Stops the broker and deletes its temp directory. */
  @Override public void close() {
    try {
      stop();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override public String toString() {
    return "EmbeddedHiveMq{" + serverUri() + (wsPort > 0 ? ", " + webSocketUri() : "")
        + ", dir=" + dir + "}";
  }
}
