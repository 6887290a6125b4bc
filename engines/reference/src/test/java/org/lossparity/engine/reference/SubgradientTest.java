package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossparity.engine.reference.Fixtures.inputs;
import static org.lossparity.engine.reference.Fixtures.spec;
import static org.lossparity.engine.reference.Fixtures.vec;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** The subgradient each convention takes at the triplet loss's non-differentiable points. */
class SubgradientTest {
    private static final DType F64 = DType.FLOAT64;
    private final ReferenceEngine engine = Fixtures.engine();

    private LossResult triplet(Convention c, double margin, boolean swap, double[] a, double[] p, double[] n)
            throws Exception {
        Map<String, Tensor> in = inputs(Inputs.ANCHOR, vec(F64, a), Inputs.POSITIVE, vec(F64, p),
                Inputs.NEGATIVE, vec(F64, n));
        return engine.evaluate(spec(LossKind.TRIPLET_MARGIN, Reduction.SUM, c, F64, "eps", 0.0, "margin", margin,
                "swap", swap), in);
    }

    @Test
    void swapTieSplitsInPyTorchAndGoesToTheFirstArgumentInKeras() throws Exception {
        // d(a, p) = 2, d(a, n) = d(p, n) = 1: a tie in min(d(a, n), d(p, n)); h = 1 + 2 − 1 = 2.
        double[] a = {0, 0};
        double[] p = {2, 0};
        double[] n = {1, 0};
        LossResult torch = triplet(Convention.PYTORCH, 1, true, a, p, n);
        assertEquals(2.0, torch.value().getDouble(0));
        // ∂d(a,p)/∂a = (−1, 0); ∂d(a,n)/∂a = (−1, 0); ∂d(p,n)/∂p = (1, 0); each negative distance weighs ½.
        assertArrayEquals(new double[] {-0.5, 0}, torch.gradients().get(Inputs.ANCHOR).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0}, torch.gradients().get(Inputs.POSITIVE).toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, torch.gradients().get(Inputs.NEGATIVE).toDoubleArray());
        LossResult keras = triplet(Convention.KERAS, 1, true, a, p, n);
        assertEquals(2.0, keras.value().getDouble(0));
        assertArrayEquals(new double[] {0, 0}, keras.gradients().get(Inputs.ANCHOR).toDoubleArray());
        assertArrayEquals(new double[] {1, 0}, keras.gradients().get(Inputs.POSITIVE).toDoubleArray());
        assertArrayEquals(new double[] {-1, 0}, keras.gradients().get(Inputs.NEGATIVE).toDoubleArray());
    }

    @Test
    void hingeExactlyAtZeroPassesTheGradient() throws Exception {
        // d(a, p) = 1, d(a, n) = 2, margin 1: h = 0 exactly.
        for (Convention c : Convention.values()) {
            LossResult r = triplet(c, 1, false, new double[] {0, 0}, new double[] {1, 0}, new double[] {2, 0});
            assertEquals(0.0, r.value().getDouble(0), c.toString());
            assertArrayEquals(new double[] {1, 0}, r.gradients().get(Inputs.POSITIVE).toDoubleArray(), c.toString());
            assertArrayEquals(new double[] {-1, 0}, r.gradients().get(Inputs.NEGATIVE).toDoubleArray(), c.toString());
        }
        // Strictly below zero: no gradient at all.
        LossResult inactive = triplet(Convention.PYTORCH, 0.5, false, new double[] {0, 0}, new double[] {1, 0},
                new double[] {2, 0});
        assertArrayEquals(new double[] {0, 0}, inactive.gradients().get(Inputs.POSITIVE).toDoubleArray());
    }

    @Test
    void zeroDistanceHasZeroGradient() throws Exception {
        // a = p: d(a, p) = 0 contributes no gradient; d(a, n) = 2 gives ∓(a − n)/2.
        for (double norm : new double[] {1.0, 2.0, 3.0}) {
            Map<String, Tensor> in = inputs(Inputs.ANCHOR, vec(F64, 1, 1), Inputs.POSITIVE, vec(F64, 1, 1),
                    Inputs.NEGATIVE, vec(F64, 3, 1));
            LossResult r = engine.evaluate(spec(LossKind.TRIPLET_MARGIN, Reduction.SUM, Convention.PYTORCH, F64,
                    "eps", 0.0, "margin", 5.0, "p", norm), in);
            assertEquals(3.0, r.value().getDouble(0), "p=" + norm);
            assertArrayEquals(new double[] {0, 0}, r.gradients().get(Inputs.POSITIVE).toDoubleArray(), "p=" + norm);
            assertArrayEquals(new double[] {1, 0}, r.gradients().get(Inputs.ANCHOR).toDoubleArray(), "p=" + norm);
            assertArrayEquals(new double[] {-1, 0}, r.gradients().get(Inputs.NEGATIVE).toDoubleArray(), "p=" + norm);
        }
    }

    @Test
    void smoothL1WithZeroBetaIsL1WithZeroSubgradient() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, vec(F64, 0, 2), Inputs.TARGET, vec(F64, 0, 0));
        LossResult r = engine.evaluate(spec(LossKind.SMOOTH_L1, Reduction.NONE, Convention.PYTORCH, F64,
                "beta", 0.0), in);
        assertArrayEquals(new double[] {0, 2}, r.value().toDoubleArray());
        assertArrayEquals(new double[] {0, 1}, r.gradients().get(Inputs.PREDICTION).toDoubleArray());
    }
}
