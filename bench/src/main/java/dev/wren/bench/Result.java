package dev.wren.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the report: a workload measured for several libraries, each value the median of its
 * repetitions. Library keys are {@link #WREN}, {@link #PAHO}, {@link #HIVEMQ} and {@link #RAW}
 * (the raw ceiling); a library that cannot run the workload is absent, and {@code note} says why.
 */
public record Result(String section, String workload, String unit, boolean higherIsBetter,
    Map<String, Double> byLibrary, String note) {
  public static final String WREN = "Wren";
  public static final String PAHO = "Paho";
  public static final String HIVEMQ = "HiveMQ";
  public static final String RAW = "raw";

  public Result {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(unit, "unit");
    byLibrary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLibrary));
    note = note == null ? "" : note;
  }

  /** Wren's value divided by the better peer's (Paho or HiveMQ), oriented so that > 1 means Wren wins. */
  public Double ratioToBestPeer() {
    Double wren = byLibrary.get(WREN);
    Double best = null;
    for (String peer : new String[] {PAHO, HIVEMQ}) {
      Double v = byLibrary.get(peer);
      if (v == null) continue;
      if (best == null || (higherIsBetter ? v > best : v < best)) best = v;
    }
    if (wren == null || best == null || wren == 0 || best == 0) return null;
    return higherIsBetter ? wren / best : best / wren;
  }

  /**
   * Wren's value divided by {@code library}'s, oriented so that > 1 means Wren wins; null when
   * either is missing or zero.
   */
  public Double ratioTo(String library) {
    Double wren = byLibrary.get(WREN);
    Double other = byLibrary.get(library);
    if (wren == null || other == null || wren == 0 || other == 0) return null;
    return higherIsBetter ? wren / other : other / wren;
  }

  /** This row with {@code more} added to its note (after a "; " when the note is not empty). */
  public Result withNote(String more) {
    if (more == null || more.isEmpty()) return this;
    return new Result(section, workload, unit, higherIsBetter, byLibrary,
        note.isEmpty() ? more : note + "; " + more);
  }
}
