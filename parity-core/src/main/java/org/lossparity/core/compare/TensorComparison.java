package org.lossparity.core.compare;

import java.util.Arrays;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * The one comparison routine. Element i passes when |a − e| ≤ atol + rtol·|e|, or when both are NaN, or both are
 * the same infinity. Signed zero: −0.0 and +0.0 compare equal unless {@link SignedZero#STRICT} is asked for
 * (the difference is still counted in ULPs: one step apart). ULPs are measured in the dtype of the expected
 * tensor.
 */
public final class TensorComparison {

    /** Whether −0.0 and +0.0 are interchangeable. */
    public enum SignedZero {
        EQUAL, STRICT
    }

    private TensorComparison() {}

    public static ComparisonResult compare(Tensor actual, Tensor expected, Tolerance tolerance) {
        return compare(actual, expected, tolerance, SignedZero.EQUAL);
    }

    public static ComparisonResult compare(Tensor actual, Tensor expected, Tolerance tolerance, SignedZero zeros) {
        DType dtype = expected.dtype().isFloating() ? expected.dtype() : DType.FLOAT64;
        int n = expected.size();
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            String problem = "actual " + Arrays.toString(actual.shape()) + " vs expected " + Arrays.toString(expected.shape());
            return new ComparisonResult(false, problem, dtype, n, n, Double.NaN, "[]", Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, "[]", Double.POSITIVE_INFINITY, "[]", null, tolerance, Double.POSITIVE_INFINITY, "[]");
        }
        int mismatched = 0;
        int maxAbsIdx = n == 0 ? -1 : 0;
        int maxRelIdx = maxAbsIdx;
        int maxUlpIdx = maxAbsIdx;
        double maxAbs = 0;
        double maxRel = 0;
        double maxUlps = 0;
        double worstFraction = 0;
        int worstFractionIdx = maxAbsIdx;
        String special = null;
        for (int i = 0; i < n; i++) {
            double a = actual.getDouble(i);
            double e = expected.getDouble(i);
            double allowed = tolerance.allowed(e);
            boolean ok;
            double abs;
            if (Double.isNaN(a) || Double.isNaN(e) || Double.isInfinite(a) || Double.isInfinite(e)) {
                ok = (Double.isNaN(a) && Double.isNaN(e)) || a == e;
                abs = ok ? 0 : Double.POSITIVE_INFINITY;
                if (!ok && special == null) {
                    special = "actual " + Numbers.format(a, dtype) + " vs expected " + Numbers.format(e, dtype)
                            + " at index " + expected.indexOf(i);
                }
            } else {
                abs = Math.abs(a - e);
                ok = abs <= allowed;
                if (ok && zeros == SignedZero.STRICT && a == 0 && e == 0
                        && Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(e)) {
                    ok = false;
                    if (special == null) {
                        special = "actual " + Numbers.format(a, dtype) + " vs expected " + Numbers.format(e, dtype)
                                + " at index " + expected.indexOf(i) + " (signed zeros compared strictly)";
                    }
                }
            }
            if (!ok) {
                mismatched++;
            }
            double rel = abs == 0 ? 0 : (e == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(e));
            double ulps = Numbers.ulpDistance(a, e, dtype);
            if (zeros == SignedZero.STRICT && a == 0 && e == 0
                    && Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(e)) {
                ulps = 1;
            }
            double fraction = allowed == 0 ? (abs == 0 ? 0 : Double.POSITIVE_INFINITY) : abs / allowed;
            if (abs > maxAbs) {
                maxAbs = abs;
                maxAbsIdx = i;
            }
            if (fraction > worstFraction) {
                worstFraction = fraction;
                worstFractionIdx = i;
            }
            if (rel > maxRel) {
                maxRel = rel;
                maxRelIdx = i;
            }
            if (ulps > maxUlps) {
                maxUlps = ulps;
                maxUlpIdx = i;
            }
        }
        String absAt = maxAbsIdx < 0 ? "[]" : expected.indexOf(maxAbsIdx);
        double allowedAt = maxAbsIdx < 0 ? tolerance.atol() : tolerance.allowed(expected.getDouble(maxAbsIdx));
        double actualAt = maxAbsIdx < 0 ? Double.NaN : actual.getDouble(maxAbsIdx);
        double expectedAt = maxAbsIdx < 0 ? Double.NaN : expected.getDouble(maxAbsIdx);
        return new ComparisonResult(mismatched == 0, null, dtype, mismatched, n, maxAbs, absAt, allowedAt, actualAt,
                expectedAt, maxRel, maxRelIdx < 0 ? "[]" : expected.indexOf(maxRelIdx), maxUlps,
                maxUlpIdx < 0 ? "[]" : expected.indexOf(maxUlpIdx), special, tolerance, worstFraction,
                worstFractionIdx < 0 ? "[]" : expected.indexOf(worstFractionIdx));
    }
}
