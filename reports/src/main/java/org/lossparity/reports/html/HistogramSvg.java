package org.lossparity.reports.html;

import java.util.List;
import java.util.Locale;
import org.lossparity.core.result.ErrorHistogram;

/**
 * Inline SVG for an {@link ErrorHistogram}. Bar heights use a logarithmic scale (log(1 + count)) because the
 * zero-ULP bin usually dwarfs the rest, and a single element in a far bin is exactly what a reader must see.
 */
final class HistogramSvg {
    private static final int BAR = 58;
    private static final int GAP = 6;
    private static final int PLOT_HEIGHT = 70;
    private static final int TOP = 16;
    private static final int BOTTOM = 18;

    private static final int SPARK_BAR = 5;
    private static final int SPARK_HEIGHT = 14;

    private HistogramSvg() {}

    /** Height of a bar for {@code count} when the largest bin holds {@code max}; at least 1 for a non-empty bin. */
    static double barHeight(long count, long max, double fullHeight) {
        if (count <= 0 || max <= 0) {
            return 0;
        }
        return Math.max(1, fullHeight * Math.log1p(count) / Math.log1p(max));
    }

    /** The labelled chart: one bar per bin with its count above and its ULP range below. */
    static void full(HtmlBuilder h, ErrorHistogram hist, String caption) {
        List<Long> counts = hist.counts();
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        int n = counts.size();
        int width = n * (BAR + GAP) + GAP;
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        h.open("figure", "class", "hist");
        h.open("svg", "width", Integer.toString(width), "height", Integer.toString(height), "role", "img");
        h.element("title", caption);
        for (int i = 0; i < n; i++) {
            long count = counts.get(i);
            double bh = barHeight(count, max, PLOT_HEIGHT);
            int x = GAP + i * (BAR + GAP);
            String cls = i == ErrorHistogram.LABELS.size() - 1 ? "hb hn" : i <= 1 ? "hb hg" : i <= 3 ? "hb hy" : "hb ho";
            if (count > 0) {
                h.open("rect", "class", cls, "x", Integer.toString(x), "y", num(TOP + PLOT_HEIGHT - bh),
                        "width", Integer.toString(BAR), "height", num(bh)).close("rect");
            }
            h.element("text", Long.toString(count), "x", Integer.toString(x + BAR / 2),
                    "y", num(TOP + PLOT_HEIGHT - bh - 3), "class", "hc");
            h.element("text", ErrorHistogram.LABELS.get(i), "x", Integer.toString(x + BAR / 2),
                    "y", Integer.toString(height - 5), "class", "hl");
        }
        h.open("line", "x1", "0", "x2", Integer.toString(width), "y1", Integer.toString(TOP + PLOT_HEIGHT),
                "y2", Integer.toString(TOP + PLOT_HEIGHT), "class", "ha").close("line");
        h.close("svg");
        h.element("figcaption", caption + " (bar height: log scale)");
        h.close("figure");
    }

    /** Whether any element differs at all: an all-zero histogram says nothing the "0 ULP" beside it does not. */
    static boolean showsError(ErrorHistogram hist) {
        return hist.total() > hist.counts().get(0);
    }

    /** A 40×14 sparkline drawn as one path, small enough for every cell of a big report; non-empty bins only. */
    static void spark(HtmlBuilder h, ErrorHistogram hist) {
        List<Long> counts = hist.counts();
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder d = new StringBuilder();
        StringBuilder title = new StringBuilder("elements by ULP error:");
        for (int i = 0; i < counts.size(); i++) {
            long count = counts.get(i);
            if (count > 0) {
                title.append(' ').append(ErrorHistogram.LABELS.get(i)).append(" ×").append(count);
            }
            double bh = barHeight(count, max, SPARK_HEIGHT);
            if (bh > 0) {
                d.append('M').append(i * SPARK_BAR).append(' ').append(SPARK_HEIGHT).append("v-").append(num(bh))
                        .append('h').append(SPARK_BAR - 1).append('v').append(num(bh)).append('z');
            }
        }
        int width = counts.size() * SPARK_BAR;
        h.open("svg", "class", "spark", "width", Integer.toString(width), "height", Integer.toString(SPARK_HEIGHT));
        h.element("title", title.toString());
        if (d.length() > 0) {
            h.open("path", "d", d.toString(), "class", counts.get(counts.size() - 1) > 0 ? "hn" : "hg").close("path");
        }
        h.close("svg");
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
