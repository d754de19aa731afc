package dev.wren.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal bar chart of the throughput rows as plain SVG text: one group per workload, one bar
 * per library, each group scaled to its own largest value (durable rows are two orders of
 * magnitude below in-memory ones and would vanish on a shared axis), the value written at the
 * bar's end. Stateless.
 */
final class SvgChart {
  private static final int WIDTH = 860;
  private static final int LABEL = 250;
  private static final int BARS = 480;
  private static final int BAR = 13;
  private static final int GAP = 2;
  private static final int GROUP_GAP = 12;
  private static final int TOP = 58;
  private static final Map<String, String> COLORS = Map.of(
      Result.WREN, "#1f77b4", Result.PAHO, "#8c8c8c", Result.HIVEMQ, "#ff9f1c", Result.RAW, "#2ca02c");

  private SvgChart() {}

  /** The rows the chart shows: those measured in messages per second. */
  static List<Result> throughputRows(List<Result> rows) {
    List<Result> shown = new ArrayList<>();
    // Rows without Wren (the disk row) have nothing to compare within their group.
    for (Result r : rows) if (r.unit().equals(ThroughputSection.UNIT) && r.byLibrary().containsKey(Result.WREN)) shown.add(r);
    return shown;
  }

  static String render(List<Result> rows, String subtitle) {
    List<Result> shown = throughputRows(rows);
    int height = TOP;
    for (Result r : shown) height += r.byLibrary().size() * (BAR + GAP) + GROUP_GAP;
    height += 10;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Throughput, messages/s"
        + " (higher is better; bars scaled within each workload)</text>\n");
    svg.append("<text x=\"10\" y=\"37\" fill=\"#555555\">").append(escape(subtitle)).append("</text>\n");
    int x = LABEL;
    for (String library : Rows.LIBRARIES) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"43\" width=\"12\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"52\">%s</text>\n",
          x, COLORS.get(library), x + 16, escape(library)));
      x += 90;
    }
    int y = TOP;
    for (Result r : shown) {
      double max = 0;
      for (double v : r.byLibrary().values()) max = Math.max(max, v);
      int groupHeight = r.byLibrary().size() * (BAR + GAP) - GAP;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
          LABEL - 8, y + groupHeight / 2 + 4, escape(r.section() + ": " + r.workload())));
      for (String library : Rows.LIBRARIES) {
        Double v = r.byLibrary().get(library);
        if (v == null) continue;
        int w = max > 0 ? (int) Math.round(v / max * BARS) : 0;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s: %s msg/s</title></rect>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n",
            LABEL, y, Math.max(w, 1), BAR, COLORS.get(library), escape(library),
            escape(r.workload()), MarkdownReport.number(v), LABEL + w + 4, y + BAR - 2,
            MarkdownReport.number(v)));
        y += BAR + GAP;
      }
      y += GROUP_GAP;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
