package org.lossparity.reports.html;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lossparity.core.result.Verdict;

/** How the report shows a verdict: its CSS class, its place in the "worst first" order and a one-line meaning. */
final class VerdictStyles {
    /**
     * Worst first. A cell or case takes the colour of its worst comparison, so a single failure among many passes
     * is never hidden; explained differences rank below unexplained ones, and "unsupported" (a hole in the
     * coverage) just above a pass.
     */
    static final List<Verdict> WORST_FIRST = List.of(Verdict.ERROR, Verdict.FAILURE, Verdict.UNEXPECTED_PASS,
            Verdict.EXPECTED_FAILURE, Verdict.NUMERICAL, Verdict.SEMANTIC_DIVERGENCE, Verdict.UNSUPPORTED,
            Verdict.PASS);

    private static final Map<Verdict, String> MEANING = Map.of(
            Verdict.PASS, "within tolerance",
            Verdict.SEMANTIC_DIVERGENCE, "the conventions define different numbers here; a catalogue rule explains it",
            Verdict.NUMERICAL, "same definition, different rounding; each engine matches its own reference",
            Verdict.FAILURE, "beyond tolerance with no explanation",
            Verdict.EXPECTED_FAILURE, "beyond tolerance, matching a known engine defect",
            Verdict.UNEXPECTED_PASS, "a known defect no longer shows: update the defect list",
            Verdict.UNSUPPORTED, "the engine or the other convention cannot express the case",
            Verdict.ERROR, "an engine threw or produced something that cannot be compared");

    private VerdictStyles() {}

    /** {@code v-semantic-divergence}. */
    static String cssClass(Verdict v) {
        return "v-" + v.jsonName().replace('_', '-');
    }

    static String meaning(Verdict v) {
        return MEANING.get(v);
    }

    /** Position in {@link #WORST_FIRST}: smaller is worse. */
    static int rank(Verdict v) {
        return WORST_FIRST.indexOf(v);
    }

    /** The worse of two verdicts; {@code null} stands for "nothing yet". */
    static Verdict worse(Verdict a, Verdict b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(a) <= rank(b) ? a : b;
    }

    /** Verdict label with a capital, for headings and legends. */
    static String title(Verdict v) {
        String l = v.label();
        return l.substring(0, 1).toUpperCase(Locale.ROOT) + l.substring(1);
    }
}
