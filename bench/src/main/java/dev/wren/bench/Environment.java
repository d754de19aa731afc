package dev.wren.bench;

import dev.wren.bench.broker.MosquittoBroker;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a run happened, for the report: machine, JVM, library versions, Mosquitto's
 * version, the file system the durable runs wrote to. Immutable.
 */
record Environment(String machine, String jvm, String versions, String scratch) {
  static Environment describe(Path scratch) throws IOException, InterruptedException {
    Properties v = new Properties();
    try (InputStream in = Environment.class.getResourceAsStream("versions.properties")) {
      if (in == null) throw new IOException("versions.properties is missing from the bench jar; rebuild it");
      v.load(in);
    }
    String versions = "Wren " + v.getProperty("wren") + gitRevision() + ", Paho "
        + v.getProperty("paho") + ", HiveMQ client " + v.getProperty("hivemq") + ", "
        + MosquittoBroker.version();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String machine = String.format(Locale.ROOT, "%d cores%s, %.1f GiB RAM, %s %s %s",
        Runtime.getRuntime().availableProcessors(), cpuModel(),
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
        + (flags.isEmpty() ? "" : ", flags " + String.join(" ", flags));
    String fs = scratch + " (" + Files.getFileStore(scratch).type() + ")";
    return new Environment(machine, jvm, versions, fs);
  }

  /** The 1-minute load average from /proc/loadavg, or null where there is none (not Linux). */
  static String loadAverage() throws IOException {
    Path loadavg = Paths.get("/proc/loadavg");
    if (!Files.isReadable(loadavg)) return null;
    String text = new String(Files.readAllBytes(loadavg), StandardCharsets.US_ASCII).trim();
    return text.split(" ")[0];
  }

  /** " (model name)" from /proc/cpuinfo, or "" where there is none (not Linux). */
  private static String cpuModel() throws IOException {
    Path cpuinfo = Paths.get("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) return "";
    for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
      if (line.startsWith("model name")) return " (" + line.substring(line.indexOf(':') + 1).trim() + ")";
    }
    return "";
  }

  /** " at abc1234" (with "-dirty" for local changes) when run inside a git checkout, else "". */
  private static String gitRevision() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "describe", "--always", "--dirty", "--exclude", "*"));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException noGit) {
      return ""; // no git on this machine: the report simply names no revision
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "";
    }
    return p.exitValue() == 0 && !out.isEmpty() ? " at " + out : "";
  }
}
