package org.lossparity.core.compare;

import java.util.Locale;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;

/**
 * The outcome of comparing one tensor against another, with everything a reader needs to see what is wrong.
 * Indices are flat (row-major); {@code *At} fields give them as multi-dimensional text.
 */
public record ComparisonResult(
        boolean passed,
        String shapeProblem,
        DType dtype,
        int mismatched,
        int total,
        double maxAbsDiff,
        String maxAbsAt,
        double allowedAtMaxAbs,
        double actualAtMaxAbs,
        double expectedAtMaxAbs,
        double maxRelDiff,
        String maxRelAt,
        double maxUlps,
        String maxUlpsAt,
        String firstSpecialMismatch,
        Tolerance tolerance,
        double worstFraction,
        String worstFractionAt) {

    /**
     * The worst ratio of difference to allowance over all elements (≤ 1 means within tolerance), at
     * {@link #worstFractionAt()}; NaN, infinity and shape mismatches give infinity. Not necessarily at the element
     * with the greatest absolute difference: a small difference next to a small expected value can be the worst.
     */
    public double toleranceFraction() {
        if (shapeProblem != null || firstSpecialMismatch != null) {
            return Double.POSITIVE_INFINITY;
        }
        return worstFraction;
    }

    /** torch.testing-style explanation; "equal within tolerance (...)" when passed. */
    public String message() {
        if (shapeProblem != null) {
            return "Shapes do not match: " + shapeProblem;
        }
        String ulp = Double.isInfinite(maxUlps) ? "inf" : String.format(Locale.ROOT, "%.0f", maxUlps);
        if (passed) {
            return String.format(Locale.ROOT, "equal within tolerance (%s); greatest absolute difference %s, %s ULP",
                    tolerance, Numbers.format(maxAbsDiff, DType.FLOAT64), ulp);
        }
        StringBuilder sb = new StringBuilder("Tensors are not close!\n\n");
        sb.append(String.format(Locale.ROOT, "Mismatched elements: %d / %d (%.1f%%)%n", mismatched, total,
                total == 0 ? 0.0 : 100.0 * mismatched / total));
        if (firstSpecialMismatch != null) {
            sb.append("Non-finite or signed-zero mismatch: ").append(firstSpecialMismatch).append('\n');
        }
        sb.append("Greatest absolute difference: ").append(Numbers.format(maxAbsDiff, DType.FLOAT64))
                .append(" at index ").append(maxAbsAt)
                .append(" (actual ").append(Numbers.format(actualAtMaxAbs, dtype))
                .append(", expected ").append(Numbers.format(expectedAtMaxAbs, dtype))
                .append("; up to ").append(Numbers.format(allowedAtMaxAbs, DType.FLOAT64)).append(" allowed)\n");
        sb.append("Greatest relative difference: ").append(Numbers.format(maxRelDiff, DType.FLOAT64))
                .append(" at index ").append(maxRelAt)
                .append(" (up to ").append(tolerance.rtol()).append(" allowed)\n");
        sb.append("Greatest ULP distance (").append(dtype).append("): ").append(ulp).append(" at index ").append(maxUlpsAt)
                .append('\n');
        sb.append("Worst difference relative to its allowance: ").append(Numbers.format(worstFraction, DType.FLOAT64))
                .append("x at index ").append(worstFractionAt).append('\n');
        sb.append("Tolerance: ").append(tolerance);
        return sb.toString();
    }
}
