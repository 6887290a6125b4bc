package org.lossparity.reports.html;

import java.util.List;
import java.util.Map;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;

/** Renders the overview matrix with its legend, and the lab's section-7 table. */
final class MatrixSection {
    private final Anchors anchors;

    MatrixSection(Anchors anchors) {
        this.anchors = anchors;
    }

    static void legend(HtmlBuilder h) {
        h.open("ul", "class", "legend");
        for (Verdict v : VerdictStyles.WORST_FIRST) {
            h.open("li").open("span", "class", "sw " + VerdictStyles.cssClass(v)).close("span")
                    .element("strong", v.label()).element("span", VerdictStyles.meaning(v), "class", "muted")
                    .close("li");
        }
        h.close("ul");
    }

    void overview(HtmlBuilder h, OverviewMatrix m) {
        h.open("p", "class", "small muted").text("Each cell counts the comparisons (value and every gradient, all "
                + "cases and dtypes) of one loss in one column and takes the colour of the worst verdict among them "
                + "(worst first in the legend); \"max\" is the greatest element-wise distance in ULPs of the case's "
                + "dtype. Engine columns compare an engine with the reference of its own convention (its "
                + "implementation error); pair columns compare two engines, each in its own convention.").close("p");
        legend(h);
        if (m.rows().isEmpty()) {
            h.element("p", "The run has no case.", "class", "warn");
            return;
        }
        List<OverviewMatrix.Column> ref = m.columns(ComparisonKind.REFERENCE_VS_EXPECTED);
        List<OverviewMatrix.Column> engines = m.columns(ComparisonKind.ENGINE_VS_REFERENCE);
        List<OverviewMatrix.Column> pairs = m.columns(ComparisonKind.ENGINE_PAIR);
        h.open("table", "class", "matrix");
        h.open("tr").element("th", "loss", "rowspan", "2").element("th", "cases", "rowspan", "2", "class", "num");
        group(h, ref, "reference vs hand-verified");
        group(h, engines, "engine vs its reference");
        group(h, pairs, "engine pair");
        h.close("tr").open("tr");
        for (OverviewMatrix.Column c : m.columns()) {
            h.element("th", c.label());
        }
        h.close("tr").newline();
        for (LossKind loss : m.rows()) {
            h.open("tr").open("th").element("a", loss.id(), "href", Anchors.href(Anchors.loss(loss))).close("th")
                    .element("td", Integer.toString(m.cases(loss)), "class", "num");
            for (OverviewMatrix.Column col : m.columns()) {
                cell(h, loss, col, m.cell(loss, col).orElse(null));
            }
            h.close("tr").newline();
        }
        h.close("table");
    }

    private static void group(HtmlBuilder h, List<OverviewMatrix.Column> cols, String title) {
        if (!cols.isEmpty()) {
            h.element("th", title, "colspan", Integer.toString(cols.size()), "class", "group");
        }
    }

    private static void cell(HtmlBuilder h, LossKind loss, OverviewMatrix.Column col, OverviewMatrix.Cell cell) {
        if (cell == null) {
            h.element("td", "—", "class", "cell empty", "title", "no comparison");
            return;
        }
        StringBuilder title = new StringBuilder(loss.id()).append(", ").append(col.label()).append(": ");
        cell.counts().forEach((v, n) -> title.append(n).append(' ').append(v.label()).append("; "));
        title.append(Double.isNaN(cell.worstUlps()) ? "not compared"
                : "max " + Formats.ulps(cell.worstUlps()) + " ULP");
        h.open("td", "class", "cell " + VerdictStyles.cssClass(cell.worst()), "title", title.toString());
        h.open("a", "href", Anchors.href(Anchors.loss(loss)));
        boolean single = cell.counts().size() == 1;
        boolean first = true;
        for (Map.Entry<Verdict, Integer> e : cell.counts().entrySet()) {
            String text = e.getValue() + " " + (single ? e.getKey().label() : shortLabel(e.getKey()));
            if (first) {
                h.element("span", text, "class", "w"); // counts go worst first, so the bold one names the colour
            } else {
                h.text(" · " + text);
            }
            first = false;
        }
        h.element("span", Double.isNaN(cell.worstUlps()) ? "not compared"
                : "max " + Formats.ulps(cell.worstUlps()) + " ULP", "class", "u");
        h.close("a").close("td");
    }

    /** Short enough for a matrix cell; the full label is in the cell's tooltip and the legend. */
    static String shortLabel(Verdict v) {
        return switch (v) {
            case PASS -> "pass";
            case SEMANTIC_DIVERGENCE -> "sem.";
            case NUMERICAL -> "num.";
            case FAILURE -> "fail";
            case EXPECTED_FAILURE -> "exp. fail";
            case UNEXPECTED_PASS -> "unexp. pass";
            case UNSUPPORTED -> "unsup.";
            case ERROR -> "error";
        };
    }

    void sectionSeven(HtmlBuilder h, List<SectionSevenTable.Row> rows, List<String> missingEngines) {
        for (String m : missingEngines) {
            h.element("p", m, "class", "warn");
        }
        h.open("p", "class", "small muted").text("PyTorch against TensorFlow on the losses both frameworks share, each "
                + "engine in its own convention. Values are the loss value of the first case (in fixture order) "
                + "where both return a scalar under the same definition (a case where the conventions differ on "
                + "purpose only when there is no other); the last column counts the verdicts of every "
                + "PyTorch-vs-TensorFlow comparison (values and gradients) of that loss and dtype.").close("p");
        h.open("table", "class", "s7").open("tr");
        for (String col : new String[] {"loss", "dtype", "PyTorch", "TensorFlow", "difference", "verdict",
                "all comparisons"}) {
            h.element("th", col);
        }
        h.close("tr").newline();
        for (SectionSevenTable.Row r : rows) {
            h.open("tr").open("th");
            if (r.dtype().isPresent()) {
                h.element("a", r.name(), "href", Anchors.href(Anchors.loss(r.loss())));
            } else {
                h.text(r.name());
            }
            h.open("br").element("code", r.loss().id(), "class", "muted small").close("th");
            h.element("td", r.dtype().map(DType::jsonName).orElse("—"));
            if (r.dtype().isEmpty()) {
                h.element("td", "no case of this loss in the run", "colspan", "5", "class", "muted");
            } else if (r.representative().isEmpty()) {
                h.element("td", "no scalar value from PyTorch or TensorFlow on these cases", "colspan", "4",
                        "class", "muted");
                allVerdicts(h, r.all());
            } else {
                DType dtype = r.dtype().get();
                value(h, r.pytorch().orElse(null));
                value(h, r.tensorflow().orElse(null));
                h.open("td", "class", "num");
                r.difference().ifPresent(d -> h.text(Numbers.format(d, dtype)));
                r.comparison().ifPresent(c -> h.open("br").element("span", Formats.ulps(c.ulps()) + " ULP, "
                        + Formats.fraction(c.toleranceFraction()) + " × tol", "class", "muted small"));
                h.close("td");
                h.open("td");
                if (r.comparison().isPresent()) {
                    verdictBadge(h, r.comparison().get());
                } else {
                    h.element("span", "not compared", "class", "muted");
                }
                h.open("br").element("a", r.representative().get().ref().label(),
                        "href", Anchors.href(anchors.caseId(r.representative().get())), "class", "small");
                h.close("td");
                allVerdicts(h, r.all());
            }
            h.close("tr").newline();
        }
        h.close("table");
    }

    private static void value(HtmlBuilder h, TensorData t) {
        h.open("td", "class", "num");
        if (t == null) {
            h.element("span", "no value", "class", "muted");
        } else {
            if (t.size() != 1) {
                h.element("span", t.dtype() + " " + t.shapeText() + " ", "class", "muted");
            }
            h.text(TensorText.preview(t, 4));
        }
        h.close("td");
    }

    private static void verdictBadge(HtmlBuilder h, Comparison c) {
        h.element("span", c.verdict().label(), "class", "badge " + VerdictStyles.cssClass(c.verdict()),
                "title", c.explanation().isEmpty() ? VerdictStyles.meaning(c.verdict()) : c.explanation());
    }

    private static void allVerdicts(HtmlBuilder h, Map<Verdict, Integer> counts) {
        h.open("td");
        CaseSection.badges(h, counts);
        h.close("td");
    }
}
