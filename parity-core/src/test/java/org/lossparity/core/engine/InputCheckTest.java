package org.lossparity.core.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class InputCheckTest {

    private static final long[] ROW = {2};

    private static Tensor floats(DType d) {
        return Tensor.ofFloats(d, ROW, new double[] {0.5, 1.5});
    }

    @Test
    void acceptsInputsOfTheSpecDtypeAndInt64Labels() {
        LossSpec mse = LossSpec.of(LossKind.MSE, Map.of(), Reduction.SUM, Convention.PYTORCH, DType.FLOAT64);
        assertDoesNotThrow(() -> InputCheck.requireDtypes(mse, Map.of(Inputs.PREDICTION, floats(DType.FLOAT64),
                Inputs.TARGET, floats(DType.FLOAT64), Inputs.SAMPLE_WEIGHT, floats(DType.FLOAT64))));
        LossSpec sparse = LossSpec.of(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.SUM, Convention.PYTORCH,
                DType.FLOAT32);
        assertDoesNotThrow(() -> InputCheck.requireDtypes(sparse, Map.of(
                Inputs.PREDICTION, Tensor.ofFloats(DType.FLOAT32, new long[] {1, 2}, new double[] {0, 1}),
                Inputs.TARGET, Tensor.ofInt64(new long[] {1}, new long[] {1}))));
    }

    @Test
    void refusesFloat32InputForFloat64SpecNamingTheInput() {
        LossSpec mse = LossSpec.of(LossKind.MSE, Map.of(), Reduction.SUM, Convention.KERAS, DType.FLOAT64);
        EngineException e = assertThrows(EngineException.class, () -> InputCheck.requireDtypes(mse, Map.of(
                Inputs.PREDICTION, floats(DType.FLOAT64), Inputs.TARGET, floats(DType.FLOAT64),
                Inputs.SAMPLE_WEIGHT, floats(DType.FLOAT32))));
        assertTrue(e.getMessage().contains("'sample_weight'") && e.getMessage().contains("must be float64")
                && e.getMessage().contains("got float32"), e.getMessage());
    }

    @Test
    void refusesFloatLabelsAndIntegerFeatures() {
        LossSpec sparse = LossSpec.of(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.SUM, Convention.PYTORCH,
                DType.FLOAT32);
        EngineException labels = assertThrows(EngineException.class, () -> InputCheck.requireDtypes(sparse, Map.of(
                Inputs.PREDICTION, Tensor.ofFloats(DType.FLOAT32, new long[] {1, 2}, new double[] {0, 1}),
                Inputs.TARGET, Tensor.ofFloats(DType.FLOAT32, new long[] {1}, new double[] {1}))));
        assertTrue(labels.getMessage().contains("'target'") && labels.getMessage().contains("int64 class labels"),
                labels.getMessage());
        LossSpec mse = LossSpec.of(LossKind.MSE, Map.of(), Reduction.SUM, Convention.PYTORCH, DType.FLOAT32);
        EngineException ints = assertThrows(EngineException.class, () -> InputCheck.requireDtypes(mse, Map.of(
                Inputs.PREDICTION, Tensor.ofInt64(ROW, new long[] {1, 2}), Inputs.TARGET, floats(DType.FLOAT32))));
        assertTrue(ints.getMessage().contains("'prediction'") && ints.getMessage().contains("got int64"),
                ints.getMessage());
    }
}
