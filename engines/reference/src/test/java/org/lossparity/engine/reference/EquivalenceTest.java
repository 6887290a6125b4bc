package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * Specs that are the same mathematical function must give bit-identical numbers, because each number is the
 * exact result correctly rounded — whatever different route the formulas take.
 */
class EquivalenceTest {
    private final ReferenceEngine engine = Fixtures.engine();

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void torchMeanOfElementsEqualsKerasMeanOfRowMeans(DType dtype) throws Exception {
        LossSpec torch = Fixtures.spec(LossKind.MSE, Reduction.MEAN, Convention.PYTORCH, dtype);
        LossSpec keras = Fixtures.spec(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(torch, 5, 7, 21, false);
        assertSame(engine.evaluate(torch, in), engine.evaluate(keras, in), "mse");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void customHuberIsHuberAndSmoothL1WithBetaOneIsHuberWithDeltaOne(DType dtype) throws Exception {
        LossSpec huber = Fixtures.spec(LossKind.HUBER, Reduction.SUM, Convention.PYTORCH, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(huber, 4, 6, 22, true);
        LossResult h = engine.evaluate(huber, in);
        assertSame(h, engine.evaluate(Fixtures.spec(LossKind.CUSTOM_HUBER, Reduction.SUM, Convention.PYTORCH, dtype), in),
                "custom_huber");
        assertSame(h, engine.evaluate(Fixtures.spec(LossKind.SMOOTH_L1, Reduction.SUM, Convention.PYTORCH, dtype), in),
                "smooth_l1");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sparseLabelsEqualOneHotTargetsWithSmoothing(DType dtype) throws Exception {
        LossSpec sparse = Fixtures.spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, Convention.PYTORCH, dtype,
                "label_smoothing", 0.2);
        LossSpec dense = Fixtures.spec(LossKind.CATEGORICAL_CE, Reduction.SUM, Convention.PYTORCH, dtype,
                "label_smoothing", 0.2);
        Map<String, Tensor> in = Fixtures.randomInputs(sparse, 4, 5, 23, false);
        long[] labels = in.get(Inputs.TARGET).toLongArray();
        double[] oneHot = new double[labels.length * 5];
        for (int r = 0; r < labels.length; r++) {
            oneHot[r * 5 + (int) labels[r]] = 1;
        }
        Map<String, Tensor> denseIn = new LinkedHashMap<>(in);
        denseIn.put(Inputs.TARGET, Tensor.ofFloats(dtype, new long[] {labels.length, 5}, oneHot));
        assertSame(engine.evaluate(sparse, in), engine.evaluate(dense, denseIn), "one-hot");
    }

    private static void assertSame(LossResult a, LossResult b, String what) {
        assertEquals(a.value(), b.value(), what + " value");
        for (String input : a.gradients().keySet()) {
            assertEquals(a.gradients().get(input), b.gradients().get(input), what + " gradient " + input);
        }
    }
}
