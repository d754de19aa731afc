package dev.wren.bench.footprint;

import dev.wren.bench.Result;
import dev.wren.mqtt.MqttClient;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each library's runtime jars are: {@code bench/target/libs/<library>/}, filled by the
 * maven-dependency-plugin before the tests (bench/pom.xml), and, for Wren, the sdk jar the reactor
 * built ({@code sdk/target/wren-mqtt-VERSION.jar}), which is not copied because the reactor may
 * not have packaged it when the bench module resolves its dependencies. Both locations can be given
 * explicitly with {@code -Dwren.bench.libs=DIR} and {@code -Dwren.sdk.jar=FILE}. Stateless.
 */
final class Libraries {
  private Libraries() {}

  /** {@code bench/target/libs}, found next to the bench's classes or the shaded wren-bench.jar. */
  static Path libsDir() {
    String given = System.getProperty("wren.bench.libs");
    Path dir = given != null ? Path.of(given) : benchTarget().resolve("libs");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no library jars in " + dir + ": build the bench with"
          + " `mvn -pl bench -am package` (or pass -Dwren.bench.libs=DIR)");
    }
    return dir;
  }

  /** The runtime jars of {@code library} (a {@link Result} key), the sdk jar included for Wren. */
  static List<Path> runtimeJars(String library) throws IOException {
    Path dir = libsDir().resolve(library);
    List<Path> jars = new ArrayList<>();
    if (library.equals(Result.WREN)) jars.add(sdkJar());
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException("no jars for " + library + " in " + dir
          + ": build the bench with `mvn -pl bench -am package`", e);
    }
    return jars;
  }

  static long totalBytes(List<Path> files) throws IOException {
    long sum = 0;
    for (Path f : files) sum += Files.size(f);
    return sum;
  }

  static String classPath(List<Path> entries) {
    StringBuilder cp = new StringBuilder();
    for (Path p : entries) {
      if (cp.length() > 0) cp.append(File.pathSeparatorChar);
      cp.append(p.toAbsolutePath());
    }
    return cp.toString();
  }

  /**
   * The sdk jar: {@code -Dwren.sdk.jar}, else the jar {@link MqttClient} was loaded from when that
   * is the sdk's own jar, else {@code wren-mqtt-*.jar} in the sdk's target directory beside the
   * bench's (from {@code sdk/target/classes} or {@code bench/target/...}).
   */
  static Path sdkJar() throws IOException {
    String given = System.getProperty("wren.sdk.jar");
    if (given != null) return existing(Path.of(given));
    Path source = codeSource(MqttClient.class);
    if (isSdkJar(source)) return source;
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(source)) candidates.add(source.getParent()); // sdk/target/classes
    candidates.add(benchTarget().getParent().getParent().resolve("sdk").resolve("target"));
    for (Path dir : candidates) {
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> files = Files.list(dir)) {
        Path jar = files.filter(Libraries::isSdkJar).findFirst().orElse(null);
        if (jar != null) return jar;
      }
    }
    throw new IllegalStateException("the sdk jar (wren-mqtt-*.jar) is not in " + candidates
        + ": build it with `mvn -pl bench -am package` or pass -Dwren.sdk.jar=FILE");
  }

  private static boolean isSdkJar(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith("wren-mqtt-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
        && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar") && Files.isRegularFile(p);
  }

  /** bench/target: the parent of bench/target/classes or of bench/target/wren-bench.jar. */
  private static Path benchTarget() {
    return codeSource(Libraries.class).getParent();
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "cannot tell where " + type.getName() + " was loaded from", e);
    }
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) throw new IllegalStateException("no such file: " + p);
    return p;
  }
}
