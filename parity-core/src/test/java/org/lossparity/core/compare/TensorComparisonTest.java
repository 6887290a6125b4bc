package org.lossparity.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class TensorComparisonTest {

    private static Tensor f64(double... v) {
        return Tensor.ofFloats(DType.FLOAT64, new long[] {v.length}, v);
    }

    private static Tensor f32(double... v) {
        return Tensor.ofFloats(DType.FLOAT32, new long[] {v.length}, v);
    }

    @Test
    void dtypeDefaultsAreTorchTestingValues() {
        assertEquals(1.3e-6, Tolerance.defaultFor(DType.FLOAT32).rtol());
        assertEquals(1e-5, Tolerance.defaultFor(DType.FLOAT32).atol());
        assertEquals(1e-7, Tolerance.defaultFor(DType.FLOAT64).rtol());
        assertEquals(1e-7, Tolerance.defaultFor(DType.FLOAT64).atol());
    }

    @Test
    void closenessRuleIsAtolPlusRtolTimesExpected() {
        Tolerance t = new Tolerance(0.1, 1.0, "");
        // allowed = 1 + 0.1 * 10 = 2: 12 passes, 12.5 does not.
        assertTrue(TensorComparison.compare(f64(12.0), f64(10.0), t).passed());
        assertFalse(TensorComparison.compare(f64(12.5), f64(10.0), t).passed());
        // The rule is asymmetric: relative to the expected value.
        assertTrue(TensorComparison.compare(f64(10.0), f64(12.0), new Tolerance(1.0 / 6, 0, "")).passed());
    }

    @Test
    void mismatchMessageNamesCountIndicesAndAllowance() {
        Tensor expected = Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 2, 3, 4});
        Tensor actual = Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 2.5, 3, 4.001});
        ComparisonResult r = TensorComparison.compare(actual, expected, Tolerance.FLOAT64);
        assertFalse(r.passed());
        assertEquals(2, r.mismatched());
        assertEquals(4, r.total());
        assertEquals(0.5, r.maxAbsDiff());
        assertEquals("[0, 1]", r.maxAbsAt());
        assertEquals(0.25, r.maxRelDiff());
        assertEquals("[0, 1]", r.maxRelAt());
        String m = r.message();
        assertTrue(m.contains("Mismatched elements: 2 / 4 (50.0%)"), m);
        assertTrue(m.contains("Greatest absolute difference: 0.5 at index [0, 1]"), m);
        assertTrue(m.contains("up to 2.0000001E-7 allowed") || m.contains("allowed"), m);
        assertTrue(m.contains("Greatest relative difference: 0.25 at index [0, 1]"), m);
        assertTrue(m.contains("Greatest ULP distance (float64)"), m);
    }

    @Test
    void ulpDistanceIsMeasuredInTheExpectedDtype() {
        float one = 1.0f;
        float next = Math.nextUp(one);
        ComparisonResult r = TensorComparison.compare(f32(next), f32(one), new Tolerance(0, 0, "exact"));
        assertFalse(r.passed());
        assertEquals(1.0, r.maxUlps());
        ComparisonResult d = TensorComparison.compare(f64(Math.nextUp(1.0)), f64(1.0), new Tolerance(0, 0, "exact"));
        assertEquals(1.0, d.maxUlps());
    }

    @Test
    void nanMatchesOnlyNanAndInfinitiesMustAgreeInSign() {
        Tolerance loose = new Tolerance(1, 1e9, "loose on purpose");
        assertTrue(TensorComparison.compare(f64(Double.NaN), f64(Double.NaN), loose).passed());
        assertFalse(TensorComparison.compare(f64(0.0), f64(Double.NaN), loose).passed());
        assertFalse(TensorComparison.compare(f64(Double.NaN), f64(1.0), loose).passed());
        assertTrue(TensorComparison.compare(f64(Double.POSITIVE_INFINITY), f64(Double.POSITIVE_INFINITY), loose).passed());
        ComparisonResult r = TensorComparison.compare(f64(Double.NEGATIVE_INFINITY), f64(Double.POSITIVE_INFINITY), loose);
        assertFalse(r.passed());
        assertTrue(r.message().contains("actual -Infinity vs expected Infinity at index [0]"), r.message());
        // A huge finite value is not an infinity, however loose the tolerance.
        assertFalse(TensorComparison.compare(f64(1e300), f64(Double.POSITIVE_INFINITY), loose).passed());
    }

    @Test
    void signedZeroIsEqualByDefaultAndDistinctWhenStrict() {
        Tolerance exact = new Tolerance(0, 0, "exact");
        assertTrue(TensorComparison.compare(f64(-0.0), f64(0.0), exact).passed());
        ComparisonResult strict = TensorComparison.compare(f64(-0.0), f64(0.0), exact, TensorComparison.SignedZero.STRICT);
        assertFalse(strict.passed());
        assertEquals(1.0, strict.maxUlps());
        assertTrue(strict.message().contains("signed zeros"), strict.message());
    }

    @Test
    void shapeMismatchIsReportedNotCompared() {
        Tensor a = Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {1, 2});
        Tensor e = Tensor.ofFloats(DType.FLOAT64, new long[] {1, 2}, new double[] {1, 2});
        ComparisonResult r = TensorComparison.compare(a, e, Tolerance.FLOAT64);
        assertFalse(r.passed());
        assertTrue(r.message().startsWith("Shapes do not match: actual [2] vs expected [1, 2]"), r.message());
    }

    @Test
    void emptyTensorsAreEqual() {
        Tensor empty = Tensor.ofFloats(DType.FLOAT32, new long[] {0}, new double[0]);
        ComparisonResult r = TensorComparison.compare(empty, empty, Tolerance.FLOAT32);
        assertTrue(r.passed());
        assertEquals(0, r.total());
    }

    @Test
    void overridesNeedAReason() {
        assertThrows(IllegalArgumentException.class, () -> Tolerance.override(1e-3, 1e-3, " "));
        assertEquals("fused kernel", Tolerance.override(1e-3, 1e-3, "fused kernel").reason());
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0, "x"));
    }

    @Test
    void toleranceFractionIsWorstDifferenceOverAllowance() {
        Tolerance t = new Tolerance(0, 0.5, "half");
        ComparisonResult r = TensorComparison.compare(f64(1.25, 2.0), f64(1.0, 2.0), t);
        assertEquals(0.5, r.toleranceFraction());
    }

    @Test
    void toleranceFractionIsTheWorstRatioNotTheRatioAtTheLargestDifference() {
        // Element 0 has the larger absolute difference but a large allowance; element 1 is the one out of tolerance.
        ComparisonResult r = TensorComparison.compare(f32(1000.001, 2e-5), f32(1000.0, 0.0), Tolerance.FLOAT32);
        assertFalse(r.passed());
        assertEquals("[0]", r.maxAbsAt());
        assertEquals("[1]", r.worstFractionAt());
        assertTrue(r.toleranceFraction() > 1, "fraction " + r.toleranceFraction());
    }

    @Test
    void gradientToleranceScalesWithTheGradientSoThatZerosCannotPassForSmallGradients() {
        // The gradient of a mean over 10^6 elements has entries near 1e-6, below float32's absolute atol of 1e-5.
        double[] g = new double[1000];
        java.util.Arrays.fill(g, 1e-6);
        Tensor truth = f32(g);
        Tensor zeros = f32(new double[1000]);
        assertTrue(TensorComparison.compare(zeros, truth, Tolerance.FLOAT32).passed(),
                "the plain default cannot see a missing gradient of this size");
        Tolerance scaled = Tolerance.FLOAT32.forGradient(truth);
        assertFalse(TensorComparison.compare(zeros, truth, scaled).passed());
        assertTrue(TensorComparison.compare(f32(scaledBy(g, 1 + 1e-7)), truth, scaled).passed());
        assertTrue(scaled.reason().contains("scaled"), scaled.reason());
    }

    @Test
    void gradientToleranceKeepsDefaultsForUnitScaleOrExactlyZeroGradientsAndOverrides() {
        assertEquals(Tolerance.FLOAT32, Tolerance.FLOAT32.forGradient(f32(0.0, -0.0)));
        assertEquals(Tolerance.FLOAT64, Tolerance.FLOAT64.forGradient(f64(3.0, -0.5)));
        Tolerance override = Tolerance.override(1e-3, 1e-3, "fused kernel");
        assertEquals(override, override.forGradient(f64(1e-9)));
        assertEquals(1e-5 * 1e-6, Tolerance.FLOAT32.forGradient(f32(1e-12)).atol(), 1e-20);
    }

    private static double[] scaledBy(double[] v, double factor) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
