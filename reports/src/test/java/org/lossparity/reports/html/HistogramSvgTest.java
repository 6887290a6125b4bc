package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lossparity.core.result.ErrorHistogram;

class HistogramSvgTest {

    @Test
    void barsUseALogScaleSoASingleOutlierStaysVisible() {
        assertEquals(70, HistogramSvg.barHeight(1_000_000, 1_000_000, 70), 1e-9);
        assertEquals(0, HistogramSvg.barHeight(0, 1_000_000, 70));
        double one = HistogramSvg.barHeight(1, 1_000_000, 70);
        assertEquals(70 * Math.log(2) / Math.log1p(1_000_000), one, 1e-9);
        assertTrue(one >= 1, "at least a pixel");
    }

    @Test
    void theFullChartLabelsEveryBinWithItsCount() {
        ErrorHistogram hist = ErrorHistogram.of(new long[] {120, 3, 0, 0, 0, 0, 0, 1});
        HtmlBuilder h = new HtmlBuilder();
        HistogramSvg.full(h, hist, "error of <a> vs b");
        String svg = h.toString();
        for (String label : ErrorHistogram.LABELS) {
            assertTrue(svg.contains("class=\"hl\">" + HtmlBuilder.escape(label) + "</text>"), label);
        }
        assertTrue(svg.contains("class=\"hc\">120</text>") && svg.contains("class=\"hc\">3</text>"));
        assertEquals(3, svg.split("<rect ", -1).length - 1, "one bar per non-empty bin");
        assertTrue(svg.contains("error of &lt;a&gt; vs b"), "caption escaped");
        assertTrue(svg.contains("class=\"hb hn\""), "non-finite bin marked");
    }

    @Test
    void theSparklineDrawsOnlyNonEmptyBins() {
        HtmlBuilder h = new HtmlBuilder();
        HistogramSvg.spark(h, ErrorHistogram.of(new long[] {5, 0, 2, 0, 0, 0, 0, 0}));
        String svg = h.toString();
        assertEquals(2, svg.split("M", -1).length - 1 - countInTitle(svg), "two bars");
        assertTrue(svg.contains("0 ×5") && svg.contains("2-3 ×2"));
        assertFalse(svg.contains("1 ×0"));
        assertTrue(HistogramSvg.showsError(ErrorHistogram.of(new long[] {5, 0, 2, 0, 0, 0, 0, 0})));
        assertFalse(HistogramSvg.showsError(ErrorHistogram.of(new long[] {5, 0, 0, 0, 0, 0, 0, 0})));
    }

    private static int countInTitle(String svg) {
        String title = svg.substring(svg.indexOf("<title>"), svg.indexOf("</title>"));
        return title.split("M", -1).length - 1;
    }
}
