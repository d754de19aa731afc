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
 * And of issue #11: durable {@code ALWAYS} with one publisher at least 85 % of the disk row;
 * CPU time and allocation per message at most half the better peer's.
 */
final class Targets {
  private Targets() {}

  static List<Result> annotate(List<Result> rows) {
    Double wrenMemoryQos1 = null;
    Double wrenMemoryQos2 = null;
    Double disk = null;
    Double diskBesideStream = null;
    Double wrenAlwaysQos1 = null;
    for (Result r : rows) {
      if (r.section().equals(ThroughputSection.SECTION) && r.workload().equals("QoS 1, 64 B")) {
        wrenMemoryQos1 = r.byLibrary().get(Result.WREN);
      }
      if (r.section().equals(ThroughputSection.SECTION) && r.workload().equals("QoS 2, 64 B")) {
        wrenMemoryQos2 = r.byLibrary().get(Result.WREN);
      }
      if (r.section().equals(DurableSection.SECTION) && r.workload().equals(DurableSection.DISK)) {
        disk = r.byLibrary().get(Result.RAW);
      }
      if (r.section().equals(DurableSection.SECTION) && r.workload().equals(DurableSection.DISK_BESIDE_STREAM)) {
        diskBesideStream = r.byLibrary().get(Result.RAW);
      }
      if (r.section().equals(DurableSection.SECTION) && r.workload().equals("QoS 1, 64 B, " + DurableSection.ALWAYS)) {
        wrenAlwaysQos1 = r.byLibrary().get(Result.WREN);
      }
    }
    List<Result> annotated = new ArrayList<>();
    for (Result r : rows) {
      List<String> notes = new ArrayList<>();
      if (r.section().equals(ThroughputSection.SECTION)) {
        notes.add(check("Wren/best peer", r.ratioToBestPeer(), 1.5));
        if (r.workload().startsWith("QoS 0")) notes.add(check("Wren/raw", r.ratioTo(Result.RAW), 0.7));
        notes.add(ceiling(r));
      } else if (r.section().equals(DurableSection.SECTION)) {
        Double wren = r.byLibrary().get(Result.WREN);
        boolean several = r.workload().contains(" publishers");
        boolean qos1 = r.workload().startsWith("QoS 1");
        if (r.workload().endsWith(DurableSection.ALWAYS) && several) {
          notes.add(plain("Wren/disk", divide(wren, disk)));
          notes.add(plain("Wren " + DurableSection.PUBLISHERS + " publishers/1 publisher", divide(wren, wrenAlwaysQos1)));
        } else if (r.workload().endsWith(DurableSection.ALWAYS)) {
          if (qos1) notes.add(check("Wren/Paho", r.ratioTo(Result.PAHO), 10));
          notes.add(check("Wren/disk", divide(wren, disk), 0.85));
          if (qos1) notes.add(plain("Wren/disk beside the stream", divide(wren, diskBesideStream)));
        } else if (r.workload().endsWith(DurableSection.BATCH) && qos1) {
          notes.add(check("BATCH/Wren in-memory QoS 1", divide(wren, wrenMemoryQos1), 0.9));
        } else if (r.workload().endsWith(DurableSection.BATCH)) {
          notes.add(plain("BATCH/Wren in-memory QoS 2", divide(wren, wrenMemoryQos2)));
        }
      } else if (r.section().equals(ThroughputSection.EFFICIENCY)) {
        notes.add(checkAtMost("Wren/best peer", r.ratioToBestPeer() == null ? null : 1 / r.ratioToBestPeer(), 0.5));
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

  private static Double divide(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  /** "Wren/disk 0.93" with no target; "" without a ratio. */
  static String plain(String what, Double ratio) {
    return ratio == null ? "" : String.format(Locale.ROOT, "%s %.2f", what, ratio);
  }

  /** "Wren/best peer 0.42 (target ≤ 0.50: met)" or "... missed by 0.10)"; "" without a ratio. */
  static String checkAtMost(String what, Double ratio, double target) {
    if (ratio == null) return "";
    String verdict = ratio <= target ? "met" : String.format(Locale.ROOT, "missed by %.2f", ratio - target);
    return String.format(Locale.ROOT, "%s %.2f (target ≤ %.2f: %s)", what, ratio, target, verdict);
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
