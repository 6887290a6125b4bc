package org.lossparity.engine.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.djl.Engines.f64;
import static org.lossparity.engine.djl.Engines.inputs;
import static org.lossparity.engine.djl.Engines.scalar;
import static org.lossparity.engine.djl.Engines.shape;
import static org.lossparity.engine.djl.Engines.spec;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * The {@code djl} engine: DJL's Loss classes where they compute the spec, and the defects where they do not
 * (these tests pin what DJL 0.36 really computes; fixtures/known-defects.json records the same facts).
 */
class DjlEngineTest {
    private static LossEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = Engines.djl();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final Tensor X = f64(shape(2, 2), 0.5, -1, 2, 0);
    private static final Tensor Y = f64(shape(2, 2), 0, 1, 1.5, 1); // residuals 0.5, -2, 0.5, -1

    @Test
    void l2LossWithWeightOneIsMse() throws Exception {
        LossResult mean = engine.evaluate(spec(LossKind.MSE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        assertEquals((0.25 + 4 + 0.25 + 1) / 4, scalar(mean), 1e-15);
        assertArrayEquals(new double[] {0.25, -1, 0.25, -0.5}, mean.gradients().get(Inputs.PREDICTION).toDoubleArray(),
                1e-15);
        assertTrue(mean.notes().get("path").contains("L2Loss(weight=1)"), mean.notes().toString());
        LossResult sum = engine.evaluate(spec(LossKind.MSE, Map.of(), Reduction.SUM, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        assertEquals(5.5, scalar(sum), 1e-15);
    }

    @Test
    void l1LossWithWeightOneIsMaeMean() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MAE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        assertEquals((0.5 + 2 + 0.5 + 1) / 4, scalar(r), 1e-15);
    }

    /** Defect djl-l1loss-weight-drops-residual: with weight w != 1, L1Loss returns w·mean(label). */
    @Test
    void l1LossWithAWeightDropsTheResidual() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MAE, Map.of(), Reduction.SUM, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        double sumAbs = 0.5 + 2 + 0.5 + 1;
        double djlComputes = 4 * (0 + 1 + 1.5 + 1) / 4;
        assertEquals(djlComputes, scalar(r), 1e-15);
        assertTrue(Math.abs(scalar(r) - sumAbs) > 0.1);
        assertArrayEquals(new double[4], r.gradients().get(Inputs.PREDICTION).toDoubleArray(), 0.0,
                "the value does not depend on the prediction at all");
    }

    @Test
    void sigmoidBceFromLogitsIsBceWithLogits() throws Exception {
        Tensor z = f64(shape(3), 0.3, -1.2, 4);
        Tensor y = f64(shape(3), 1, 0, 0.25);
        double expected = (PytorchEngineTest.softplus(-0.3) + PytorchEngineTest.softplus(-1.2)
                + 0.25 * PytorchEngineTest.softplus(-4) + 0.75 * PytorchEngineTest.softplus(4)) / 3;
        LossResult r = engine.evaluate(spec(LossKind.BCE_WITH_LOGITS, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, z, Inputs.TARGET, y));
        assertEquals(expected, scalar(r), 1e-15);
    }

    /** Defect djl-sigmoid-bce-from-sigmoid-sign: fromSigmoid=true returns the log-likelihood, i.e. minus BCE. */
    @Test
    void sigmoidBceFromSigmoidReturnsMinusTheLoss() throws Exception {
        Tensor p = f64(shape(2), 0.25, 0.5);
        Tensor y = f64(shape(2), 1, 0);
        double bce = (Math.log(4) + Math.log(2)) / 2;
        LossResult r = engine.evaluate(spec(LossKind.BCE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, p, Inputs.TARGET, y));
        double djlComputes = (Math.log(0.25 + 1e-12) + Math.log(1 - 0.5 + 1e-12)) / 2;
        assertEquals(djlComputes, scalar(r), 1e-15);
        assertEquals(-bce, scalar(r), 1e-11);
        // d/dp of +[y log p + (1-y) log(1-p)]/N: the negated BCE gradient
        assertArrayEquals(new double[] {1 / (0.25 + 1e-12) / 2, -1 / (0.5 + 1e-12) / 2},
                r.gradients().get(Inputs.PREDICTION).toDoubleArray(), 1e-12);
    }

    @Test
    void softmaxCrossEntropySparseAndDense() throws Exception {
        double[] l0 = PytorchEngineTest.logSoftmax(new double[] {1, 2, 3});
        double[] l1 = PytorchEngineTest.logSoftmax(new double[] {0.5, 0.5, -1});
        Tensor z = f64(shape(2, 3), 1, 2, 3, 0.5, 0.5, -1);
        LossResult sparse = engine.evaluate(spec(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, z, Inputs.TARGET, Tensor.ofInt64(shape(2), new long[] {2, 0})));
        assertEquals(-(l0[2] + l1[0]) / 2, scalar(sparse), 1e-15);
        LossResult dense = engine.evaluate(spec(LossKind.CATEGORICAL_CE, Map.of(), Reduction.SUM, DType.FLOAT64),
                inputs(Inputs.PREDICTION, z, Inputs.TARGET, f64(shape(2, 3), 0.2, 0.3, 0.5, 1, 0, 0)));
        assertEquals(-(0.2 * l0[0] + 0.3 * l0[1] + 0.5 * l0[2] + l1[0]), scalar(dense), 1e-14);
    }

    @Test
    void fromScratchTripletAndHuberAgreeWithClosedForms() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.ANCHOR, f64(shape(1, 2), 0, 0), Inputs.POSITIVE, f64(shape(1, 2), 3, 4),
                Inputs.NEGATIVE, f64(shape(1, 2), 3, 5));
        assertEquals(4 + 1, scalar(engine.evaluate(spec(LossKind.TRIPLET_MARGIN, Map.of("eps", 0.0, "swap", true),
                Reduction.MEAN, DType.FLOAT64), in)), 1e-14);
        Map<String, Tensor> p3 = inputs(Inputs.ANCHOR, f64(shape(2), 0, 0), Inputs.POSITIVE, f64(shape(2), 1, 1),
                Inputs.NEGATIVE, f64(shape(2), 2, 2));
        double d = Math.pow(2, 1 / 3.0);
        assertEquals(Math.max(d - 2 * d + 1, 0), scalar(engine.evaluate(spec(LossKind.TRIPLET_MARGIN,
                Map.of("eps", 0.0, "p", 3.0), Reduction.SUM, DType.FLOAT64), p3)), 1e-14);
        assertEquals(0.5 * 0.25, scalar(engine.evaluate(spec(LossKind.CUSTOM_HUBER, Map.of("delta", 1.0), Reduction.NONE,
                DType.FLOAT64), inputs(Inputs.PREDICTION, f64(shape(1), 0.5), Inputs.TARGET, f64(shape(1), 0)))), 1e-15);
    }

    @Test
    void whatDjlCannotExpressIsUnsupportedWithAReason() {
        for (LossKind k : new LossKind[] {LossKind.HUBER, LossKind.SMOOTH_L1, LossKind.KL_DIV, LossKind.DISTILLATION_KL}) {
            Reduction r = k == LossKind.KL_DIV || k == LossKind.DISTILLATION_KL ? Reduction.BATCHMEAN : Reduction.MEAN;
            var s = engine.supports(spec(k, Map.of(), r, DType.FLOAT32));
            assertFalse(s.supported(), k.id());
            assertTrue(s.reason().contains("no loss class"), s.reason());
        }
        var none = engine.supports(spec(LossKind.MSE, Map.of(), Reduction.NONE, DType.FLOAT32));
        assertFalse(none.supported());
        assertTrue(none.reason().contains("mean"), none.reason());
        assertFalse(engine.supports(spec(LossKind.SPARSE_CATEGORICAL_CE, Map.of("label_smoothing", 0.1), Reduction.MEAN,
                DType.FLOAT32)).supported());
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.BCE_WITH_LOGITS, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y, Inputs.POS_WEIGHT, f64(shape(2), 1, 2))));
        assertTrue(e.getMessage().contains("pos_weight"), e.getMessage());
    }
}
