package org.lossparity.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class DivergenceDetectorsTest {

    private static DivergenceDetectors.Sides sides(LossKind loss, Map<String, ?> params, Reduction reduction,
                                                   Map<String, Tensor> inputs) {
        LossSpec pt = LossSpec.of(loss, params, reduction, Convention.PYTORCH, DType.FLOAT32);
        LossSpec keras = pt.counterpartIn(Convention.KERAS).orElseThrow().spec();
        return new DivergenceDetectors.Sides(pt, inputs, keras, inputs);
    }

    private static Tensor t(long[] shape, double... v) {
        return Tensor.ofFloats(DType.FLOAT32, shape, v);
    }

    @Test
    void lastAxisNamesTheFactorForSumAndTheShapesForNone() {
        Map<String, Tensor> in = Map.of("prediction", t(new long[] {2, 3}, 1, 2, 3, 4, 5, 6),
                "target", t(new long[] {2, 3}, 0, 0, 0, 0, 0, 0));
        String sum = DivergenceDetectors.region("last-axis", sides(LossKind.MSE, Map.of(), Reduction.SUM, in)).orElseThrow();
        assertTrue(sum.contains("a factor of 3"), sum);
        String none = DivergenceDetectors.region("last-axis", sides(LossKind.MSE, Map.of(), Reduction.NONE, in)).orElseThrow();
        assertTrue(none.contains("shape [2, 3]") && none.contains("shape [2]"), none);
        assertEquals(Optional.empty(), DivergenceDetectors.region("last-axis", sides(LossKind.MSE, Map.of(), Reduction.MEAN, in)));
    }

    @Test
    void bceClippingListsExactlyTheClippedElements() {
        Map<String, Tensor> in = Map.of("prediction", t(new long[] {4}, 0.0, 1e-8, 0.5, 1.0),
                "target", t(new long[] {4}, 1, 1, 0, 0));
        String region = DivergenceDetectors.region("bce-clipping", sides(LossKind.BCE, Map.of(), Reduction.MEAN, in))
                .orElseThrow();
        assertTrue(region.contains("indices [[0], [1], [3]]") && region.contains("(3 of 4)"), region);
        Map<String, Tensor> inside = Map.of("prediction", t(new long[] {2}, 0.25, 0.5), "target", t(new long[] {2}, 1, 0));
        assertEquals(Optional.empty(), DivergenceDetectors.region("bce-clipping",
                sides(LossKind.BCE, Map.of(), Reduction.MEAN, inside)));
    }

    @Test
    void sampleWeightDenominatorAppliesOnlyWhenWeightsDoNotSumToTheirCount() {
        Map<String, Tensor> base = Map.of("prediction", t(new long[] {2, 2}, 1, 2, 3, 4),
                "target", t(new long[] {2, 2}, 0, 0, 0, 0), "sample_weight", t(new long[] {2}, 0.5, 2.0));
        String r = DivergenceDetectors.region("weight-denominator", sides(LossKind.MSE, Map.of(), Reduction.MEAN, base))
                .orElseThrow();
        assertTrue(r.contains("sum to 2.5 over 2 weights"), r);
        Map<String, Tensor> ones = Map.of("prediction", t(new long[] {2, 2}, 1, 2, 3, 4),
                "target", t(new long[] {2, 2}, 0, 0, 0, 0), "sample_weight", t(new long[] {2}, 1, 1));
        assertEquals(Optional.empty(), DivergenceDetectors.region("weight-denominator",
                sides(LossKind.MSE, Map.of(), Reduction.MEAN, ones)));
    }

    @Test
    void emptyBatchLooksAtTheAnchorOfTriplets() {
        Tensor empty = t(new long[] {0, 3});
        Map<String, Tensor> in = Map.of("anchor", empty, "positive", empty, "negative", empty);
        String r = DivergenceDetectors.region("empty-batch", sides(LossKind.TRIPLET_MARGIN, Map.of(), Reduction.MEAN, in))
                .orElseThrow();
        assertTrue(r.contains("anchor shape [0, 3]"), r);
    }

    @Test
    void tripletSwapTieFindsTheTiedRowsOnly() {
        // Row 0: a = (0, 0), p = (2, 0), n = (1, 1): d(a, n) = d(p, n) = sqrt 2. Row 1: n = (0, 3): no tie.
        Map<String, Tensor> in = Map.of("anchor", t(new long[] {2, 2}, 0, 0, 0, 0),
                "positive", t(new long[] {2, 2}, 2, 0, 2, 0), "negative", t(new long[] {2, 2}, 1, 1, 0, 3));
        String r = DivergenceDetectors.region("triplet-swap-tie", sides(LossKind.TRIPLET_MARGIN,
                Map.of("swap", true, "eps", 0.0), Reduction.NONE, in)).orElseThrow();
        assertTrue(r.endsWith(": [[0]]"), r);
        assertEquals(Optional.empty(), DivergenceDetectors.region("triplet-swap-tie", sides(LossKind.TRIPLET_MARGIN,
                Map.of("swap", false, "eps", 0.0), Reduction.NONE, in)));
    }
}
