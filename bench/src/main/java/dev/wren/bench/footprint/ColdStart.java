package dev.wren.bench.footprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start, whole process: from {@link ProcessBuilder#start()} of a fresh JVM to the line its
 * {@link ColdStartChild} prints once the broker acknowledged its first QoS 1 message. Each child's
 * class path is its library's runtime jars alone plus a directory holding only the child's own
 * classes (copied out of the bench's classes or jar), so no library sees another's jars.
 * Not thread-safe.
 */
final class ColdStart {
  /** The classes a cold-start child loads from the bench: the main and the per-library helpers. */
  private static final List<Class<?>> CHILD_CLASSES =
      List.of(ColdStartChild.class, WrenClients.class, PahoClients.class, HiveMqClients.class);

  private ColdStart() {}

  /**
   * Median milliseconds per library over {@code repetitions}, the libraries taking turns within
   * each repetition so that a slow spell of the machine does not fall on one library only.
   */
  static Map<String, Double> medianMillis(List<String> libraries, String uri, int repetitions,
      Path workDir) throws IOException, InterruptedException {
    Path classes = copyChildClasses(workDir.resolve("cold-start-classes"));
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    for (String library : libraries) samples.put(library, new ArrayList<>());
    for (int r = 0; r < repetitions; r++) {
      for (String library : libraries) {
        List<Path> cp = new ArrayList<>();
        cp.add(classes);
        cp.addAll(Libraries.runtimeJars(library));
        ChildJvm.Report report = new ChildJvm(Libraries.classPath(cp), List.of(),
            ColdStartChild.class, library, uri).timeoutSeconds(60).runUntil(ColdStartChild.ACKED);
        samples.get(library).add(report.nanosToLine() / 1e6);
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    samples.forEach((library, values) -> medians.put(library, Stats.median(values)));
    return medians;
  }

  private static Path copyChildClasses(Path dir) throws IOException {
    for (Class<?> type : CHILD_CLASSES) {
      String resource = type.getName().replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("class file not found: " + resource);
        Files.copy(in, target);
      }
    }
    return dir;
  }
}
