package org.lossparity.reports.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Summary;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossKind;

/**
 * The HTML parity report: one self-contained UTF-8 file (inline CSS, SVG and a small optional script; no network
 * reference of any kind) with the overview matrix, the lab's section-7 table, a section per loss with every case,
 * the divergence catalogue, the known engine defects, load problems, engines and the environment.
 *
 * <p>Every string from a fixture or an engine is escaped. The output depends only on the {@link ParityRun}: the
 * same run renders to the same bytes.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** Renders the run and writes it to {@code file} (UTF-8), creating parent directories. */
    public static void write(ParityRun run, Path file) {
        String html = render(run);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The whole page. */
    public static String render(ParityRun run) {
        Anchors anchors = new Anchors(run);
        Summary summary = run.summary();
        HtmlBuilder h = new HtmlBuilder();
        h.trustedConstant("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").open("head");
        h.open("meta", "charset", "utf-8");
        h.open("meta", "http-equiv", "Content-Security-Policy", "content", PageAssets.contentSecurityPolicy());
        h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.element("title", "lossparity report: " + (run.passed() ? "parity holds" : "parity FAILS") + " ("
                + run.info().timestamp() + ")");
        h.open("style").newline().trustedConstant(PageAssets.STYLE).close("style");
        h.close("head").newline().open("body");
        header(h, run, summary);
        nav(h);
        controls(h);
        h.open("main");

        OverviewMatrix matrix = OverviewMatrix.of(run);
        MatrixSection ms = new MatrixSection(anchors);
        section(h, "overview", "Overview");
        ms.overview(h, matrix);
        h.close("section").newline();

        section(h, "section-7", "PyTorch vs TensorFlow on the shared losses (section 7)");
        ms.sectionSeven(h, SectionSevenTable.rows(run), SectionSevenTable.missingEngines(run));
        h.close("section").newline();

        section(h, "losses", "Cases by loss");
        losses(h, run, matrix, anchors);
        h.close("section").newline();

        RunSections rs = new RunSections(run, anchors);
        section(h, "divergences", "Divergence catalogue");
        rs.divergences(h);
        h.close("section").newline();
        section(h, "defects", "Known engine defects");
        rs.knownDefects(h);
        h.close("section").newline();
        section(h, "load-problems", "Load problems");
        rs.loadProblems(h);
        h.close("section").newline();
        section(h, "engines", "Engines");
        rs.engines(h);
        h.close("section").newline();
        section(h, "environment", "Environment");
        rs.environment(h);
        h.close("section").newline();

        h.close("main");
        h.open("script").trustedConstant(PageAssets.SCRIPT).close("script").newline();
        h.close("body").close("html").newline();
        return h.toString();
    }

    private static void section(HtmlBuilder h, String id, String title) {
        h.open("section", "id", id).element("h2", title).newline();
    }

    private static void header(HtmlBuilder h, ParityRun run, Summary summary) {
        h.open("header");
        h.element("h1", "lossparity — parity report");
        h.open("p");
        h.element("span", run.passed() ? "PARITY HOLDS" : "PARITY FAILS", "class", "banner " + (run.passed() ? "ok" : "bad"));
        h.text(Formats.count(summary.cases(), "case", "cases") + ", "
                + Formats.count(summary.comparisons(), "comparison", "comparisons") + " · started "
                + run.info().timestamp() + " · lossparity " + run.info().toolVersion());
        h.close("p");
        h.open("p");
        for (Verdict v : VerdictStyles.WORST_FIRST) {
            int n = summary.count(v);
            h.element("span", v.label() + " " + n, "class", "badge " + (n == 0 ? "muted" : VerdictStyles.cssClass(v)),
                    "title", VerdictStyles.meaning(v));
        }
        h.close("p");
        List<String> warnings = new ArrayList<>();
        if (summary.loadProblems() > 0) {
            warnings.add(Formats.count(summary.loadProblems(), "fixture", "fixtures") + " failed to load (see Load "
                    + "problems).");
        }
        for (EngineStatus e : run.engines()) {
            if (!e.available()) {
                warnings.add("Engine " + e.name() + " is unavailable: " + e.reason());
            }
        }
        for (String w : warnings) {
            h.element("p", w, "class", "warn");
        }
        h.close("header").newline();
    }

    private static void nav(HtmlBuilder h) {
        h.open("nav");
        String[][] links = {{"overview", "Overview"}, {"section-7", "Section 7"}, {"losses", "Cases by loss"},
                {"divergences", "Divergences"}, {"defects", "Known defects"}, {"load-problems", "Load problems"},
                {"engines", "Engines"}, {"environment", "Environment"}};
        for (String[] l : links) {
            h.element("a", l[1], "href", Anchors.href(l[0]));
        }
        h.close("nav").newline();
    }

    /** Hidden until the script runs, so a reader without scripts never sees controls that do nothing. */
    private static void controls(HtmlBuilder h) {
        h.open("div", "id", "controls", "hidden", "");
        h.open("label").text("Find case ").open("input", "id", "filter-text", "type", "search",
                "placeholder", "label, spec or loss").close("label");
        h.open("label").text("Show ").open("select", "id", "filter-status");
        h.element("option", "all cases", "value", "all");
        h.element("option", "cases with any verdict other than pass", "value", "problems");
        h.element("option", "failing cases only", "value", "failing");
        h.close("select").close("label");
        h.element("button", "Expand all", "id", "expand-all", "type", "button");
        h.element("button", "Collapse all", "id", "collapse-all", "type", "button");
        h.close("div").newline();
    }

    private static void losses(HtmlBuilder h, ParityRun run, OverviewMatrix matrix, Anchors anchors) {
        Map<LossKind, List<CaseResult>> byLoss = new EnumMap<>(LossKind.class);
        for (CaseResult c : run.cases()) {
            byLoss.computeIfAbsent(c.ref().spec().loss(), k -> new ArrayList<>()).add(c);
        }
        if (byLoss.isEmpty()) {
            h.element("p", "The run has no case.", "class", "muted");
            return;
        }
        Set<String> ruleIds = new TreeSet<>();
        run.divergences().forEach(r -> ruleIds.add(r.id()));
        Set<String> defectIds = new TreeSet<>();
        run.knownDefects().forEach(d -> defectIds.add(d.id()));
        CaseSection cases = new CaseSection(anchors, ruleIds, defectIds);
        h.open("p", "class", "small");
        for (LossKind loss : matrix.rows()) {
            h.element("a", loss.id(), "href", Anchors.href(Anchors.loss(loss))).text(" ");
        }
        h.close("p");
        for (Map.Entry<LossKind, List<CaseResult>> e : byLoss.entrySet()) {
            LossKind loss = e.getKey();
            h.open("section", "id", Anchors.loss(loss), "class", "loss");
            h.element("h3", loss.id() + " — " + Formats.count(e.getValue().size(), "case", "cases"));
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            e.getValue().forEach(c -> CaseSection.counts(c).forEach((v, n) -> counts.merge(v, n, Integer::sum)));
            h.open("p").element("span", loss.family().name().toLowerCase(java.util.Locale.ROOT) + " loss · ",
                    "class", "muted");
            CaseSection.badges(h, counts);
            h.close("p");
            related(h, run, loss);
            for (CaseResult c : e.getValue()) {
                cases.render(h, c);
            }
            h.close("section").newline();
        }
    }

    /** The catalogue rules and known defects that concern this loss, linked. */
    private static void related(HtmlBuilder h, ParityRun run, LossKind loss) {
        Map<String, String> links = new LinkedHashMap<>();
        for (DivergenceRule r : run.divergences()) {
            if (r.losses().contains(loss.id())) {
                links.put(Anchors.rule(r.id()), "divergence: " + r.title());
            }
        }
        for (KnownDefect d : run.knownDefects()) {
            if (d.loss().equals(loss.id())) {
                links.put(Anchors.defect(d.id()), "known defect of " + d.engine() + ": " + d.id());
            }
        }
        if (links.isEmpty()) {
            return;
        }
        h.open("ul", "class", "small");
        links.forEach((anchor, text) -> h.open("li").element("a", text, "href", Anchors.href(anchor)).close("li"));
        h.close("ul");
    }
}
