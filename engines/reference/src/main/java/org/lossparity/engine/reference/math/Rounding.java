package org.lossparity.engine.reference.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.lossparity.core.tensor.DType;

/**
 * Correct rounding (round half to even) of a BigDecimal to float and double, including subnormals and overflow
 * to infinity. The library parser gives a candidate; the exact comparison with both neighbours decides, so the
 * result does not depend on the JDK's parser being correctly rounded.
 */
public final class Rounding {
    private Rounding() {}

    public static double toDouble(BigDecimal v) {
        double candidate = Double.parseDouble(v.toString());
        if (v.signum() == 0) {
            return 0.0;
        }
        double best = candidate;
        if (Double.isInfinite(candidate)) {
            best = Math.copySign(Double.MAX_VALUE, candidate);
        }
        best = nearestDouble(v, best, Math.nextDown(best));
        best = nearestDouble(v, best, Math.nextUp(best));
        // Overflow: beyond MAX_VALUE + half an ULP rounds to infinity.
        BigDecimal max = new BigDecimal(Double.MAX_VALUE);
        BigDecimal halfUlp = new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2));
        if (v.abs().compareTo(max.add(halfUlp)) >= 0) {
            return v.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return best;
    }

    public static float toFloat(BigDecimal v) {
        if (v.signum() == 0) {
            return 0.0f;
        }
        float candidate = Float.parseFloat(v.toString());
        float best = Float.isInfinite(candidate) ? Math.copySign(Float.MAX_VALUE, candidate) : candidate;
        best = nearestFloat(v, best, Math.nextDown(best));
        best = nearestFloat(v, best, Math.nextUp(best));
        BigDecimal max = new BigDecimal(Float.MAX_VALUE);
        BigDecimal halfUlp = new BigDecimal(Math.ulp(Float.MAX_VALUE)).divide(BigDecimal.valueOf(2));
        if (v.abs().compareTo(max.add(halfUlp)) >= 0) {
            return v.signum() > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        return best;
    }

    /** The value correctly rounded to the dtype, as a double. */
    public static double to(DType dtype, BigDecimal v) {
        return dtype == DType.FLOAT32 ? toFloat(v) : toDouble(v);
    }

    /**
     * True when v lies so close to a rounding boundary of the dtype (a midpoint between two neighbours) that an
     * error of relative size 10^-(digits-8) could change the rounded result: the engine then recomputes with
     * more digits.
     */
    public static boolean nearBoundary(DType dtype, BigDecimal v, int digits) {
        if (v.signum() == 0) {
            return false;
        }
        double r = to(dtype, v);
        if (Double.isInfinite(r)) {
            return false;
        }
        BigDecimal rounded = new BigDecimal(r);
        double neighbour = v.compareTo(rounded) >= 0 ? up(dtype, r) : down(dtype, r);
        if (Double.isInfinite(neighbour)) {
            return false;
        }
        BigDecimal midpoint = rounded.add(new BigDecimal(neighbour)).divide(BigDecimal.valueOf(2));
        BigDecimal slack = v.abs().multiply(BigDecimal.ONE.movePointLeft(Math.max(1, digits - 8)),
                new MathContext(10, RoundingMode.UP));
        return v.subtract(midpoint).abs().compareTo(slack) <= 0;
    }

    private static double up(DType dtype, double r) {
        return dtype == DType.FLOAT32 ? Math.nextUp((float) r) : Math.nextUp(r);
    }

    private static double down(DType dtype, double r) {
        return dtype == DType.FLOAT32 ? Math.nextDown((float) r) : Math.nextDown(r);
    }

    private static double nearestDouble(BigDecimal v, double current, double other) {
        if (Double.isInfinite(other) || Double.isNaN(other)) {
            return current;
        }
        int c = compareDistance(v, new BigDecimal(current), new BigDecimal(other));
        if (c > 0 || (c == 0 && (Double.doubleToRawLongBits(other) & 1L) == 0)) {
            return other;
        }
        return current;
    }

    private static float nearestFloat(BigDecimal v, float current, float other) {
        if (Float.isInfinite(other) || Float.isNaN(other)) {
            return current;
        }
        int c = compareDistance(v, new BigDecimal(current), new BigDecimal(other));
        if (c > 0 || (c == 0 && (Float.floatToRawIntBits(other) & 1) == 0)) {
            return other;
        }
        return current;
    }

    /** Sign of |v - a| - |v - b|. */
    private static int compareDistance(BigDecimal v, BigDecimal a, BigDecimal b) {
        return v.subtract(a).abs().compareTo(v.subtract(b).abs());
    }
}
