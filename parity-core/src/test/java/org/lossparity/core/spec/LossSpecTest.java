package org.lossparity.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class LossSpecTest {

    @Test
    void displayNameShowsLossParamsReductionDtypeAndConvention() {
        LossSpec spec = LossSpec.of(LossKind.HUBER, Map.of("delta", 1.0), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        assertEquals("huber(delta=1.0) mean float32 pytorch", spec.displayName());
    }

    @Test
    void defaultsAreFilledAndUnknownParametersRejected() {
        LossSpec spec = LossSpec.of(LossKind.TRIPLET_MARGIN, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT64);
        assertEquals(1.0, spec.params().getDouble("margin"));
        assertEquals(1e-6, spec.params().getDouble("eps"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.MSE, Map.of("delta", 1.0), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32));
        assertTrue(e.getMessage().contains("has no parameter 'delta'"), e.getMessage());
    }

    @Test
    void reductionsAndParametersMustBelongToTheConvention() {
        assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.MSE, Map.of(), Reduction.MEAN, Convention.KERAS, DType.FLOAT32));
        assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.MSE, Map.of(), Reduction.BATCHMEAN, Convention.PYTORCH, DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.BCE, Map.of("label_smoothing", 0.1), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32));
        assertTrue(e.getMessage().contains("no meaning in the pytorch convention"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.HUBER, Map.of("delta", 0.0), Reduction.SUM, Convention.PYTORCH, DType.FLOAT32));
        assertThrows(IllegalArgumentException.class,
                () -> LossSpec.of(LossKind.MSE, Map.of(), Reduction.SUM, Convention.PYTORCH, DType.INT64));
    }

    @Test
    void pytorchKlCounterpartIsKerasKlOnProbabilities() {
        LossSpec torch = LossSpec.of(LossKind.KL_DIV, Map.of("log_target", true), Reduction.BATCHMEAN, Convention.PYTORCH, DType.FLOAT64);
        Counterpart c = torch.counterpartIn(Convention.KERAS).orElseThrow();
        assertEquals(Convention.KERAS, c.spec().convention());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, c.spec().reduction());
        Tensor logq = Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {Math.log(0.25), Math.log(0.75)});
        Tensor logy = Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {Math.log(0.5), Math.log(0.5)});
        Map<String, Tensor> adapted = c.adaptInputs(Map.of(Inputs.PREDICTION, logq, Inputs.TARGET, logy));
        assertEquals(0.25, adapted.get(Inputs.PREDICTION).getDouble(0), 1e-15);
        assertEquals(0.5, adapted.get(Inputs.TARGET).getDouble(1), 1e-15);
        // d/d(log q) = q * d/dq
        Tensor gq = Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {-2.0, -4.0 / 6});
        Tensor back = c.gradientForSource(Inputs.PREDICTION, gq, Map.of(Inputs.PREDICTION, logq));
        assertEquals(-0.5, back.getDouble(0), 1e-15);
        assertEquals(-0.5, back.getDouble(1), 1e-15);
    }

    @Test
    void kerasCrossEntropyFromProbabilitiesMapsToTorchOnLogProbabilities() {
        LossSpec keras = LossSpec.of(LossKind.CATEGORICAL_CE, Map.of("from_logits", false), Reduction.SUM_OVER_BATCH_SIZE,
                Convention.KERAS, DType.FLOAT32);
        Counterpart c = keras.counterpartIn(Convention.PYTORCH).orElseThrow();
        assertEquals(Reduction.MEAN, c.spec().reduction());
        assertTrue(c.spec().params().getBoolean("from_logits"));
        assertEquals(Counterpart.Transform.LOG, c.prediction());
    }

    @Test
    void noCounterpartForParametersTheOtherSideCannotExpress() {
        LossSpec smoothed = LossSpec.of(LossKind.BCE, Map.of("label_smoothing", 0.2), Reduction.SUM, Convention.KERAS, DType.FLOAT32);
        assertTrue(smoothed.counterpartIn(Convention.PYTORCH).isEmpty());
        LossSpec ignore = LossSpec.of(LossKind.SPARSE_CATEGORICAL_CE, Map.of("ignore_index", 3L), Reduction.MEAN,
                Convention.PYTORCH, DType.FLOAT32);
        assertTrue(ignore.counterpartIn(Convention.KERAS).isEmpty());
        LossSpec klMean = LossSpec.of(LossKind.KL_DIV, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        assertTrue(klMean.counterpartIn(Convention.KERAS).isEmpty());
    }
}
