package org.lossparity.core.compare;

import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

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

    /** Smallest fraction of the dtype's atol that a gradient comparison keeps. */
    static final double GRADIENT_SCALE_FLOOR = 1e-6;

    /**
     * The tolerance for a gradient whose true value is {@code expected}. A default atol is absolute, so a gradient
     * that is small everywhere (the mean over 10⁶ elements has entries near 1e-6) would pass it even if an engine
     * returned zeros; the default atol is therefore scaled by the gradient's largest finite magnitude (between
     * {@value #GRADIENT_SCALE_FLOOR} and 1). A gradient that is exactly zero everywhere keeps the default: there
     * zeros are the right answer, and the engines' rounding noise scales with the terms that cancel, not with 0.
     * An override is used as written: its reason already says what it allows.
     */
    public Tolerance forGradient(Tensor expected) {
        if (!isDefault()) {
            return this;
        }
        double largest = 0;
        for (int i = 0; i < expected.size(); i++) {
            double v = Math.abs(expected.getDouble(i));
            if (Double.isFinite(v)) {
                largest = Math.max(largest, v);
            }
        }
        double scale = Math.min(1.0, Math.max(GRADIENT_SCALE_FLOOR, largest));
        if (largest == 0 || scale == 1.0) {
            return this;
        }
        return new Tolerance(rtol, atol * scale, "dtype default, atol scaled by the gradient's largest magnitude ("
                + Numbers.format(scale, DType.FLOAT64) + ")");
    }
}
