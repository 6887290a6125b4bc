package org.lossparity.reports.html;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.result.CaseRef;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ExpectedData;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossSpec;

/**
 * One fixture case as a collapsible block: what it is, its inputs, what each engine produced and every comparison.
 * The comparisons (see ComparisonsView) form a compact grid; only verdicts other than pass get a block with the
 * explanation, the mismatch message and the labelled histogram, so the page stays small when most of a big run
 * passes.
 */
final class CaseSection {
    /** Values shown per input tensor. */
    static final int INPUT_PREVIEW = 12;
    /** Values shown per engine output tensor. */
    static final int OUTPUT_PREVIEW = 8;

    private final Anchors anchors;
    private final ComparisonsView comparisons;

    CaseSection(Anchors anchors, Set<String> ruleIds, Set<String> defectIds) {
        this.anchors = anchors;
        this.comparisons = new ComparisonsView(ruleIds, defectIds);
    }

    /** Counts by verdict over the case's comparisons. */
    static Map<Verdict, Integer> counts(CaseResult c) {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        c.comparisons().forEach(cmp -> m.merge(cmp.verdict(), 1, Integer::sum));
        return m;
    }

    static Verdict worst(CaseResult c) {
        Verdict w = null;
        for (Comparison cmp : c.comparisons()) {
            w = VerdictStyles.worse(w, cmp.verdict());
        }
        return w;
    }

    /** Badges in worst-first order, e.g. "failure 2" "pass 16". */
    static void badges(HtmlBuilder h, Map<Verdict, Integer> counts) {
        for (Verdict v : VerdictStyles.WORST_FIRST) {
            Integer n = counts.get(v);
            if (n != null && n > 0) {
                h.element("span", v.label() + " " + n, "class", "badge " + VerdictStyles.cssClass(v),
                        "title", VerdictStyles.meaning(v));
            }
        }
    }

    void render(HtmlBuilder h, CaseResult c) {
        CaseRef ref = c.ref();
        Verdict worst = worst(c);
        String status = worst == null ? "none" : worst.jsonName();
        h.open("details", "class", "case", "id", anchors.caseId(c), "data-status", status,
                "data-failing", c.passed() ? null : "");
        h.open("summary");
        h.open("span", "class", "status-bar " + (worst == null ? "" : VerdictStyles.cssClass(worst)),
                "title", worst == null ? "no comparison" : worst.label()).close("span");
        h.element("span", ref.label(), "class", "lbl");
        h.element("code", ref.spec().displayName()).text(" ");
        badges(h, counts(c));
        if (c.comparisons().isEmpty()) {
            h.element("span", "no comparison", "class", "muted small");
        }
        h.close("summary").newline();
        h.open("div");
        meta(h, c);
        inputs(h, c);
        c.expected().ifPresent(e -> expected(h, e));
        evaluations(h, c);
        comparisons.render(h, c);
        h.close("div");
        h.close("details").newline();
    }

    private static void meta(HtmlBuilder h, CaseResult c) {
        CaseRef ref = c.ref();
        LossSpec spec = ref.spec();
        h.open("dl", "class", "meta");
        term(h, "case", ref.displayName());
        term(h, "location", ref.location());
        term(h, "id", ref.id());
        term(h, "fixture / group", ref.fixture() + " / " + ref.group());
        term(h, "spec", spec.displayName() + " · weighting " + spec.weighting().jsonName());
        term(h, "tolerance", tolerance(ref.tolerance()));
        h.close("dl");
    }

    static String tolerance(Tolerance t) {
        return "rtol " + t.rtol() + ", atol " + t.atol()
                + (t.isDefault() ? " (dtype default)" : " — override: " + t.reason());
    }

    private static void term(HtmlBuilder h, String name, String value) {
        h.element("dt", name).element("dd", value);
    }

    private static void inputs(HtmlBuilder h, CaseResult c) {
        h.element("h4", "Inputs");
        if (c.inputs().isEmpty()) {
            h.element("p", "none", "class", "muted");
            return;
        }
        h.open("table").open("tr");
        for (String col : new String[] {"input", "dtype and shape", "range", "values"}) {
            h.element("th", col);
        }
        h.close("tr");
        for (Map.Entry<String, TensorData> e : c.inputs().entrySet()) {
            TensorData t = e.getValue();
            h.open("tr").open("td").element("code", e.getKey()).close("td")
                    .element("td", TensorText.header(t), "class", "small")
                    .element("td", TensorText.range(t), "class", "num")
                    .element("td", TensorText.preview(t, INPUT_PREVIEW), "class", "vals").close("tr");
        }
        h.close("table");
    }

    private static void expected(HtmlBuilder h, ExpectedData e) {
        h.element("h4", "Hand-verified values");
        h.open("table");
        e.value().ifPresent(v -> h.open("tr").element("th", "value").element("td", TensorText.header(v), "class", "small")
                .element("td", TensorText.preview(v, OUTPUT_PREVIEW), "class", "vals").close("tr"));
        e.gradients().forEach((name, g) -> h.open("tr").element("th", "gradient:" + name)
                .element("td", TensorText.header(g), "class", "small")
                .element("td", TensorText.preview(g, OUTPUT_PREVIEW), "class", "vals").close("tr"));
        h.close("table");
        if (!e.source().isEmpty()) {
            h.open("p", "class", "small").element("span", "Source: ", "class", "muted").text(e.source()).close("p");
        }
    }

    private static void evaluations(HtmlBuilder h, CaseResult c) {
        h.element("h4", "Evaluations");
        if (c.evaluations().isEmpty()) {
            h.element("p", "no engine evaluated this case", "class", "muted");
            return;
        }
        h.open("table", "class", "evals").open("tr");
        for (String col : new String[] {"engine [convention]", "status", "evaluated as", "value", "gradients",
                "notes"}) {
            h.element("th", col);
        }
        h.close("tr");
        for (Evaluation e : c.evaluations()) {
            h.open("tr");
            h.open("td").element("code", e.key()).close("td");
            h.element("td", e.status().jsonName(), "class", e.status() == Evaluation.Status.OK ? null
                    : e.status() == Evaluation.Status.ERROR ? VerdictStyles.cssClass(Verdict.ERROR)
                    : VerdictStyles.cssClass(Verdict.UNSUPPORTED));
            h.open("td", "class", "small").text(e.spec().map(s -> s.equals(c.ref().spec()) ? "the case's spec"
                    : s.displayName()).orElse("—"));
            if (!e.inputNote().isEmpty()) {
                h.open("br").element("span", "inputs: " + e.inputNote(), "class", "muted");
            }
            h.close("td");
            h.open("td", "class", "vals");
            e.value().ifPresent(v -> tensor(h, v));
            h.close("td");
            h.open("td", "class", "vals");
            boolean first = true;
            for (Map.Entry<String, TensorData> g : e.gradients().entrySet()) {
                if (!first) {
                    h.open("br");
                }
                first = false;
                h.element("span", g.getKey() + ": ", "class", "muted");
                tensor(h, g.getValue());
            }
            h.close("td");
            h.open("td", "class", "small");
            if (!e.message().isEmpty()) {
                h.element("pre", e.message());
            }
            e.notes().forEach((k, v) -> h.element("span", k + ": ", "class", "muted").text(v).open("br"));
            h.close("td");
            h.close("tr");
        }
        h.close("table");
    }

    private static void tensor(HtmlBuilder h, TensorData t) {
        if (t.rank() > 0) {
            h.element("span", t.dtype() + " " + t.shapeText() + " ", "class", "muted");
        }
        h.text(TensorText.preview(t, OUTPUT_PREVIEW));
    }

}
