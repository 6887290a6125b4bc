package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.reference.Fixtures.inputs;
import static org.lossparity.engine.reference.Fixtures.labels;
import static org.lossparity.engine.reference.Fixtures.spec;
import static org.lossparity.engine.reference.Fixtures.t;
import static org.lossparity.engine.reference.Fixtures.vec;

import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;

/** NaN and infinities take the IEEE path; invalid inputs fail with a message naming the input. */
class NonFiniteTest {
    private static final DType F32 = DType.FLOAT32;
    private final ReferenceEngine engine = Fixtures.engine();

    @Test
    void nanInGivesNanOutOnTheDoublePath() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MSE, Reduction.MEAN, Convention.PYTORCH, F32),
                inputs(Inputs.PREDICTION, vec(F32, 1, Double.NaN), Inputs.TARGET, vec(F32, 0, 0)));
        assertTrue(Double.isNaN(r.value().getDouble(0)));
        assertEquals("fast-double", r.notes().get("path"));
        assertTrue(r.notes().get("reason").startsWith("non-finite"), r.notes().toString());
    }

    @Test
    void infinityWhereTheMathSaysSo() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MAE, Reduction.SUM, Convention.KERAS, F32),
                inputs(Inputs.PREDICTION, vec(F32, Double.POSITIVE_INFINITY, 0), Inputs.TARGET, vec(F32, 0, 0)));
        assertEquals(Double.POSITIVE_INFINITY, r.value().getDouble(0));
        assertEquals(0.5, r.gradients().get(Inputs.PREDICTION).getDouble(0));
    }

    @Test
    void overflowRoundsToInfinityOnTheExactPath() throws Exception {
        // (3e38)² overflows float32 but BigDecimal holds it: the correctly rounded float32 is +Infinity.
        LossResult r = engine.evaluate(spec(LossKind.MSE, Reduction.SUM, Convention.PYTORCH, F32),
                inputs(Inputs.PREDICTION, vec(F32, 3e38), Inputs.TARGET, vec(F32, 0)));
        assertEquals(Double.POSITIVE_INFINITY, r.value().getDouble(0));
        assertEquals("arbitrary-precision", r.notes().get("path"));
    }

    @Test
    void torchBceRejectsProbabilitiesOutsideZeroOne() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.BCE, Reduction.MEAN, Convention.PYTORCH, F32),
                inputs(Inputs.PREDICTION, vec(F32, 0.5, 1.5), Inputs.TARGET, vec(F32, 0, 1))));
        assertTrue(e.getMessage().contains("prediction") && e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesTheLabel() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, Convention.PYTORCH, F32),
                inputs(Inputs.PREDICTION, t(F32, new long[] {2, 3}, new double[6]), Inputs.TARGET, labels(0, 3))));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void kerasHasNoClassWeights() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, Convention.KERAS, F32),
                inputs(Inputs.PREDICTION, t(F32, new long[] {1, 2}, 0, 0), Inputs.TARGET, labels(0),
                        Inputs.CLASS_WEIGHT, vec(F32, 1, 2))));
        assertTrue(e.getMessage().contains("class_weight"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.MSE, Reduction.SUM, Convention.PYTORCH, F32),
                inputs(Inputs.PREDICTION, vec(F32, 1, 2), Inputs.TARGET, vec(F32, 1, 2, 3))));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
