package org.lossparity.core.result;

import java.util.List;
import java.util.Optional;
import org.lossparity.core.compare.ComparisonResult;

/**
 * One classified comparison of one quantity of one case.
 *
 * <p>Subjects and counterparts by kind:
 * <ul>
 *   <li>REFERENCE_VS_EXPECTED: subject {@code reference[<case convention>]}, against {@code expected}.</li>
 *   <li>ENGINE_VS_REFERENCE: subject the engine's evaluation key (e.g. {@code pytorch[pytorch]}), against
 *       {@code reference[<engine's convention>]}.</li>
 *   <li>ENGINE_PAIR: subject one engine's evaluation key, against the other's (e.g. {@code pytorch[pytorch]} vs
 *       {@code tensorflow[keras]}; the pair is ordered with pytorch first, then by name).</li>
 * </ul>
 * Numbers: {@code ulps} is the greatest element-wise distance in ULPs of the dtype and {@code toleranceFraction}
 * the greatest |difference| / allowed (≤ 1 passes); both NaN when nothing was compared (unsupported, error).
 * For ENGINE_VS_REFERENCE this is the engine's implementation error.
 *
 * @param kind               what is compared
 * @param quantity           value or gradient:&lt;input&gt;
 * @param subject            evaluation key of the "actual" side (see above)
 * @param against            evaluation key of the "expected" side, or {@code expected}
 * @param verdict            the classification
 * @param detail             the element-wise comparison subject vs against (absent when nothing was compared)
 * @param ulps               greatest ULP distance subject vs against
 * @param toleranceFraction  greatest |difference| / allowed subject vs against
 * @param histogram          element-wise ULP error distribution subject vs against (absent when not compared)
 * @param explanation        human text: why this verdict; for semantic divergences both references to the
 *                           last digit, the rule and the region; for failures the full mismatch message
 * @param divergenceRuleId   catalogue rule explaining a semantic divergence (fixtures/divergences.json)
 * @param knownDefectId      known defect matched (fixtures/known-defects.json), for EXPECTED_FAILURE/UNEXPECTED_PASS
 * @param closerToTruth      ENGINE_PAIR: the engine whose result is closer to its own reference (absent on a tie
 *                           or when not both were compared)
 * @param subjectUlpsToTruth ENGINE_PAIR: ULPs of the subject from its own reference (NaN if not known)
 * @param againstUlpsToTruth ENGINE_PAIR: ULPs of the other engine from its own reference (NaN if not known)
 * @param regions            where the divergence rule applies, e.g. "elements with p &lt; 1e-7: indices [0, 3]"
 */
public record Comparison(ComparisonKind kind, Quantity quantity, String subject, String against, Verdict verdict,
                         Optional<ComparisonResult> detail, double ulps, double toleranceFraction,
                         Optional<ErrorHistogram> histogram, String explanation, Optional<String> divergenceRuleId,
                         Optional<String> knownDefectId, Optional<String> closerToTruth, double subjectUlpsToTruth,
                         double againstUlpsToTruth, List<String> regions) {

    public static final String EXPECTED = "expected";

    public Comparison {
        regions = List.copyOf(regions);
        explanation = explanation == null ? "" : explanation;
    }

    /** The engine name of the subject, without the convention suffix. */
    public String subjectEngine() {
        return engineOf(subject);
    }

    /** The engine name of the other side ({@code expected} for REFERENCE_VS_EXPECTED). */
    public String againstEngine() {
        return engineOf(against);
    }

    private static String engineOf(String key) {
        int i = key.indexOf('[');
        return i < 0 ? key : key.substring(0, i);
    }

    /** Readable, e.g. {@code pytorch vs reference value} or {@code pytorch vs tensorflow gradient:prediction}. */
    public String label() {
        return switch (kind) {
            case REFERENCE_VS_EXPECTED -> "reference vs expected " + quantity;
            case ENGINE_VS_REFERENCE -> subjectEngine() + " vs reference " + quantity;
            case ENGINE_PAIR -> subjectEngine() + " vs " + againstEngine() + " " + quantity;
        };
    }
}
