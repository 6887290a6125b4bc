package org.lossparity.core.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text form of numbers that survives a round trip: 9 significant digits for float32, 17 for float64,
 * and explicit names for the values decimal text cannot carry unambiguously.
 */
public final class Numbers {
    public static final String NAN = "NaN";
    public static final String POSITIVE_INFINITY = "Infinity";
    public static final String NEGATIVE_INFINITY = "-Infinity";
    public static final String NEGATIVE_ZERO = "-0.0";

    private Numbers() {}

    /** Decimal text with the dtype's round-trip digits, trailing zeros dropped; or a special name. */
    public static String format(double value, DType dtype) {
        String special = specialName(value);
        if (special != null) {
            return special;
        }
        if (dtype == DType.INT64) {
            return Long.toString((long) value);
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal rounded = exact.round(new MathContext(dtype.roundTripDigits(), RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        // Plain notation for everyday magnitudes keeps fixtures and reports readable.
        if (exponent >= -5 && exponent < 21) {
            String plain = rounded.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return rounded.toString();
    }

    /** "NaN", "Infinity", "-Infinity" or "-0.0" for those values, otherwise null. */
    public static String specialName(double value) {
        if (Double.isNaN(value)) {
            return NAN;
        }
        if (value == Double.POSITIVE_INFINITY) {
            return POSITIVE_INFINITY;
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return NEGATIVE_INFINITY;
        }
        if (value == 0.0 && Double.doubleToRawLongBits(value) != 0L) {
            return NEGATIVE_ZERO;
        }
        return null;
    }

    /** True for values that are not zero but below the dtype's smallest normal magnitude. */
    public static boolean isSubnormal(double value, DType dtype) {
        double a = Math.abs(value);
        return switch (dtype) {
            case FLOAT32 -> a != 0 && a < Float.MIN_NORMAL;
            case FLOAT64 -> a != 0 && a < Double.MIN_NORMAL;
            case INT64 -> false;
        };
    }

    /** Exact hexadecimal text, used for subnormals so that no decimal rounding is involved. */
    public static String hex(double value, DType dtype) {
        return dtype == DType.FLOAT32 ? Float.toHexString((float) value) : Double.toHexString(value);
    }

    /**
     * Parses text written by {@link #format} or {@link #hex} (or any decimal) straight into the dtype, so a
     * float32 is rounded once from the decimal, never through a double first.
     */
    public static double parse(String text, DType dtype) {
        switch (text) {
            case NAN:
                return Double.NaN;
            case POSITIVE_INFINITY:
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY:
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        return switch (dtype) {
            case FLOAT32 -> Float.parseFloat(text);
            case FLOAT64 -> Double.parseDouble(text);
            case INT64 -> (double) Long.parseLong(text);
        };
    }

    /**
     * Distance in units in the last place of the dtype between two finite values (0 when bit-equal or both
     * zero); infinite when exactly one is NaN or the signs of infinities differ.
     */
    public static double ulpDistance(double a, double b, DType dtype) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (a == b) {
            return 0;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.POSITIVE_INFINITY;
        }
        if (dtype == DType.FLOAT32) {
            return Math.abs((double) (orderedBits((float) a) - orderedBits((float) b)));
        }
        long x = orderedBits(a);
        long y = orderedBits(b);
        // Opposite signs can overflow a long difference; there the distance is far beyond any tolerance anyway.
        if ((x < 0) != (y < 0)) {
            return (double) Math.abs(x) + (double) Math.abs(y);
        }
        return (double) Math.abs(x - y);
    }

    private static long orderedBits(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    private static long orderedBits(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? -(bits & 0x7fffffffffffffffL) : bits;
    }
}
