package org.lossparity.reports.html;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.Environment;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.LoadProblem;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.RunSettings;

/** The run-wide sections: divergence catalogue, known defects, load problems, engines and environment. */
final class RunSections {
    private final ParityRun run;
    private final Anchors anchors;

    RunSections(ParityRun run, Anchors anchors) {
        this.run = run;
        this.anchors = anchors;
    }

    void divergences(HtmlBuilder h) {
        if (run.divergences().isEmpty()) {
            h.element("p", "The run used no divergence catalogue.", "class", "muted");
            return;
        }
        Map<String, Integer> used = usage(true);
        h.open("p", "class", "small muted").text("Places where the PyTorch and Keras conventions define different "
                + "numbers on purpose. A pair difference is a semantic divergence only when each engine matches the "
                + "reference of its own convention and one of these rules applies to the case.").close("p");
        h.open("table").open("tr");
        for (String col : new String[] {"rule", "PyTorch", "Keras", "where it shows", "demonstrated by",
                "comparisons in this run"}) {
            h.element("th", col);
        }
        h.close("tr").newline();
        for (DivergenceRule r : run.divergences()) {
            h.open("tr", "id", Anchors.rule(r.id()));
            h.open("td").element("strong", r.title()).open("br").element("code", r.id(), "class", "small")
                    .open("br").element("span", "losses: " + (r.losses().isEmpty() ? "all" : String.join(", ", r.losses()))
                            + " · detector: " + r.detector(), "class", "muted small").close("td");
            h.open("td").element("code", r.pytorch()).close("td");
            h.open("td").element("code", r.keras()).close("td");
            h.element("td", r.condition(), "class", "small");
            h.open("td", "class", "small");
            demonstration(h, r.fixtureLabel(), r.losses());
            h.close("td");
            h.element("td", Integer.toString(used.getOrDefault(r.id(), 0)), "class", "num");
            h.close("tr").newline();
        }
        h.close("table");
    }

    /** Links the first case (in run order) with the rule's fixture label and one of its losses, if the run has it. */
    private void demonstration(HtmlBuilder h, String label, List<String> losses) {
        Optional<CaseResult> c = run.cases().stream().filter(cr -> cr.ref().label().equals(label)
                && (losses.isEmpty() || losses.contains(cr.ref().spec().loss().id()))).findFirst();
        if (c.isPresent()) {
            h.element("a", label, "href", Anchors.href(anchors.caseId(c.get())));
        } else {
            h.element("code", label).element("span", " (not in this run)", "class", "muted");
        }
    }

    void knownDefects(HtmlBuilder h) {
        if (run.knownDefects().isEmpty()) {
            h.element("p", "No known engine defect is listed.", "class", "muted");
            return;
        }
        Map<String, Integer> used = usage(false);
        h.open("p", "class", "small muted").text("Documented engine defects. A matching comparison beyond tolerance is an "
                + "expected failure; one that passes is an unexpected pass, which means the list needs updating.")
                .close("p");
        h.open("table").open("tr");
        for (String col : new String[] {"defect", "applies to", "class at fault", "computes instead", "shown by",
                "comparisons in this run"}) {
            h.element("th", col);
        }
        h.close("tr").newline();
        for (KnownDefect d : run.knownDefects()) {
            h.open("tr", "id", Anchors.defect(d.id()));
            h.open("td").element("code", d.id()).open("br").element("span", "engine " + d.engine(), "class", "muted small")
                    .close("td");
            StringBuilder scope = new StringBuilder(d.loss());
            scope.append(", reduction ").append(d.reduction().isEmpty() ? "any" : d.reduction());
            scope.append(", dtype ").append(d.dtype().isEmpty() ? "any" : d.dtype());
            scope.append(", quantity ").append(d.quantity().isEmpty() ? "any" : d.quantity());
            d.caseLabel().ifPresent(l -> scope.append(", case label matching ").append(l));
            h.element("td", scope.toString(), "class", "small");
            h.open("td").element("code", d.djlClass()).open("br")
                    .element("span", d.parameters(), "class", "muted small").close("td");
            h.element("td", d.computesInstead(), "class", "small");
            h.element("td", d.fixture(), "class", "small");
            h.element("td", Integer.toString(used.getOrDefault(d.id(), 0)), "class", "num");
            h.close("tr").newline();
        }
        h.close("table");
    }

    /** How many comparisons of the run name each divergence rule (or known defect). */
    private Map<String, Integer> usage(boolean rules) {
        Map<String, Integer> m = new TreeMap<>();
        for (CaseResult c : run.cases()) {
            for (Comparison cmp : c.comparisons()) {
                (rules ? cmp.divergenceRuleId() : cmp.knownDefectId()).ifPresent(id -> m.merge(id, 1, Integer::sum));
            }
        }
        return m;
    }

    void loadProblems(HtmlBuilder h) {
        if (run.loadProblems().isEmpty()) {
            h.element("p", "Every fixture loaded.", "class", "muted");
            return;
        }
        h.element("p", Formats.count(run.loadProblems().size(), "fixture problem", "fixture problems")
                + ": these cases were not run, and the run fails because of them.", "class", "warn");
        h.open("table").open("tr").element("th", "file").element("th", "JSON pointer").element("th", "problem")
                .close("tr").newline();
        for (LoadProblem p : run.loadProblems()) {
            h.open("tr").open("td").element("code", p.file()).close("td")
                    .open("td").element("code", p.pointer().isEmpty() ? "(whole file)" : p.pointer()).close("td")
                    .open("td").element("pre", p.message()).close("td").close("tr").newline();
        }
        h.close("table");
    }

    void engines(HtmlBuilder h) {
        if (run.engines().isEmpty()) {
            h.element("p", "No engine was asked for.", "class", "warn");
            return;
        }
        h.open("table").open("tr");
        for (String col : new String[] {"engine", "status", "convention", "library", "native runtime", "dtypes",
                "threads", "details"}) {
            h.element("th", col);
        }
        h.close("tr").newline();
        for (EngineStatus e : run.engines()) {
            h.open("tr").open("td").element("strong", e.name()).close("td");
            if (!e.available()) {
                h.element("td", "unavailable", "class", VerdictStyles.cssClass(
                        org.lossparity.core.result.Verdict.UNSUPPORTED));
                h.open("td", "colspan", "6").element("pre", e.reason().isEmpty() ? "(no reason given)" : e.reason())
                        .close("td");
            } else {
                h.element("td", "available");
                if (e.identity().isPresent()) {
                    identity(h, e.identity().get());
                } else {
                    h.element("td", "identity not recorded", "colspan", "6", "class", "muted");
                }
            }
            h.close("tr").newline();
        }
        h.close("table");
    }

    private static void identity(HtmlBuilder h, EngineIdentity id) {
        h.element("td", id.conventionsText());
        h.element("td", id.library());
        h.element("td", id.runtime());
        h.element("td", String.join(", ", id.dtypes().stream().sorted(Comparator.naturalOrder())
                .map(d -> d.jsonName()).toList()));
        h.element("td", id.threads() == 0 ? "n/a" : Integer.toString(id.threads()), "class", "num");
        h.open("td", "class", "small");
        id.details().forEach((k, v) -> h.element("span", k + ": ", "class", "muted").text(v).open("br"));
        h.close("td");
    }

    void environment(HtmlBuilder h) {
        Environment env = run.info().environment();
        RunSettings s = run.settings();
        h.open("dl", "class", "meta");
        term(h, "lossparity", run.info().toolVersion());
        term(h, "started (UTC)", run.info().timestamp().toString());
        term(h, "JVM", env.jvm());
        term(h, "OS", env.os());
        term(h, "CPU", env.cpu());
        term(h, "cores", Integer.toString(env.cores()));
        term(h, "fixtures", s.fixtures());
        term(h, "engines asked for", s.engines().isEmpty() ? "all discovered" : String.join(", ", s.engines()));
        term(h, "loss filter", s.lossFilter().isEmpty() ? "none (every loss)" : s.lossFilter());
        for (EngineStatus e : run.engines()) {
            e.identity().ifPresent(id -> term(h, e.name(), id.library() + " · " + id.runtime()
                    + (id.threads() == 0 ? "" : " · " + id.threads() + " threads")));
        }
        h.close("dl");
    }

    private static void term(HtmlBuilder h, String name, String value) {
        h.element("dt", name).element("dd", value);
    }
}
