package org.lossparity.core.result;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything about one fixture case.
 *
 * @param ref          which case
 * @param inputs       the case's inputs by name (sorted), as report previews
 * @param expected     hand-verified values of the fixture, if any
 * @param evaluations  one per engine evaluation, sorted by engine name then convention
 * @param comparisons  sorted by kind (reference vs expected, engine vs reference, pairs), subject, against,
 *                     quantity
 */
public record CaseResult(CaseRef ref, Map<String, TensorData> inputs, Optional<ExpectedData> expected,
                         List<Evaluation> evaluations, List<Comparison> comparisons) {

    public CaseResult {
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
        evaluations = List.copyOf(evaluations);
        comparisons = List.copyOf(comparisons);
    }

    public Optional<Evaluation> evaluation(String engine, org.lossparity.core.spec.Convention convention) {
        return evaluations.stream().filter(e -> e.engine().equals(engine) && e.convention() == convention).findFirst();
    }

    /** The evaluation of a non-reference engine (engines other than the reference evaluate once per case). */
    public Optional<Evaluation> evaluation(String engine) {
        return evaluations.stream().filter(e -> e.engine().equals(engine)).findFirst();
    }

    /** Whether every comparison counts as a pass. */
    public boolean passed() {
        return comparisons.stream().allMatch(c -> c.verdict().countsAsPass());
    }
}
