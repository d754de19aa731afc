package dev.wren.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of issue #4 for the rows this harness measures, checked against one run and written
 * into each row's note ("met" or "missed by how much"). Stateless.
 *
 * <ul>
 *   <li>every throughput row: Wren at least 1.5 times the better peer;
 *   <li>QoS 0 throughput: Wren at least 70 % of the raw ceiling;
 *   <li>durable QoS 1: {@code ALWAYS} at least 10 times Paho's file persistence, {@code BATCH} at
 *       least 90 % of Wren's own in-memory QoS 1 (64 B).
 * </ul>
 */
final class Targets {
  private Targets() {}

  static List<Result> annotate(List<Result> rows) {
    Double wrenMemoryQos1 = null;
    for (Result r : rows) {
      if (r.section().equals(ThroughputSection.SECTION) && r.workload().equals("QoS 1, 64 B")) {
        wrenMemoryQos1 = r.byLibrary().get(Result.WREN);
      }
    }
    List<Result> annotated = new ArrayList<>();
    for (Result r : rows) {
      List<String> notes = new ArrayList<>();
      if (r.section().equals(ThroughputSection.SECTION)) {
        notes.add(check("Wren/best peer", r.ratioToBestPeer(), 1.5));
        if (r.workload().startsWith("QoS 0")) notes.add(check("Wren/raw", r.ratioTo(Result.RAW), 0.7));
        notes.add(ceiling(r));
      } else if (r.section().equals(DurableSection.SECTION) && r.workload().startsWith("QoS 1")) {
        if (r.workload().endsWith(DurableSection.ALWAYS)) {
          notes.add(check("Wren/Paho", r.ratioTo(Result.PAHO), 10));
        } else if (r.workload().endsWith(DurableSection.BATCH)) {
          Double wren = r.byLibrary().get(Result.WREN);
          Double ratio = wren == null || wrenMemoryQos1 == null || wrenMemoryQos1 == 0 ? null : wren / wrenMemoryQos1;
          notes.add(check("BATCH/Wren in-memory QoS 1", ratio, 0.9));
        }
      }
      notes.removeIf(String::isEmpty);
      String targets = String.join("; ", notes);
      Result base = new Result(r.section(), r.workload(), r.unit(), r.higherIsBetter(), r.byLibrary(), targets);
      annotated.add(base.withNote(r.note()));
    }
    return annotated;
  }

  /**
   * How far above the better peer the raw ceiling is, i.e. the most Wren/best peer could be if
   * Wren matched the ceiling: "raw/best peer 1.22"; "" without both values.
   */
  static String ceiling(Result r) {
    Double raw = r.byLibrary().get(Result.RAW);
    Double best = null;
    for (String peer : new String[] {Result.PAHO, Result.HIVEMQ}) {
      Double v = r.byLibrary().get(peer);
      if (v != null && (best == null || v > best)) best = v;
    }
    if (raw == null || best == null || best == 0) return "";
    return String.format(Locale.ROOT, "raw/best peer %.2f", raw / best);
  }

  /** "Wren/raw 0.82 (target 0.70: met)" or "... (target 1.50: missed by 0.38)"; "" without a ratio. */
  static String check(String what, Double ratio, double target) {
    if (ratio == null) return "";
    String verdict = ratio >= target
        ? "met"
        : String.format(Locale.ROOT, "missed by %.2f", target - ratio);
    return String.format(Locale.ROOT, "%s %.2f (target %.2f: %s)", what, ratio, target, verdict);
  }
}
