package org.lossparity.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.Verdict;

/** The comparisons of one case: the ULP grid, then the story of every comparison that is not a pass. */
final class ComparisonsView {
    private final Set<String> ruleIds;
    private final Set<String> defectIds;

    /**
     * @param ruleIds   divergence rules the page lists (others are named without a link)
     * @param defectIds known defects the page lists
     */
    ComparisonsView(Set<String> ruleIds, Set<String> defectIds) {
        this.ruleIds = ruleIds;
        this.defectIds = defectIds;
    }

    /**
     * A grid with one row per pair of sides and one column per quantity, each cell the greatest ULP distance
     * coloured by verdict; every comparison that is not a pass follows with its full story.
     */
    void render(HtmlBuilder h, CaseResult c) {
        h.element("h4", "Comparisons");
        if (c.comparisons().isEmpty()) {
            h.element("p", "none", "class", "muted");
            return;
        }
        Map<String, Map<Quantity, Comparison>> rows = new LinkedHashMap<>();
        Set<Quantity> quantities = new TreeSet<>();
        for (Comparison cmp : c.comparisons()) {
            rows.computeIfAbsent(cmp.subject() + " vs " + cmp.against(), k -> new TreeMap<>())
                    .put(cmp.quantity(), cmp);
            quantities.add(cmp.quantity());
        }
        h.open("table", "class", "grid").open("tr").element("th", "greatest error in ULPs of " + c.ref().spec().dtype());
        quantities.forEach(q -> h.element("th", q.name()));
        h.close("tr");
        rows.forEach((sides, byQuantity) -> {
            h.open("tr").element("th", sides);
            for (Quantity q : quantities) {
                Comparison cmp = byQuantity.get(q);
                if (cmp == null) {
                    h.element("td", "", "class", "empty");
                } else {
                    gridCell(h, cmp);
                }
            }
            h.close("tr");
        });
        h.close("table");
        // Comparisons that compared nothing (unsupported, error) share one block per verdict and reason: an engine
        // that cannot run a case fails every quantity and every pair for the same reason.
        Map<List<Object>, List<Comparison>> notCompared = new LinkedHashMap<>();
        for (Comparison cmp : c.comparisons()) {
            if (cmp.verdict() == Verdict.PASS) {
                continue;
            }
            if (cmp.detail().isEmpty() && cmp.histogram().isEmpty()) {
                notCompared.computeIfAbsent(List.of(cmp.verdict(), cmp.explanation()), k -> new ArrayList<>()).add(cmp);
            } else {
                details(h, cmp);
            }
        }
        notCompared.values().forEach(group -> notCompared(h, group));
    }

    private static void notCompared(HtmlBuilder h, List<Comparison> group) {
        Verdict v = group.get(0).verdict();
        h.open("div", "class", "finding " + VerdictStyles.cssClass(v) + "-edge");
        h.open("p").element("span", v.label(), "class", "badge " + VerdictStyles.cssClass(v),
                "title", VerdictStyles.meaning(v));
        h.element("strong", String.join(", ", group.stream().map(Comparison::label).toList()));
        h.element("span", " · not compared", "class", "muted small").close("p");
        if (!group.get(0).explanation().isEmpty()) {
            h.element("pre", group.get(0).explanation());
        }
        h.close("div");
    }

    private static void gridCell(HtmlBuilder h, Comparison cmp) {
        StringBuilder title = new StringBuilder(cmp.verdict().label());
        title.append(" · ").append(Formats.fraction(cmp.toleranceFraction())).append(" × tolerance");
        closerText(cmp).ifPresent(t -> title.append(" · ").append(t));
        // A passing cell's tooltip only repeats its colour, unless it names who is closer to the truth.
        boolean worthATitle = cmp.verdict() != Verdict.PASS || cmp.kind() == ComparisonKind.ENGINE_PAIR;
        h.open("td", "class", "num " + VerdictStyles.cssClass(cmp.verdict()), "title",
                worthATitle ? title.toString() : null);
        if (Double.isNaN(cmp.ulps())) {
            h.text(cmp.verdict().label());
        } else {
            h.text(Formats.ulps(cmp.ulps()));
        }
        cmp.histogram().filter(HistogramSvg::showsError).ifPresent(hist -> HistogramSvg.spark(h.text(" "), hist));
        h.close("td");
    }

    /** "closer to truth: pytorch (1 vs 12 ULP from own reference)" for a pair, when known. */
    static Optional<String> closerText(Comparison cmp) {
        if (cmp.kind() != ComparisonKind.ENGINE_PAIR) {
            return Optional.empty();
        }
        boolean known = !Double.isNaN(cmp.subjectUlpsToTruth()) && !Double.isNaN(cmp.againstUlpsToTruth());
        if (!known && cmp.closerToTruth().isEmpty()) {
            return Optional.empty();
        }
        String who = cmp.closerToTruth().orElse(known ? "tie" : "unknown");
        String numbers = known ? " (" + cmp.subjectEngine() + " " + Formats.ulps(cmp.subjectUlpsToTruth()) + " ULP, "
                + cmp.againstEngine() + " " + Formats.ulps(cmp.againstUlpsToTruth()) + " ULP from own reference)" : "";
        return Optional.of("closer to truth: " + who + numbers);
    }

    private void details(HtmlBuilder h, Comparison cmp) {
        h.open("div", "class", "finding " + VerdictStyles.cssClass(cmp.verdict()) + "-edge");
        h.open("p").element("span", cmp.verdict().label(), "class", "badge " + VerdictStyles.cssClass(cmp.verdict()),
                "title", VerdictStyles.meaning(cmp.verdict()));
        h.element("strong", cmp.label()).text(" ").element("span", cmp.subject() + " vs " + cmp.against()
                + (Double.isNaN(cmp.ulps()) ? " · not compared" : " · " + Formats.ulps(cmp.ulps()) + " ULP · "
                + Formats.fraction(cmp.toleranceFraction()) + " × tolerance"), "class", "muted small");
        closerText(cmp).ifPresent(t -> h.open("br").element("span", t, "class", "small"));
        h.close("p");
        if (!cmp.explanation().isEmpty()) {
            h.element("pre", cmp.explanation());
        }
        cmp.detail().ifPresent(d -> {
            String message = d.message();
            if (!cmp.explanation().contains(message)) {
                h.element("div", "Mismatch message", "class", "muted small");
                h.element("pre", message);
            }
        });
        if (cmp.divergenceRuleId().isPresent() || cmp.knownDefectId().isPresent()) {
            h.open("p", "class", "small");
            cmp.divergenceRuleId().ifPresent(id -> link(h, "divergence rule", id, Anchors.rule(id), ruleIds.contains(id)));
            cmp.knownDefectId().ifPresent(id -> link(h, "known defect", id, Anchors.defect(id), defectIds.contains(id)));
            h.close("p");
        }
        if (!cmp.regions().isEmpty()) {
            h.element("div", "Where the rule applies", "class", "muted small");
            h.open("ul", "class", "small");
            cmp.regions().forEach(r -> h.element("li", r));
            h.close("ul");
        }
        cmp.histogram().ifPresent(hist -> HistogramSvg.full(h, hist,
                "Element-wise error of " + cmp.subject() + " vs " + cmp.against() + ", " + cmp.quantity() + ", "
                        + hist.total() + " elements"));
        h.close("div");
    }

    private static void link(HtmlBuilder h, String what, String id, String anchor, boolean listed) {
        h.element("span", what + ": ", "class", "muted");
        if (listed) {
            h.element("a", id, "href", Anchors.href(anchor));
        } else {
            h.element("code", id).element("span", " (not in the catalogue of this run)", "class", "muted");
        }
        h.text("  ");
    }
}
