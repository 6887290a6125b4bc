package org.lossparity.reports.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Verdict;

/**
 * The upgrade gate: compares a baseline report with a current one, case by case and comparison by comparison.
 * The gate fails when a comparison that counted as a pass now does not (or is gone, as when an engine no longer
 * starts), or when an engine's error against the reference (ENGINE_VS_REFERENCE) grows past the budget, in ULPs
 * or in fractions of the tolerance.
 * Cases are matched by file and case id; comparisons by kind, engines (without convention), and quantity.
 */
public final class ReportDiff {

    /**
     * How far an engine's error may grow before the gate fails.
     *
     * @param ulps     allowed growth in ULPs (empty: not checked)
     * @param fraction allowed growth in fractions of the tolerance (empty: not checked)
     */
    public record Budget(Optional<Double> ulps, Optional<Double> fraction) {
        /** The default when none is stated: a quarter of the tolerance. */
        public static final Budget DEFAULT = new Budget(Optional.empty(), Optional.of(0.25));

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            ulps.ifPresent(u -> parts.add(fmt(u) + " ULP"));
            fraction.ifPresent(f -> parts.add(fmt(f) + " of the tolerance"));
            return parts.isEmpty() ? "none" : String.join(" and ", parts);
        }
    }

    /** How a comparison moved. */
    public enum Movement {
        /** Counted as a pass, now does not: fails the gate. */
        REGRESSED(true),
        /** Error grew past the budget: fails the gate. */
        OVER_BUDGET(true),
        /** Counted as a pass, and the current report has no such comparison (an engine went missing?): fails. */
        VANISHED(true),
        /** Did not count as a pass, now does. */
        FIXED(false),
        /** Error shrank. */
        IMPROVED(false),
        /** Error grew within the budget. */
        WORSENED(false),
        /** Another verdict on the same side of the gate (e.g. pass to semantic divergence). */
        VERDICT_CHANGED(false),
        /** Same verdict, same error. */
        UNCHANGED(false),
        /** Only in the current report. */
        ADDED(false),
        /** Only in the baseline report, where it did not count as a pass. */
        REMOVED(false);

        private final boolean failsGate;

        Movement(boolean failsGate) {
            this.failsGate = failsGate;
        }

        public boolean failsGate() {
            return failsGate;
        }
    }

    /**
     * One comparison in both reports.
     *
     * @param caseKey      {@code file#id}
     * @param displayName  the case's display name
     * @param label        e.g. {@code pytorch vs reference value}
     * @param kind         comparison kind
     * @param baseline     verdict in the baseline (empty when added)
     * @param current      verdict now (empty when removed)
     * @param baselineUlps ULPs before (NaN if not compared)
     * @param currentUlps  ULPs now
     * @param baselineFraction tolerance fraction before
     * @param currentFraction  tolerance fraction now
     * @param movement     the classification
     */
    public record Entry(String caseKey, String displayName, String label, ComparisonKind kind,
                       Optional<Verdict> baseline, Optional<Verdict> current, double baselineUlps, double currentUlps,
                       double baselineFraction, double currentFraction, Movement movement) {

        public String describe() {
            return String.format(Locale.ROOT, "%-11s %s | %s: %s -> %s, %s -> %s ULP, %s -> %s of tolerance",
                    movement, displayName, label, baseline.map(Verdict::label).orElse("-"),
                    current.map(Verdict::label).orElse("-"), fmt(baselineUlps), fmt(currentUlps),
                    fmt(baselineFraction), fmt(currentFraction));
        }
    }

    /**
     * The result of a diff.
     *
     * @param entries        every comparison of both reports, in the current report's order, removed ones last
     * @param engineChanges  engine identities that differ, e.g. {@code pytorch: DJL 0.33.0 / libtorch 2.5.1 -> ...}
     * @param budget         the budget applied
     */
    public record Result(List<Entry> entries, List<String> engineChanges, Budget budget) {
        public Result {
            entries = List.copyOf(entries);
            engineChanges = List.copyOf(engineChanges);
        }

        public boolean passed() {
            return entries.stream().noneMatch(e -> e.movement().failsGate());
        }

        public long count(Movement m) {
            return entries.stream().filter(e -> e.movement() == m).count();
        }

        /** Engine changes, the moved comparisons (unchanged ones only counted), and the verdict of the gate. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            for (String c : engineChanges) {
                sb.append("engine ").append(c).append('\n');
            }
            for (Entry e : entries) {
                if (e.movement() != Movement.UNCHANGED) {
                    sb.append(e.describe()).append('\n');
                }
            }
            sb.append("summary:");
            for (Movement m : Movement.values()) {
                sb.append(' ').append(m.name().toLowerCase(Locale.ROOT)).append('=').append(count(m));
            }
            sb.append(" (budget: ").append(budget).append(")\n");
            long failing = entries.stream().filter(e -> e.movement().failsGate()).count();
            sb.append(passed() ? "GATE PASSED" : "GATE FAILED: " + failing
                    + " comparison(s) regressed, vanished or grew past the budget").append('\n');
            return sb.toString();
        }
    }

    private ReportDiff() {}

    public static Result diff(ParityRun baseline, ParityRun current, Budget budget) {
        Map<String, Comparison> before = index(baseline);
        Map<String, String> names = new LinkedHashMap<>();
        baseline.cases().forEach(c -> names.put(caseKey(c), c.ref().displayName()));
        List<Entry> entries = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CaseResult c : current.cases()) {
            for (Comparison now : c.comparisons()) {
                String key = key(c, now);
                seen.add(key);
                Comparison old = before.get(key);
                entries.add(entry(caseKey(c), c.ref().displayName(), old, now, budget));
            }
        }
        for (Map.Entry<String, Comparison> e : before.entrySet()) {
            if (!seen.contains(e.getKey())) {
                String caseKey = e.getKey().substring(0, e.getKey().indexOf('|'));
                entries.add(entry(caseKey, names.get(caseKey), e.getValue(), null, budget));
            }
        }
        return new Result(entries, engineChanges(baseline, current), budget);
    }

    private static Entry entry(String caseKey, String name, Comparison old, Comparison now, Budget budget) {
        Comparison any = now != null ? now : old;
        double bu = old == null ? Double.NaN : old.ulps();
        double cu = now == null ? Double.NaN : now.ulps();
        double bf = old == null ? Double.NaN : old.toleranceFraction();
        double cf = now == null ? Double.NaN : now.toleranceFraction();
        Movement m;
        if (old == null) {
            m = Movement.ADDED;
        } else if (now == null) {
            m = old.verdict().countsAsPass() ? Movement.VANISHED : Movement.REMOVED;
        } else if (old.verdict().countsAsPass() && !now.verdict().countsAsPass()) {
            m = Movement.REGRESSED;
        } else if (!old.verdict().countsAsPass() && now.verdict().countsAsPass()) {
            m = Movement.FIXED;
        } else if (now.kind() == ComparisonKind.ENGINE_VS_REFERENCE && overBudget(bu, cu, bf, cf, budget)) {
            m = Movement.OVER_BUDGET;
        } else if (old.verdict() != now.verdict()) {
            m = Movement.VERDICT_CHANGED;
        } else if (grew(bu, cu) || grew(bf, cf)) {
            m = Movement.WORSENED;
        } else if (grew(cu, bu) || grew(cf, bf)) {
            m = Movement.IMPROVED;
        } else {
            m = Movement.UNCHANGED;
        }
        return new Entry(caseKey, name, any.label(), any.kind(), Optional.ofNullable(old).map(Comparison::verdict),
                Optional.ofNullable(now).map(Comparison::verdict), bu, cu, bf, cf, m);
    }

    /** Both compared and the error grew past the budget (a newly infinite error always does). */
    private static boolean overBudget(double bu, double cu, double bf, double cf, Budget budget) {
        if (budget.ulps().isPresent() && exceeds(bu, cu, budget.ulps().get())) {
            return true;
        }
        return budget.fraction().isPresent() && exceeds(bf, cf, budget.fraction().get());
    }

    private static boolean exceeds(double before, double now, double allowed) {
        if (Double.isNaN(before) || Double.isNaN(now)) {
            return false;
        }
        if (Double.isInfinite(now)) {
            return !Double.isInfinite(before);
        }
        return now - before > allowed;
    }

    private static boolean grew(double before, double now) {
        return !Double.isNaN(before) && !Double.isNaN(now) && now > before;
    }

    private static Map<String, Comparison> index(ParityRun run) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (CaseResult c : run.cases()) {
            for (Comparison cmp : c.comparisons()) {
                out.put(key(c, cmp), cmp);
            }
        }
        return out;
    }

    private static String caseKey(CaseResult c) {
        return c.ref().file() + "#" + c.ref().id();
    }

    private static String key(CaseResult c, Comparison cmp) {
        return caseKey(c) + "|" + cmp.kind().jsonName() + "|" + cmp.subjectEngine() + "|" + cmp.againstEngine() + "|"
                + cmp.quantity().name();
    }

    private static List<String> engineChanges(ParityRun baseline, ParityRun current) {
        List<String> out = new ArrayList<>();
        for (EngineStatus now : current.engines()) {
            Optional<EngineStatus> old = baseline.engines().stream().filter(e -> e.name().equals(now.name())).findFirst();
            String was = old.map(ReportDiff::describe).orElse("(absent)");
            String is = describe(now);
            if (!was.equals(is)) {
                out.add(now.name() + ": " + was + " -> " + is);
            }
        }
        return out;
    }

    private static String describe(EngineStatus e) {
        if (!e.available()) {
            return "unavailable (" + e.reason() + ")";
        }
        return e.identity().map(i -> i.library() + " / " + i.runtime()).orElse("available");
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        if (Double.isInfinite(d)) {
            return "inf";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.0f", d)
                : String.format(Locale.ROOT, "%.3g", d);
    }
}
