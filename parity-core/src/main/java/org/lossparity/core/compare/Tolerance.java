package org.lossparity.core.compare;

import org.lossparity.core.tensor.DType;

/**
 * The closeness rule |actual − expected| ≤ atol + rtol·|expected|. Defaults follow the dtype; anything else
 * must say why.
 *
 * @param rtol   relative tolerance
 * @param atol   absolute tolerance
 * @param reason empty for the dtype default; otherwise why this case needs other slack
 */
public record Tolerance(double rtol, double atol, String reason) {

    public static final Tolerance FLOAT32 = new Tolerance(1.3e-6, 1e-5, "");
    public static final Tolerance FLOAT64 = new Tolerance(1e-7, 1e-7, "");

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative numbers, got rtol=" + rtol + " atol=" + atol);
        }
        if (reason == null) {
            reason = "";
        }
    }

    public static Tolerance defaultFor(DType dtype) {
        return dtype == DType.FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** An override; the reason is mandatory so that a reader of the report knows why the slack exists. */
    public static Tolerance override(double rtol, double atol, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a tolerance override needs a written reason");
        }
        return new Tolerance(rtol, atol, reason);
    }

    public boolean isDefault() {
        return reason.isEmpty();
    }

    public double allowed(double expected) {
        return atol + rtol * Math.abs(expected);
    }

    @Override
    public String toString() {
        return "rtol=" + rtol + ", atol=" + atol + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
