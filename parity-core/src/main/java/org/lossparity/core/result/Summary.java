package org.lossparity.core.result;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts over a run.
 *
 * @param verdicts     number of comparisons per verdict (every verdict present, zero included)
 * @param cases        number of cases
 * @param loadProblems number of fixture load problems
 */
public record Summary(Map<Verdict, Integer> verdicts, int cases, int loadProblems) {
    public Summary {
        EnumMap<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, verdicts.getOrDefault(v, 0));
        }
        verdicts = Collections.unmodifiableMap(m);
    }

    public int count(Verdict v) {
        return verdicts.get(v);
    }

    public int comparisons() {
        return verdicts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when every comparison counts as a pass and every fixture loaded. */
    public boolean passed() {
        return loadProblems == 0 && verdicts.entrySet().stream().allMatch(e -> e.getKey().countsAsPass() || e.getValue() == 0);
    }
}
