package dev.wren.bench;

import java.util.List;

/**
 * A part of the report that produces rows. Immutable.
 *
 * @param name the section's name, what {@code --only} matches for a {@link #whole} section
 * @param choosesWorkloads true when the body asks {@link RunContext#selects} per workload itself;
 *     false when the harness runs it only if {@code --only} is absent or matches {@code name}
 */
public record Section(String name, boolean choosesWorkloads, Body body) {
  /** Measures and returns the section's rows. */
  public interface Body {
    List<Result> run(RunContext ctx) throws Exception;
  }

  /** A section that runs as a whole, e.g. {@code Section.whole("footprint", ctx -> ...)}. */
  public static Section whole(String name, Body body) {
    return new Section(name, false, body);
  }

  static Section perWorkload(String name, Body body) {
    return new Section(name, true, body);
  }

  boolean selected(BenchOptions options) {
    return choosesWorkloads || options.selects(name);
  }
}
