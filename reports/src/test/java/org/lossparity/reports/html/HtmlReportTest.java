package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;

class HtmlReportTest {
    private static final ParityRun RUN = SampleRun.build();
    private static final String HTML = HtmlReport.render(RUN);

    @Test
    void overviewMatrixHasARowPerLossAndAColumnPerEngineAndPair() {
        String matrix = between(HTML, "<table class=\"matrix\">", "</table>");
        for (String loss : List.of("mse", "mae", "huber", "smooth_l1", "bce", "sparse_categorical_crossentropy",
                "categorical_crossentropy", "kl_div", "triplet_margin")) {
            assertTrue(matrix.contains("<a href=\"#loss-" + loss + "\">" + loss + "</a>"), "matrix row for " + loss);
            assertTrue(HTML.contains("<section id=\"loss-" + loss + "\""), "section the row links to: " + loss);
        }
        for (String column : List.of("<th>reference</th>", "<th>djl</th>", "<th>pytorch</th>", "<th>tensorflow</th>",
                "<th>pytorch vs tensorflow</th>")) {
            assertTrue(matrix.contains(column), "matrix column " + column);
        }
        assertTrue(matrix.contains("engine vs its reference") && matrix.contains("engine pair"));
        assertTrue(HTML.contains("<ul class=\"legend\">"), "legend");
    }

    @Test
    void everyVerdictIsColouredInTheMatrixAndBadgedInTheCases() {
        String matrix = between(HTML, "<table class=\"matrix\">", "</table>");
        String cases = between(HTML, "<section id=\"losses\">", "<section id=\"divergences\">");
        for (Verdict v : Verdict.values()) {
            String css = VerdictStyles.cssClass(v);
            assertTrue(matrix.contains("class=\"cell " + css + "\""), "a matrix cell coloured " + v);
            assertTrue(cases.contains("class=\"badge " + css + "\""), "a case badge for " + v);
            assertTrue(HTML.contains("." + css + "{"), "a style for " + v);
        }
    }

    @Test
    void matrixCellShowsCountsAndWorstUlps() {
        // mse, pytorch vs tensorflow: value 0.1 vs nextUp-ish 0.100000009 is 1 ULP apart in float32; plus gradients.
        String matrix = between(HTML, "<table class=\"matrix\">", "</table>");
        Matcher m = Pattern.compile("title=\"mse, pytorch vs tensorflow: ([^\"]*)\"").matcher(matrix);
        assertTrue(m.find(), "mse pair cell");
        double ulps = Numbers.ulpDistance(SampleRun.MSE_PYTORCH, SampleRun.MSE_TENSORFLOW, DType.FLOAT32);
        assertEquals("2 pass; max " + Formats.ulps(ulps) + " ULP", m.group(1));
    }

    @Test
    void fixtureAndEngineStringsAreEscapedInTextAndAttributes() {
        assertFalse(HTML.contains(SampleRun.HOSTILE), "raw hostile string");
        assertFalse(HTML.contains("<script>alert"), "injected script element");
        assertFalse(HTML.contains("onmouseover=\""), "attribute breaking out of its quotes");
        assertFalse(HTML.contains("<b>"), "markup from a defect description");
        assertEquals(1, count(HTML, "<script"), "only the report's own script");
        assertEquals(1, count(HTML, "</script>"), "only the report's own script end");
        String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;";
        assertTrue(HTML.contains("<span class=\"lbl\">" + escaped + "</span>"), "label escaped in the summary");
        assertTrue(HTML.contains("&lt;/pre&gt;" + escaped), "explanation escaped inside <pre>");
        assertTrue(HTML.contains("x&quot; onmouseover=&quot;alert(2)"), "attribute-context value escaped");
        // Element ids are slugs, so the hostile case id cannot end the id attribute either.
        assertTrue(HTML.contains("id=\"case-x__onmouseover__alert_2_\""), "slugged case id");
        // A catalogue id that the run does not list is shown as text, not as a link built from it.
        assertTrue(HTML.contains("<code>no-such-rule-" + escaped + "</code>"));
    }

    @Test
    void thePageReferencesNothingOutsideItself() {
        for (String forbidden : List.of("http:", "https:", "src=", "url(", "@import", "<link", "<iframe", "<object",
                "<embed", "<img", "srcset", "//fonts", "ftp:")) {
            assertFalse(HTML.toLowerCase(java.util.Locale.ROOT).contains(forbidden), "network reference " + forbidden);
        }
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(HTML);
        int links = 0;
        while (href.find()) {
            links++;
            assertTrue(href.group(1).startsWith("#"), "in-page link only: " + href.group(1));
        }
        assertTrue(links > 20, "links between sections");
        assertTrue(HTML.contains("Content-Security-Policy") && HTML.contains("default-src &#39;none&#39;"));
    }

    @Test
    void everyInPageLinkHasItsTarget() {
        Set<String> ids = new java.util.HashSet<>();
        Matcher id = Pattern.compile(" id=\"([^\"]*)\"").matcher(HTML);
        while (id.find()) {
            assertTrue(ids.add(id.group(1)), "duplicate id " + id.group(1));
        }
        Matcher href = Pattern.compile("href=\"#([^\"]*)\"").matcher(HTML);
        while (href.find()) {
            assertTrue(ids.contains(href.group(1)), "link target " + href.group(1));
        }
    }

    @Test
    void elementsAreBalanced() {
        String body = HTML.replaceAll("(?s)<style>.*?</style>", "").replaceAll("(?s)<script>.*?</script>", "");
        Set<String> voids = Set.of("meta", "br", "input");
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>").matcher(body);
        while (tag.find()) {
            String name = tag.group(2);
            if (voids.contains(name) || name.equals("DOCTYPE")) {
                continue;
            }
            if (tag.group(1).isEmpty()) {
                open.push(name);
            } else {
                assertEquals(open.isEmpty() ? "(nothing)" : open.peek(), name, "closing tag at " + tag.start());
                open.pop();
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
        assertFalse(body.replaceAll("<[^<>]*>", "").contains("<"), "a stray '<' outside a tag");
    }

    @Test
    void sectionSevenPrintsRoundTripValuesForTheSharedLosses() {
        String s7 = between(HTML, "<table class=\"s7\">", "</table>");
        for (String name : SectionSevenTable.SHARED_LOSSES.values()) {
            assertTrue(s7.contains(">" + name + "</a>") || s7.contains("<th>" + name + "<br>"), "row for " + name);
        }
        String pt = Numbers.format(SampleRun.MSE_PYTORCH, DType.FLOAT32);
        String tf = Numbers.format(SampleRun.MSE_TENSORFLOW, DType.FLOAT32);
        String diff = Numbers.format((double) SampleRun.MSE_PYTORCH - SampleRun.MSE_TENSORFLOW, DType.FLOAT32);
        assertTrue(s7.contains("<td class=\"num\">" + pt + "</td><td class=\"num\">" + tf + "</td><td class=\"num\">"
                + diff + "<br>"), "MSE row: " + pt + " | " + tf + " | " + diff);
        assertTrue(s7.contains("<td class=\"num\">100.0</td><td class=\"num\">15.333420378162176</td>"),
                "BCE float64 row with 17 digits");
        assertTrue(s7.contains("<th>BCE from logits<br>"), "a shared loss the run lacks is named, unlinked");
        assertTrue(s7.contains("no case of this loss in the run"), "and says so");
        assertTrue(s7.contains("<td class=\"num\"><span class=\"muted\">no value</span></td><td class=\"num\">1.0</td>"
                + "<td class=\"num\"></td><td><span class=\"muted\">not compared</span>"),
                "MAE: TensorFlow's value without a pair");
        assertTrue(s7.contains("no scalar value from PyTorch or TensorFlow on these cases"), "sparse CE: no value");
    }

    @Test
    void caseSectionsShowInputsValuesGradientsMessagesAndHistograms() {
        String kl = between(HTML, "<section id=\"loss-kl_div\"", "</section>");
        assertTrue(kl.contains("Tensors are not close!"), "mismatch message");
        assertTrue(kl.contains("<pre>Tensors are not close!"), "preformatted");
        assertTrue(kl.contains("<figure class=\"hist\">"), "labelled histogram for a failure");
        assertTrue(kl.contains("non-finite"), "histogram bins");
        assertTrue(kl.contains("<svg class=\"spark\""), "sparkline");
        assertTrue(kl.contains("<code>prediction</code>"), "inputs");
        assertTrue(kl.contains("gradient:prediction"), "gradient comparison");
        String bce = between(HTML, "<section id=\"loss-bce\"", "</section>");
        assertTrue(bce.contains("href=\"#rule-bce-clip-vs-log-clamp\""), "divergence rule linked");
        assertTrue(bce.contains("elements with p &lt; 1e-7: indices [0]"), "region listed");
        String huber = between(HTML, "<section id=\"loss-huber\"", "</section>");
        assertTrue(huber.contains("closer to truth: pytorch (pytorch 1 ULP, tensorflow 12 ULP from own reference)"),
                "closer to truth");
        String smooth = between(HTML, "<section id=\"loss-smooth_l1\"", "</section>");
        assertTrue(smooth.contains("href=\"#defect-djl-smooth-l1-beta\""), "known defect linked");
        assertTrue(HTML.contains("<tr id=\"defect-djl-smooth-l1-beta\">") && HTML.contains("<tr id=\"rule-bce-clip-vs-log-clamp\">"));
    }

    @Test
    void bigTensorsArePreviewedWithShapeAndCount() {
        String mse = between(HTML, "<section id=\"loss-mse\"", "</section>");
        assertTrue(mse.contains("float64 [50, 100] = 5000 elements"), "shape and element count");
        assertTrue(mse.contains("… " + (5000 - CaseSection.INPUT_PREVIEW) + " more]"), "input preview capped");
        assertTrue(mse.contains("0.0 … 2499.5"), "range over the whole tensor");
        assertFalse(mse.contains(Numbers.format(13 * 0.5, DType.FLOAT64) + ", "), "13th value is not printed");
    }

    @Test
    void runWideSections() {
        assertTrue(HTML.contains("PARITY FAILS"));
        String engines = between(HTML, "<section id=\"engines\">", "</section>");
        assertTrue(engines.contains("unavailable") && engines.contains("native library missing: &lt;script"));
        assertTrue(engines.contains("libtorch 2.7.1") && engines.contains("float32, float64"));
        String env = between(HTML, "<section id=\"environment\">", "</section>");
        assertTrue(env.contains("Test CPU @ 2.0GHz") && env.contains("17.0.13 (Test VM)") && env.contains("2026-12-04T20:00:00Z"));
        String problems = between(HTML, "<section id=\"load-problems\">", "</section>");
        assertTrue(problems.contains("/cases/2/inputs") && problems.contains("expected an array, got &lt;script"));
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(HTML, HtmlReport.render(RUN));
        assertEquals(HTML, HtmlReport.render(SampleRun.build()), "an equal run built again renders identically");
    }

    @Test
    void writeStoresTheRenderedPageAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");
        HtmlReport.write(RUN, file);
        assertEquals(HTML, Files.readString(file, StandardCharsets.UTF_8));
        // Kept in the build directory so a person can open the sample page.
        HtmlReport.write(RUN, Path.of("target", "html-sample", "report.html"));
    }

    @Test
    void aFewThousandCasesStayBrowsable() {
        String big = HtmlReport.render(SampleRun.large(3000));
        assertEquals(3000, count(big, "<details class=\"case\""));
        assertTrue(big.length() < 25_000_000, "page of " + big.length() + " characters");
    }

    @Test
    void aCleanRunSaysParityHolds() {
        ParityRun clean = SampleRun.large(2);
        ParityRun run = new ParityRun(clean.info(), clean.settings(), clean.engines().stream()
                .filter(e -> e.available()).toList(), clean.cases(), List.of(), clean.divergences(), List.of());
        String html = HtmlReport.render(run);
        assertTrue(html.contains("PARITY HOLDS"));
        assertFalse(html.contains("class=\"warn\""), "no warning on a clean run");
        assertTrue(html.contains("Every fixture loaded."));
    }

    @Test
    void anEmptyRunStillRenders() {
        ParityRun empty = new ParityRun(RUN.info(), RUN.settings(), List.of(), List.of(), List.of(), List.of(),
                List.of());
        String html = HtmlReport.render(empty);
        assertTrue(html.contains("The run has no case.") && html.contains("No engine was asked for."));
        assertTrue(html.contains("no case of this loss in the run"));
    }

    private static String between(String s, String start, String end) {
        int i = s.indexOf(start);
        assertTrue(i >= 0, "missing " + start);
        int j = s.indexOf(end, i + start.length());
        assertTrue(j >= 0, "missing " + end + " after " + start);
        return s.substring(i, j + end.length());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
