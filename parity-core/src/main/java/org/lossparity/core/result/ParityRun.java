package org.lossparity.core.result;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The whole result of {@code parity run}: see the package documentation for the shape. Built by
 * {@code org.lossparity.core.run.ParityRunner}, written and read by the JSON report, rendered by the HTML report.
 *
 * @param info         when and where (the only part that differs between two identical runs)
 * @param settings     what was asked for
 * @param engines      every engine asked for, available or not, sorted by name
 * @param cases        sorted by file and pointer
 * @param loadProblems fixtures that did not load, sorted by file and pointer
 * @param divergences  the divergence catalogue in force, in file order
 * @param knownDefects the known-defect list in force, in file order
 */
public record ParityRun(RunInfo info, RunSettings settings, List<EngineStatus> engines, List<CaseResult> cases,
                        List<LoadProblem> loadProblems, List<DivergenceRule> divergences,
                        List<KnownDefect> knownDefects) {

    public ParityRun {
        engines = List.copyOf(engines);
        cases = List.copyOf(cases);
        loadProblems = List.copyOf(loadProblems);
        divergences = List.copyOf(divergences);
        knownDefects = List.copyOf(knownDefects);
    }

    public Summary summary() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (CaseResult c : cases) {
            for (Comparison cmp : c.comparisons()) {
                counts.merge(cmp.verdict(), 1, Integer::sum);
            }
        }
        return new Summary(counts, cases.size(), loadProblems.size());
    }

    /** Whether the run passes: every comparison counts as a pass and every fixture loaded. */
    public boolean passed() {
        return summary().passed();
    }
}
