package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.reference.Fixtures.inputs;
import static org.lossparity.engine.reference.Fixtures.labels;
import static org.lossparity.engine.reference.Fixtures.spec;
import static org.lossparity.engine.reference.Fixtures.t;
import static org.lossparity.engine.reference.Fixtures.vec;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Params;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Values worked out by hand (closed forms), never taken from the engine. */
class ClosedFormTest {
    private static final DType F64 = DType.FLOAT64;
    private static final DType F32 = DType.FLOAT32;
    private final ReferenceEngine engine = Fixtures.engine();

    private LossResult run(LossSpec spec, Map<String, Tensor> in) throws Exception {
        return engine.evaluate(spec, in);
    }

    private static double scalar(LossResult r) {
        assertEquals(0, r.value().rank(), "a reduced value is a scalar");
        return r.value().getDouble(0);
    }

    @Test
    void mseOfOneTwoAgainstZeros() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 1, 2), Inputs.TARGET, vec(F64, 0, 0));
        LossResult torch = run(spec(LossKind.MSE, Reduction.MEAN, Convention.PYTORCH, F64), in);
        assertEquals(2.5, scalar(torch));
        assertArrayEquals(new double[] {1, 2}, torch.gradients().get(Inputs.PREDICTION).toDoubleArray());
        // Keras: a 1-D input is one sample, so none gives a single per-sample value.
        LossResult keras = run(spec(LossKind.MSE, Reduction.NONE, Convention.KERAS, F64), in);
        assertArrayEquals(new long[0], keras.value().shape());
        assertEquals(2.5, keras.value().getDouble(0));
        LossResult torchNone = run(spec(LossKind.MSE, Reduction.NONE, Convention.PYTORCH, F64), in);
        assertArrayEquals(new double[] {1, 4}, torchNone.value().toDoubleArray());
    }

    @Test
    void maeMeanAndItsSubgradientAtZero() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 1, -2, 0.5), Inputs.TARGET, vec(F64, 0, 0, 0.5));
        for (Convention c : Convention.values()) {
            Reduction mean = c == Convention.KERAS ? Reduction.SUM_OVER_BATCH_SIZE : Reduction.MEAN;
            LossResult r = run(spec(LossKind.MAE, mean, c, F64), in);
            assertEquals(1.0, scalar(r), c + " mae");
            assertArrayEquals(new double[] {1.0 / 3, -1.0 / 3, 0.0}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(),
                    c + " mae gradient, 0 at r = 0");
        }
    }

    @Test
    void huberOnBothSidesAndExactlyAtDelta() throws Exception {
        // r = 1 (= delta): 0.5; r = 3: 1·(3 − 0.5) = 2.5; r = -0.5: 0.125. Gradient r inside, ±delta outside.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 1, 3, -0.5), Inputs.TARGET, vec(F64, 0, 0, 0));
        for (LossKind kind : new LossKind[] {LossKind.HUBER, LossKind.CUSTOM_HUBER}) {
            LossResult r = run(spec(kind, Reduction.NONE, Convention.PYTORCH, F64), in);
            assertArrayEquals(new double[] {0.5, 2.5, 0.125}, r.value().toDoubleArray(), kind.id());
            assertArrayEquals(new double[] {1, 1, -0.5}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(), kind.id());
        }
        LossResult keras = run(spec(LossKind.HUBER, Reduction.SUM, Convention.KERAS, F64), in);
        assertEquals((0.5 + 2.5 + 0.125) / 3, scalar(keras));
    }

    @Test
    void smoothL1IsHuberOverBeta() throws Exception {
        // beta 2: r = 1 → 0.5·1/2 = 0.25; r = 3 → 3 − 1 = 2.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 1, 3), Inputs.TARGET, vec(F64, 0, 0));
        LossResult r = run(spec(LossKind.SMOOTH_L1, Reduction.NONE, Convention.PYTORCH, F64, "beta", 2.0), in);
        assertArrayEquals(new double[] {0.25, 2}, r.value().toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1}, r.gradients().get(Inputs.PREDICTION).toDoubleArray());
    }

    @Test
    void torchBceClampsEachLogAtMinus100() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 0, 1), Inputs.TARGET, vec(F64, 1, 0));
        LossResult r = run(spec(LossKind.BCE, Reduction.NONE, Convention.PYTORCH, F64), in);
        assertArrayEquals(new double[] {100, 100}, r.value().toDoubleArray());
        // PyTorch's backward kernel: (p − y) / max(p(1 − p), float(1e-12)).
        double floor = (double) 1e-12f;
        assertArrayEquals(new double[] {-1 / floor, 1 / floor}, r.gradients().get(Inputs.PREDICTION).toDoubleArray());
    }

    @Test
    void kerasBceAtZeroUsesClipAndEpsilonInsideTheLog() throws Exception {
        double eps = (double) 1e-7f;
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F32, 0), Inputs.TARGET, vec(F32, 1));
        LossResult r = run(spec(LossKind.BCE, Reduction.SUM, Convention.KERAS, F32), in);
        // p' = ε, loss = −log(ε + ε); p = 0 lies outside the clip range, so no gradient flows.
        assertEquals((float) -Math.log(2 * eps), (float) scalar(r));
        assertEquals(0.0, r.gradients().get(Inputs.PREDICTION).getDouble(0));
        // At p = 1: p' = 1 − ε (float32: 1 − 2^-23), the loss on y = 0 is −log(1 − p' + ε) = −log(2^-23 + ε).
        Map<String, Tensor> one = inputs(Inputs.PREDICTION, vec(F32, 1), Inputs.TARGET, vec(F32, 0));
        double hi32 = 1 - Math.scalb(1.0, -23);
        assertEquals((float) -Math.log((1 - hi32) + eps), (float) scalar(run(spec(LossKind.BCE, Reduction.SUM,
                Convention.KERAS, F32), one)));
    }

    @Test
    void kerasClipBoundaryPassesTheGradient() throws Exception {
        double eps = (double) 1e-7f;
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, eps), Inputs.TARGET, vec(F64, 1));
        LossResult r = run(spec(LossKind.BCE, Reduction.SUM, Convention.KERAS, F64), in);
        // d/dp −log(p + ε) at p = ε: −1/(2ε), passed by the clip at its boundary.
        assertEquals(-1 / (2 * eps), r.gradients().get(Inputs.PREDICTION).getDouble(0), 1e-9 / eps);
    }

    @Test
    void bceWithLogitsAndPosWeight() throws Exception {
        // z = 0, y = 1, w = 3: l = (1 + 2·1)·log 2, gradient (3 + 0)·½ − 3 = −1.5.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 0), Inputs.TARGET, vec(F64, 1),
                Inputs.POS_WEIGHT, vec(F64, 3));
        LossResult r = run(spec(LossKind.BCE_WITH_LOGITS, Reduction.SUM, Convention.PYTORCH, F64), in);
        assertEquals(3 * Math.log(2), scalar(r), 1e-15);
        assertEquals(-1.5, r.gradients().get(Inputs.PREDICTION).getDouble(0));
    }

    @Test
    void bceWithLogitsAtHugeLogitsIsExactlyTheLinearPart() throws Exception {
        // z = −1e4, y = 1: softplus(1e4) = 1e4 + log1p(e^-1e4), which is 1e4 in double.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, -1e4, 1e4), Inputs.TARGET, vec(F64, 1, 1));
        LossResult r = run(spec(LossKind.BCE_WITH_LOGITS, Reduction.NONE, Convention.PYTORCH, F64), in);
        assertEquals(1e4, r.value().getDouble(0));
        assertEquals(Math.exp(-1e4), r.value().getDouble(1)); // underflows to 0 in double
        assertEquals(-1.0, r.gradients().get(Inputs.PREDICTION).getDouble(0));
    }

    @Test
    void sparseCrossEntropyWithClassWeightsAndIgnoreIndex() throws Exception {
        // Uniform logits: −log softmax = log 3 for every class. Weights [1, 3, 5], labels 0, 1, ignored.
        Tensor logits = t(F64, new long[] {3, 3}, new double[9]);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, logits, Inputs.TARGET, labels(0, 1, -100),
                Inputs.CLASS_WEIGHT, vec(F64, 1, 3, 5));
        LossResult mean = run(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, Convention.PYTORCH, F64), in);
        assertEquals(Math.log(3), scalar(mean), 1e-15); // (1 + 3)·log 3 / (1 + 3)
        LossResult sum = run(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, Convention.PYTORCH, F64), in);
        assertEquals(4 * Math.log(3), scalar(sum), 1e-14);
        // The ignored row has no gradient; row 0: w·(s − onehot) = (1/3 − 1, 1/3, 1/3).
        double[] g = sum.gradients().get(Inputs.PREDICTION).toDoubleArray();
        assertArrayEquals(new double[] {-2.0 / 3, 1.0 / 3, 1.0 / 3, 1, -2, 1, 0, 0, 0}, g, 1e-15);
    }

    @Test
    void torchLabelSmoothingMixesTheUniformTerm() throws Exception {
        // Logits (log 1, log 2, log 1): softmax (¼, ½, ¼); label 1; ls = 0.3.
        // l = 0.7·(−log ½) + 0.1·(−(log ¼ + log ½ + log ¼)) = 0.7·log 2 + 0.1·5·log 2 = 1.2·log 2.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {1, 3}, 0, Math.log(2), 0),
                Inputs.TARGET, labels(1));
        LossResult r = run(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, Convention.PYTORCH, F64,
                "label_smoothing", 0.3), in);
        assertEquals(1.2 * Math.log(2), scalar(r), 1e-15);
    }

    @Test
    void kerasCategoricalFromProbabilitiesRenormalisesRows() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 2, 2), Inputs.TARGET, vec(F64, 1, 0));
        LossResult r = run(spec(LossKind.CATEGORICAL_CE, Reduction.SUM, Convention.KERAS, F64, "from_logits", false), in);
        assertEquals(Math.log(2), scalar(r), 1e-16);
        // g = (−1/q_0, 0) with q = (½, ½): (g_j − Σ g_c q_c)/Σp = ((−2 + 1)/4, (0 + 1)/4).
        assertArrayEquals(new double[] {-0.25, 0.25}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(), 1e-16);
    }

    @Test
    void kerasSparseFromProbabilitiesClipsThenRenormalises() throws Exception {
        // p = (0, 0.5): clip gives (ε, 0.5); l = −log 0.5 + log(0.5 + ε).
        double eps = (double) 1e-7f;
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {1, 2}, 0, 0.5), Inputs.TARGET, labels(1));
        LossResult r = run(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, Convention.KERAS, F64,
                "from_logits", false), in);
        assertEquals(Math.log(2) + Math.log(0.5 + eps), scalar(r), 1e-15);
    }

    @Test
    void klWithZeroTargetsHasZeroTerms() throws Exception {
        // Terms: 0 (zero target, whatever the input), 1·(log 1 − 0) = 0, ½·(log ½ − log ¼) = ½·log 2.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, Math.log(0.3), 0, -2 * Math.log(2)),
                Inputs.TARGET, vec(F64, 0, 1, 0.5));
        LossResult r = run(spec(LossKind.KL_DIV, Reduction.NONE, Convention.PYTORCH, F64), in);
        assertEquals(0.0, r.value().getDouble(0));
        assertEquals(0.0, r.value().getDouble(1));
        assertEquals(0.5 * Math.log(2), r.value().getDouble(2), 1e-16);
        assertArrayEquals(new double[] {0, -1, -0.5}, r.gradients().get(Inputs.PREDICTION).toDoubleArray());
    }

    @Test
    void klBatchmeanDividesByTheFirstAxis() throws Exception {
        // Two rows, target (½, ½) each, log q = log ¼ everywhere: each element ½·(log ½ − log ¼) = ½·log 2.
        double lq = Math.log(0.25);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {2, 2}, lq, lq, lq, lq),
                Inputs.TARGET, t(F64, new long[] {2, 2}, 0.5, 0.5, 0.5, 0.5));
        LossResult r = run(spec(LossKind.KL_DIV, Reduction.BATCHMEAN, Convention.PYTORCH, F64), in);
        assertEquals(Math.log(2), scalar(r), 1e-15);
        LossResult mean = run(spec(LossKind.KL_DIV, Reduction.MEAN, Convention.PYTORCH, F64), in);
        assertEquals(Math.log(2) / 2, scalar(mean), 1e-15);
    }

    @Test
    void kerasKlClipsZeroTargetsToEpsilon() throws Exception {
        double eps = (double) 1e-7f;
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 0.5, 0.5), Inputs.TARGET, vec(F64, 0, 1));
        LossResult r = run(spec(LossKind.KL_DIV, Reduction.SUM, Convention.KERAS, F64), in);
        assertEquals(eps * Math.log(eps / 0.5) + Math.log(2), scalar(r), 1e-15);
    }

    @Test
    void distillationOfIdenticalLogitsIsZero() throws Exception {
        Tensor logits = t(F64, new long[] {2, 3}, 1, 2, 3, -1, 0, 4);
        for (Convention c : Convention.values()) {
            Reduction r = c == Convention.KERAS ? Reduction.SUM_OVER_BATCH_SIZE : Reduction.BATCHMEAN;
            LossResult res = run(spec(LossKind.DISTILLATION_KL, r, c, F64, "temperature", 2.0),
                    inputs(Inputs.PREDICTION, logits, Inputs.TARGET, logits));
            assertEquals(0.0, scalar(res), 1e-15, c.toString());
            for (double g : res.gradients().get(Inputs.PREDICTION).toDoubleArray()) {
                assertEquals(0.0, g, 1e-15, c + " gradient");
            }
        }
    }

    @Test
    void tripletWithAThreeFourFiveTriangle() throws Exception {
        // eps = 0: d(a, p) = 5, d(a, n) = 1, margin 1: l = 1 + 5 − 1 = 5.
        Map<String, Tensor> in = inputs(Inputs.ANCHOR, vec(F64, 0, 0), Inputs.POSITIVE, vec(F64, 3, 4),
                Inputs.NEGATIVE, vec(F64, 1, 0));
        LossResult r = run(spec(LossKind.TRIPLET_MARGIN, Reduction.MEAN, Convention.PYTORCH, F64, "eps", 0.0), in);
        assertEquals(5.0, scalar(r));
        assertArrayEquals(new double[] {0.4, -0.8}, r.gradients().get(Inputs.ANCHOR).toDoubleArray(), 1e-16);
        assertArrayEquals(new double[] {0.6, 0.8}, r.gradients().get(Inputs.POSITIVE).toDoubleArray(), 1e-16);
        assertArrayEquals(new double[] {-1, 0}, r.gradients().get(Inputs.NEGATIVE).toDoubleArray(), 1e-16);
        // p = 1: d(a, p) = 7, d(a, n) = 1 → 7.
        LossResult l1 = run(spec(LossKind.TRIPLET_MARGIN, Reduction.SUM, Convention.PYTORCH, F64, "eps", 0.0,
                "p", 1.0), in);
        assertEquals(7.0, scalar(l1));
    }

    @Test
    void tripletEpsIsAddedToTheDifference() throws Exception {
        // a − p = (0, 0): with eps = 0.5 the distance is ‖(0.5, 0.5)‖ = √0.5.
        Map<String, Tensor> in = inputs(Inputs.ANCHOR, vec(F64, 1, 1), Inputs.POSITIVE, vec(F64, 1, 1),
                Inputs.NEGATIVE, vec(F64, 1, 1));
        LossResult r = run(spec(LossKind.TRIPLET_MARGIN, Reduction.SUM, Convention.PYTORCH, F64, "eps", 0.5,
                "margin", 2.0), in);
        assertEquals(2.0, scalar(r)); // d(a, p) = d(a, n)
    }

    @Test
    void kerasSampleWeightsDivideByCountOrByWeightSum() throws Exception {
        // Per-sample mse [1, 4]; weights [1, 0].
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {2, 1}, 1, 2),
                Inputs.TARGET, t(F64, new long[] {2, 1}, 0, 0), Inputs.SAMPLE_WEIGHT, vec(F64, 1, 0));
        LossSpec byCount = spec(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS, F64);
        assertEquals(0.5, scalar(run(byCount, in)));
        LossSpec byWeights = new LossSpec(LossKind.MSE, Params.of(LossKind.MSE, Map.of()), Reduction.SUM_OVER_BATCH_SIZE,
                SampleWeighting.DIVIDE_BY_WEIGHT_SUM, Convention.KERAS, F64);
        assertEquals(1.0, scalar(run(byWeights, in)));
        LossResult none = run(spec(LossKind.MSE, Reduction.NONE, Convention.KERAS, F64), in);
        assertArrayEquals(new double[] {1, 0}, none.value().toDoubleArray());
    }

    @Test
    void emptyBatchFollowsEachConvention() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {0, 3}, new double[0]),
                Inputs.TARGET, t(F64, new long[] {0, 3}, new double[0]));
        // Keras divides with divNoNan: 0. PyTorch's mean of nothing is 0/0 = NaN.
        assertEquals(0.0, scalar(run(spec(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS, F64), in)));
        LossResult torch = run(spec(LossKind.MSE, Reduction.MEAN, Convention.PYTORCH, F64), in);
        assertTrue(Double.isNaN(scalar(torch)));
        assertEquals("fast-double", torch.notes().get("path"));
        assertEquals(0.0, scalar(run(spec(LossKind.MSE, Reduction.SUM, Convention.PYTORCH, F64), in)));
    }

    @Test
    void extremeLogitsStayExact() throws Exception {
        // Row 0: logits (1e4, −1e4), label 0: −ℓ_0 = log(1 + e^−2e4), far below the smallest float: 0.
        // Row 1: logits (100, −100), label 1: −ℓ_1 = 200 + log(1 + e^−200) = 200 in float32.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F32, new long[] {2, 2}, 1e4, -1e4, 100, -100),
                Inputs.TARGET, labels(0, 1));
        LossResult r = run(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.NONE, Convention.PYTORCH, F32), in);
        assertEquals("arbitrary-precision", r.notes().get("path"));
        assertArrayEquals(new double[] {0, 200}, r.value().toDoubleArray());
        // Gradient s − onehot: row 1 is (1, −1) up to e^−200.
        assertArrayEquals(new double[] {0, 0, 1, -1}, r.gradients().get(Inputs.PREDICTION).toDoubleArray());
    }

    @Test
    void tinyProbabilitiesInTorchBce() throws Exception {
        // y = 0: l = −log(1 − p). p = 1e-12: p(1 − p) is above the float32(1e-12) floor, so the gradient is the
        // true 1/(1 − p); p = 1e-13: the floor applies and the kernel's gradient is p / float32(1e-12).
        double floor = (double) 1e-12f;
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 1e-12, 1e-13), Inputs.TARGET, vec(F64, 0, 0));
        LossResult r = run(spec(LossKind.BCE, Reduction.NONE, Convention.PYTORCH, F64), in);
        assertEquals(-Math.log1p(-1e-12), r.value().getDouble(0), Math.ulp(1e-12));
        assertEquals(-Math.log1p(-1e-13), r.value().getDouble(1), Math.ulp(1e-13));
        assertEquals(1 / (1 - 1e-12), r.gradients().get(Inputs.PREDICTION).getDouble(0), 1e-15);
        assertEquals(1e-13 / floor, r.gradients().get(Inputs.PREDICTION).getDouble(1), 1e-15);
    }
}
