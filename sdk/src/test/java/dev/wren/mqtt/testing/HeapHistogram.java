package dev.wren.mqtt.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd PID GC.class_histogram} prints them: the
 * diagnostic command runs a full collection first, so only what is reachable counts. Immutable.
 */
public final class HeapHistogram {
  private static final Pattern ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

  private final Map<String, Long> bytesByClass;
  private final Map<String, Long> instancesByClass;
  private final long totalBytes;

  private HeapHistogram(Map<String, Long> bytesByClass, Map<String, Long> instancesByClass,
      long totalBytes) {
    this.bytesByClass = bytesByClass;
    this.instancesByClass = instancesByClass;
    this.totalBytes = totalBytes;
  }

  /**
   * Takes histograms until two in a row agree within 1 KB (reference handlers and cleaners run
   * between the collections), at most ten.
   */
  public static HeapHistogram settled() throws Exception {
    HeapHistogram previous = take();
    for (int i = 0; i < 10; i++) {
      Thread.sleep(50);
      HeapHistogram next = take();
      if (Math.abs(next.totalBytes - previous.totalBytes) < 1024) return next;
      previous = next;
    }
    return previous;
  }

  /** One histogram of the live heap. */
  public static HeapHistogram take() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, Long> bytes = new HashMap<>();
    Map<String, Long> instances = new HashMap<>();
    long total = -1;
    for (String line : text.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        instances.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
        bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
        continue;
      }
      Matcher t = TOTAL.matcher(line);
      if (t.find()) total = Long.parseLong(t.group(2));
    }
    if (total < 0) {
      throw new IllegalStateException("no 'Total' line in the class histogram: " + text);
    }
    return new HeapHistogram(bytes, instances, total);
  }

  /** Bytes of every live object. */
  public long totalBytes() {
    return totalBytes;
  }

  /**
   * The classes whose bytes changed most in {@code (after - before) - (baseAfter - baseBefore)},
   * for a failure message: "+2400000 B java.util.HashMap$Node (+100000)".
   */
  public static String topGrowth(HeapHistogram before, HeapHistogram after,
      HeapHistogram baseBefore, HeapHistogram baseAfter, int limit) {
    Map<String, long[]> growth = new HashMap<>();
    accumulate(growth, after, 1);
    accumulate(growth, before, -1);
    accumulate(growth, baseAfter, -1);
    accumulate(growth, baseBefore, 1);
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(growth.entrySet());
    rows.sort((a, b) -> Long.compare(Math.abs(b.getValue()[0]), Math.abs(a.getValue()[0])));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      long[] g = rows.get(i).getValue();
      s.append(String.format("%n  %+d B %s (%+d instances)", g[0], rows.get(i).getKey(), g[1]));
    }
    return s.toString();
  }

  private static void accumulate(Map<String, long[]> growth, HeapHistogram h, int sign) {
    for (Map.Entry<String, Long> e : h.bytesByClass.entrySet()) {
      long[] g = growth.computeIfAbsent(e.getKey(), k -> new long[2]);
      g[0] += sign * e.getValue();
      g[1] += sign * h.instancesByClass.get(e.getKey());
    }
  }
}
