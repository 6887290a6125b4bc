package org.lossparity.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void float32TextHasAtMostNineSignificantDigitsAndRoundTrips() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            String text = Numbers.format(f, DType.FLOAT32);
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((float) Numbers.parse(text, DType.FLOAT32)), text);
            assertTrue(significantDigits(text) <= 9, text);
        }
    }

    @Test
    void float64TextHasAtMostSeventeenSignificantDigitsAndRoundTrips() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String text = Numbers.format(d, DType.FLOAT64);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Numbers.parse(text, DType.FLOAT64)), text);
            assertTrue(significantDigits(text) <= 17, text);
        }
    }

    @Test
    void specialValuesHaveNames() {
        assertEquals("NaN", Numbers.format(Double.NaN, DType.FLOAT32));
        assertEquals("Infinity", Numbers.format(Double.POSITIVE_INFINITY, DType.FLOAT64));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY, DType.FLOAT64));
        assertEquals("-0.0", Numbers.format(-0.0, DType.FLOAT32));
        assertEquals("0.0", Numbers.format(0.0, DType.FLOAT32));
        assertTrue(Double.isNaN(Numbers.parse("NaN", DType.FLOAT64)));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.parse("-Infinity", DType.FLOAT32));
    }

    @Test
    void readableForEverydayMagnitudes() {
        assertEquals("2.5", Numbers.format(2.5, DType.FLOAT64));
        assertEquals("0.10000000000000001", Numbers.format(0.1, DType.FLOAT64));
        assertEquals("0.100000001", Numbers.format(0.1f, DType.FLOAT32));
        assertEquals("100.0", Numbers.format(100, DType.FLOAT32));
        assertEquals("9.9999999999999995E-8", Numbers.format(1e-7, DType.FLOAT64));
        assertEquals("1.00000001E-7", Numbers.format(1e-7f, DType.FLOAT32));
    }

    @Test
    void subnormalsAreDetectedPerDtype() {
        assertTrue(Numbers.isSubnormal(Float.MIN_VALUE, DType.FLOAT32));
        assertFalse(Numbers.isSubnormal(Float.MIN_VALUE, DType.FLOAT64));
        assertTrue(Numbers.isSubnormal(Double.MIN_VALUE, DType.FLOAT64));
        assertEquals("0x0.000002p-126", Numbers.hex(Float.MIN_VALUE, DType.FLOAT32));
    }

    @Test
    void ulpDistanceCountsRepresentableStepsAcrossZero() {
        assertEquals(0, Numbers.ulpDistance(1.0, 1.0, DType.FLOAT64));
        assertEquals(2, Numbers.ulpDistance(-Float.MIN_VALUE, Float.MIN_VALUE, DType.FLOAT32));
        assertEquals(1, Numbers.ulpDistance(1.0f, Math.nextUp(1.0f), DType.FLOAT32));
        assertEquals(Double.POSITIVE_INFINITY, Numbers.ulpDistance(Double.NaN, 1, DType.FLOAT64));
        assertEquals(0, Numbers.ulpDistance(Double.NaN, Double.NaN, DType.FLOAT64));
    }

    private static int significantDigits(String text) {
        String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "");
        mantissa = mantissa.replaceFirst("0+$", "");
        return Math.max(1, mantissa.length());
    }
}
