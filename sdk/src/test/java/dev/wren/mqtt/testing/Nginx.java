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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * nginx as a child process: a WebSocket reverse proxy on a free loopback port that passes
 * {@link #PATH} to a WebSocket server on 127.0.0.1, as a site in front of a broker would. The
 * config is generated in a fresh temp directory with {@code daemon off}, and the pid file, temp
 * directories and logs there. Call {@link #assumeAvailable()} first: it skips the test where
 * nginx is not installed, except on CI ({@code CI=true}) where it fails.
 */
public final class Nginx implements AutoCloseable {
  /** The location proxied to the upstream WebSocket server. */
  public static final String PATH = "/mqtt";
  private static final long START_TIMEOUT_MILLIS = 5_000;

  private final Path dir;
  private final Path config;
  private final int port;
  private final Process process;

  private Nginx(int upstreamPort) throws IOException, InterruptedException {
    this.dir = Files.createTempDirectory("wren-nginx-");
    this.config = dir.resolve("nginx.conf");
    this.port = freePort();
    boolean root = "root".equals(System.getProperty("user.name"));
    String conf = String.join("\n",
        "daemon off;",
        // Started as root, nginx's workers would switch to nobody, who cannot write here.
        root ? "user root;" : "",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " info;",
        "events { worker_connections 64; }",
        "http {",
        "  access_log " + dir.resolve("access.log") + ";",
        "  client_body_temp_path " + dir.resolve("client_body") + ";",
        "  proxy_temp_path " + dir.resolve("proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("scgi") + ";",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    location " + PATH + " {",
        "      proxy_pass http://127.0.0.1:" + upstreamPort + ";",
        "      proxy_http_version 1.1;",
        "      proxy_set_header Upgrade $http_upgrade;",
        "      proxy_set_header Connection \"upgrade\";",
        "      proxy_set_header Host $host;",
        "      proxy_read_timeout 1h;",
        "    }",
        "  }",
        "}",
        "");
    Files.writeString(config, conf);
    // -e: the error log before the config is read, which would otherwise be /var/log/nginx.
    this.process = new ProcessBuilder(executable(), "-p", dir.toString(), "-c", config.toString(),
        "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile()))
        .start();
    awaitListening();
  }

  /** Starts nginx proxying {@link #PATH} to the WebSocket server on 127.0.0.1:{@code upstreamPort}. */
  public static Nginx proxyWebSocket(int upstreamPort) throws IOException, InterruptedException {
    return new Nginx(upstreamPort);
  }

  /** The nginx executable, or null when it is not installed. */
  public static String executable() {
    if (new File("/usr/sbin/nginx").canExecute()) return "/usr/sbin/nginx";
    return Mosquitto.onPath("nginx");
  }

  /** Skips the test unless nginx is installed; on CI ({@code CI=true}) fails instead. */
  public static void assumeAvailable() {
    if (executable() != null) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("nginx is not installed; CI must run the nginx tests (apt-get install -y nginx)");
    }
    Assumptions.abort("nginx is not installed (apt-get install -y nginx)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          String log = log();
          close();
          throw new IOException("nginx exited with " + process.exitValue()
              + " before listening on port " + port + "\n" + log);
        }
        if (System.currentTimeMillis() > deadline) {
          String log = log();
          close();
          throw new IOException("nginx did not listen on port " + port + " within "
              + START_TIMEOUT_MILLIS + " ms\n" + log);
        }
        Thread.sleep(20);
      }
    }
  }

  public int port() {
    return port;
  }

  /** {@code ws://127.0.0.1:PORT/mqtt}. */
  public String wsUri() {
    return "ws://127.0.0.1:" + port + PATH;
  }

  /** What nginx printed and its error and access logs, for diagnostics and assertions. */
  public String log() {
    StringBuilder sb = new StringBuilder();
    for (String name : new String[] {"nginx.out", "error.log", "access.log"}) {
      Path p = dir.resolve(name);
      try {
        if (Files.exists(p)) sb.append(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        sb.append("(cannot read ").append(p).append(": ").append(e).append(")\n");
      }
    }
    return sb.toString();
  }

  /** The access log alone: one line per request nginx proxied, once the request has ended. */
  public String accessLog() throws IOException {
    Path p = dir.resolve("access.log");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  /** Stops nginx (SIGTERM: a fast shutdown; SIGKILL after 5 s) and deletes its directory. */
  @Override public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      // Workers outlive a killed master; kill them first.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override public String toString() {
    return "Nginx{" + wsUri() + ", dir=" + dir + "}";
  }
}
