package dev.wren.bench.footprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK with virtual threads (feature version 21 or later) for the footprint rows that need
 * one: {@code -Dwren.bench.jdk21=JAVA_HOME}, else the newest under {@code /usr/lib/jvm} by its
 * {@code release} file. Stateless.
 */
final class Jdks {
  static final Path DEFAULT_ROOT = Path.of("/usr/lib/jvm");

  private Jdks() {}

  /** A JDK found, its {@code bin/java} and feature version. */
  record Jdk(Path java, int feature, String version) {}

  /** The newest JDK 21+ the system property names or {@code root} holds; null when none. */
  static Jdk withVirtualThreads(Path root) throws IOException {
    String given = System.getProperty("wren.bench.jdk21");
    if (given != null) {
      Jdk jdk = read(Path.of(given));
      if (jdk == null || jdk.feature() < 21) {
        throw new IllegalStateException("-Dwren.bench.jdk21=" + given + " is not a JDK 21 or later"
            + " (no bin/java, or its release file says otherwise)");
      }
      return jdk;
    }
    if (!Files.isDirectory(root)) return null;
    Jdk best = null;
    try (Stream<Path> homes = Files.list(root)) {
      for (Path home : (Iterable<Path>) homes.sorted()::iterator) {
        Jdk jdk = read(home);
        if (jdk != null && jdk.feature() >= 21 && (best == null || jdk.feature() > best.feature())) best = jdk;
      }
    }
    return best;
  }

  /** The JDK at {@code home} from its release file, or null when it has none or no java. */
  static Jdk read(Path home) throws IOException {
    Path release = home.resolve("release");
    Path java = home.resolve("bin").resolve("java");
    if (!Files.isRegularFile(release) || !Files.isExecutable(java)) return null;
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      p.load(in);
    }
    String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
    String major = version.split("[.+-]", 2)[0];
    if (!major.matches("[0-9]+")) return null;
    int feature = Integer.parseInt(major);
    // Java 8 and older call themselves 1.x.
    return new Jdk(java, feature == 1 ? 8 : feature, version);
  }
}
