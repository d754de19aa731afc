package dev.wren.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The command line of the harness. Immutable.
 *
 * @param out where the report goes (markdown; the chart next to it), or null for stdout only
 * @param only measure only what this matches (case-insensitive, anywhere in "section: workload"),
 *     or null for everything
 * @param args the arguments as given, for the report's "command" line
 */
public record BenchOptions(boolean smoke, int reps, Path out, Pattern only, List<String> args) {
  static final String USAGE = "usage: java -jar bench/target/wren-bench.jar [--smoke] [--reps N]"
      + " [--out FILE.md] [--only PATTERN]\n"
      + "  --smoke        tiny counts, 1 repetition (what the build's smoke test runs)\n"
      + "  --reps N       repetitions of each measurement, 1..50 (default 5, 1 with --smoke)\n"
      + "  --out FILE.md  write the report there and the chart next to it (default docs/benchmarks.md;\n"
      + "                 with --only, stdout only unless --out is given)\n"
      + "  --only REGEX   run only the workloads whose \"section: workload\" matches, e.g. 'QoS 0'";

  public BenchOptions {
    if (reps < 1 || reps > 50) throw new IllegalArgumentException("--reps must be 1..50: " + reps);
    args = List.copyOf(args);
  }

  /** Parses the command line; the message of the exception says what is wrong and shows the usage. */
  public static BenchOptions parse(String... args) {
    boolean smoke = false;
    Integer reps = null;
    Path out = null;
    Pattern only = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--smoke" -> smoke = true;
        case "--reps" -> {
          String value = value(args, ++i, arg);
          try {
            reps = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--reps needs a number: " + value + "\n" + USAGE, e);
          }
        }
        case "--out" -> out = Paths.get(value(args, ++i, arg));
        case "--only" -> {
          String value = value(args, ++i, arg);
          try {
            only = Pattern.compile(value, Pattern.CASE_INSENSITIVE);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--only needs a regular expression: " + value + "\n" + USAGE, e);
          }
        }
        default -> throw new IllegalArgumentException("unknown argument: " + arg + "\n" + USAGE);
      }
    }
    if (out == null && only == null) out = Paths.get("docs", "benchmarks.md");
    return new BenchOptions(smoke, reps != null ? reps : smoke ? 1 : 5, out, only, Arrays.asList(args));
  }

  /** Whether {@code --only} lets this "section: workload" (or section name) run. */
  public boolean selects(String id) {
    return only == null || only.matcher(id).find();
  }

  /** The chart's path: the report's name with "-throughput.svg" instead of ".md". */
  public Path chart() {
    if (out == null) return null;
    String name = out.getFileName().toString();
    String stem = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    return out.resolveSibling(stem + "-throughput.svg");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    return args[i];
  }
}
