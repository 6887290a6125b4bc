package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.reference.Fixtures.inputs;
import static org.lossparity.engine.reference.Fixtures.labels;
import static org.lossparity.engine.reference.Fixtures.t;
import static org.lossparity.engine.reference.Fixtures.vec;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineException;
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

/** The edge rules of SampleWeighting, with values worked out by hand. */
class WeightedReductionRulesTest {
    private static final DType F64 = DType.FLOAT64;
    private final ReferenceEngine engine = Fixtures.engine();

    private static LossSpec spec(LossKind loss, Reduction r, SampleWeighting w, Convention c, Object... params) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return new LossSpec(loss, Params.of(loss, p), r, w, c, F64);
    }

    private static double scalar(LossResult r) {
        assertEquals(0, r.value().rank());
        return r.value().getDouble(0);
    }

    @Test
    void batchmeanDividesByTheBatchSizeUnderBothWeightings() throws Exception {
        // Targets 1, so l = −x = [1, 2]; weights [1, 3]: Σ w·l = 7 over a batch of 2.
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {2, 1}, -1, -2),
                Inputs.TARGET, t(F64, new long[] {2, 1}, 1, 1), Inputs.SAMPLE_WEIGHT, vec(F64, 1, 3));
        for (SampleWeighting w : SampleWeighting.values()) {
            LossResult r = engine.evaluate(spec(LossKind.KL_DIV, Reduction.BATCHMEAN, w, Convention.PYTORCH), in);
            assertEquals(3.5, scalar(r), w.toString());
            assertArrayEquals(new double[] {-0.5, -1.5}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(),
                    w.toString());
        }
        // mean is where the weightings differ: 7 / 2 elements, 7 / Σ w = 7 / 4.
        assertEquals(3.5, scalar(engine.evaluate(spec(LossKind.KL_DIV, Reduction.MEAN, SampleWeighting.DIVIDE_BY_COUNT,
                Convention.PYTORCH), in)));
        assertEquals(1.75, scalar(engine.evaluate(spec(LossKind.KL_DIV, Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_WEIGHT_SUM, Convention.PYTORCH), in)));
    }

    @Test
    void ignoredSamplesCountInNeitherMeanDenominator() throws Exception {
        // Zero logits: every kept row has l = log 2. Labels [0, ignored, 1], weights [2, 5, 1]: Σ w·l = 3 log 2;
        // 2 kept samples, kept weights sum to 3 (the ignored row's weight 5 counts nowhere).
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {3, 2}, 0, 0, 0, 0, 0, 0),
                Inputs.TARGET, labels(0, -100, 1), Inputs.SAMPLE_WEIGHT, vec(F64, 2, 5, 1));
        double log2 = Math.log(2);
        LossResult byCount = engine.evaluate(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_COUNT, Convention.PYTORCH), in);
        assertEquals(1.5 * log2, scalar(byCount), 1e-16);
        // d/dz of 2·(log 2 − z_0 + ...) / 2 for row 0: (softmax − onehot)·w/2 = (−0.5, 0.5)·1; row 1 exactly 0.
        assertArrayEquals(new double[] {-0.5, 0.5, 0, 0, 0.25, -0.25},
                byCount.gradients().get(Inputs.PREDICTION).toDoubleArray(), 1e-16);
        LossResult byWeights = engine.evaluate(spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_WEIGHT_SUM, Convention.PYTORCH), in);
        assertEquals(log2, scalar(byWeights), 1e-16);
    }

    @Test
    void kerasZeroDenominatorGivesZeroUnderBothWeightings() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, t(F64, new long[] {2, 1}, 1, 2),
                Inputs.TARGET, t(F64, new long[] {2, 1}, 0, 0), Inputs.SAMPLE_WEIGHT, vec(F64, 0, 0));
        for (SampleWeighting w : SampleWeighting.values()) {
            LossResult r = engine.evaluate(spec(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, w, Convention.KERAS), in);
            assertEquals(0.0, scalar(r), w.toString());
            assertArrayEquals(new double[] {0, 0}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(), w.toString());
        }
    }

    @Test
    void float32InputForFloat64SpecIsRefused() {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(DType.FLOAT32, 1, 2), Inputs.TARGET, vec(F64, 0, 0));
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.MSE, Reduction.SUM, SampleWeighting.DIVIDE_BY_COUNT, Convention.PYTORCH), in));
        assertTrue(e.getMessage().contains("'prediction'") && e.getMessage().contains("got float32"), e.getMessage());
    }
}
