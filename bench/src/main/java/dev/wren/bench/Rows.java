package dev.wren.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Turns samples into report rows: one median per library, libraries in report order. Stateless. */
final class Rows {
  /** The column order of the report. */
  static final List<String> LIBRARIES = List.of(Result.WREN, Result.PAHO, Result.HIVEMQ, Result.RAW);

  private Rows() {}

  /** The median of {@code metric} over each library's samples. */
  static Map<String, Double> medians(List<Sample> samples, ToDoubleFunction<Sample> metric) {
    Map<String, Double> medians = new LinkedHashMap<>();
    for (String library : LIBRARIES) {
      List<Double> values = new ArrayList<>();
      for (Sample s : samples) if (s.library().equals(library)) values.add(metric.applyAsDouble(s));
      if (!values.isEmpty()) medians.put(library, Stats.median(values));
    }
    return medians;
  }

  /** Says which libraries lost QoS 0 messages or got duplicates, worst repetition; "" if none. */
  static String lossNote(List<Sample> samples) {
    List<String> parts = new ArrayList<>();
    for (String library : LIBRARIES) {
      Sample worst = null;
      int duplicates = 0;
      for (Sample s : samples) {
        if (!s.library().equals(library)) continue;
        if (s.lost() > 0 && (worst == null || s.lost() > worst.lost())) worst = s;
        duplicates = Math.max(duplicates, s.duplicates());
      }
      if (worst != null) {
        parts.add(String.format(Locale.ROOT, "%s lost %,d of %,d", library, worst.lost(), worst.published()));
      }
      if (duplicates > 0) parts.add(String.format(Locale.ROOT, "%s got %,d duplicates", library, duplicates));
    }
    return parts.isEmpty() ? "" : "QoS " + samples.get(0).workload().qos() + ": " + String.join(", ", parts)
        + " (worst repetition)";
  }

  /** Joins the non-empty parts with "; ". */
  static String note(String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) if (p != null && !p.isEmpty()) kept.add(p);
    return String.join("; ", kept);
  }

  /**
   * Warns when one library's repetitions differ by more than half ({@code max > 1.5 * min}), which
   * on a shared machine means the median is shaky; "" otherwise.
   */
  static String spreadNote(List<Sample> samples, ToDoubleFunction<Sample> metric, String unit) {
    List<String> parts = new ArrayList<>();
    for (String library : LIBRARIES) {
      double min = Double.MAX_VALUE;
      double max = 0;
      for (Sample s : samples) {
        if (!s.library().equals(library)) continue;
        double v = metric.applyAsDouble(s);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (max > 0 && max > 1.5 * min) {
        parts.add(library + " " + MarkdownReport.number(min) + "–" + MarkdownReport.number(max));
      }
    }
    return parts.isEmpty() ? "" : "noisy, repetitions ranged " + String.join(", ", parts) + " " + unit;
  }
}
