package dev.wren.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles. Stateless. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  static double median(List<Double> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("median of no values");
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100) of {@code values}. */
  static long percentile(long[] values, double p) {
    if (values.length == 0) throw new IllegalArgumentException("percentile of no values");
    if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
