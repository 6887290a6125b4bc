package org.lossparity.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.tensorflow.EngineFixture.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Graph gradients against central finite differences of the engine's own float64 value, for every Keras loss,
 * reduction and weighting; and float32 gradients against the float64 ones.
 */
class GradientTest extends ClassEngineTest {

    /** A spec family and inputs chosen away from kinks and clipping bounds, as float64 values. */
    record Case(String name, LossKind loss, Object[] params, Map<String, double[]> floats, long[] shape,
                long[] labels) {
        LossSpec spec(Reduction r, DType d) {
            return keras(loss, r, d, params);
        }

        Map<String, Tensor> inputs(DType d, boolean weighted) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            floats.forEach((k, v) -> m.put(k, t(d, shape, v)));
            if (labels != null) {
                m.put(Inputs.TARGET, Tensor.ofInt64(new long[] {shape[0]}, labels));
            }
            if (weighted) {
                m.put(Inputs.SAMPLE_WEIGHT, t(d, new long[] {shape[0]}, 0.5, 2.0));
            }
            return m;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final double[] X = {0.3, -1.7, 2.4, 0.9, -0.2, 1.6};
    private static final double[] Y = {0.1, 0.4, -0.5, 2.2, 0.6, -0.3};
    private static final double[] P = {0.2, 0.5, 0.3, 0.15, 0.6, 0.25};
    private static final double[] SOFT = {0.1, 0.7, 0.2, 0.6, 0.3, 0.1};
    private static final double[] ONE_HOT = {0, 1, 0, 1, 0, 0};
    private static final double[] BIN = {1, 0, 0.3, 0, 1, 0.8};
    private static final long[] S = {2, 3};

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("mse", LossKind.MSE, new Object[0], io(X, Y), S, null));
        c.add(new Case("mae", LossKind.MAE, new Object[0], io(X, Y), S, null));
        c.add(new Case("huber", LossKind.HUBER, new Object[] {"delta", 1.0}, io(X, Y), S, null));
        c.add(new Case("smooth_l1", LossKind.SMOOTH_L1, new Object[] {"beta", 1.0}, io(X, Y), S, null));
        c.add(new Case("custom_huber", LossKind.CUSTOM_HUBER, new Object[] {"delta", 1.0}, io(X, Y), S, null));
        c.add(new Case("bce", LossKind.BCE, new Object[0], io(P, BIN), S, null));
        c.add(new Case("bce ls", LossKind.BCE, new Object[] {"label_smoothing", 0.1}, io(P, BIN), S, null));
        c.add(new Case("bce logits ls", LossKind.BCE_WITH_LOGITS, new Object[] {"label_smoothing", 0.2},
                io(X, BIN), S, null));
        c.add(new Case("cce probs", LossKind.CATEGORICAL_CE, new Object[] {"from_logits", false}, io(P, SOFT), S,
                null));
        c.add(new Case("cce logits ls", LossKind.CATEGORICAL_CE, new Object[] {"label_smoothing", 0.1},
                io(X, ONE_HOT), S, null));
        c.add(new Case("sparse logits", LossKind.SPARSE_CATEGORICAL_CE, new Object[0],
                Map.of(Inputs.PREDICTION, X), S, new long[] {2, 0}));
        c.add(new Case("sparse probs", LossKind.SPARSE_CATEGORICAL_CE, new Object[] {"from_logits", false},
                Map.of(Inputs.PREDICTION, P), S, new long[] {1, 2}));
        c.add(new Case("kl", LossKind.KL_DIV, new Object[0], io(P, SOFT), S, null));
        c.add(new Case("distillation", LossKind.DISTILLATION_KL, new Object[] {"temperature", 2.0}, io(X, Y), S,
                null));
        Map<String, double[]> triplet = new LinkedHashMap<>();
        triplet.put(Inputs.ANCHOR, X);
        triplet.put(Inputs.POSITIVE, Y);
        triplet.put(Inputs.NEGATIVE, new double[] {1.1, -0.4, 0.2, -0.7, 0.5, 0.8});
        c.add(new Case("triplet", LossKind.TRIPLET_MARGIN, new Object[] {"margin", 3.0}, triplet, S, null));
        c.add(new Case("triplet swap p3", LossKind.TRIPLET_MARGIN, new Object[] {"margin", 3.0, "swap", true,
                "p", 3.0}, triplet, S, null));
        c.add(new Case("triplet p1", LossKind.TRIPLET_MARGIN, new Object[] {"margin", 3.0, "p", 1.0}, triplet, S,
                null));
        return c;
    }

    private static Map<String, double[]> io(double[] x, double[] y) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(Inputs.PREDICTION, x);
        m.put(Inputs.TARGET, y);
        return m;
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.SUM, Reduction.SUM_OVER_BATCH_SIZE}) {
                out.add(Arguments.of(c, r, false));
                if (c.loss() != LossKind.TRIPLET_MARGIN) {
                    out.add(Arguments.of(c, r, true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} weighted={2}")
    @MethodSource("variants")
    void float64GradientMatchesFiniteDifferences(Case c, Reduction r, boolean weighted) throws Exception {
        LossSpec spec = c.spec(r, F64);
        Map<String, Tensor> in = c.inputs(F64, weighted);
        LossResult result = engine.evaluate(spec, in);
        for (String name : spec.loss().differentiableInputs()) {
            Tensor g = result.gradients().get(name);
            assertNotNull(g, "no gradient for " + name);
            double[] x = in.get(name).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(x[i]));
                double up = total(spec, in, name, i, x[i] + h);
                double down = total(spec, in, name, i, x[i] - h);
                double fd = (up - down) / (2 * h);
                double tol = 1e-6 * (1 + Math.abs(fd));
                assertEquals(fd, g.getDouble(i), tol, () -> spec + " d/d" + name + in.get(name).indexOf(0)
                        + " element " + g.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} weighted={2}")
    @MethodSource("variants")
    void float32GradientAgreesWithFloat64(Case c, Reduction r, boolean weighted) throws Exception {
        LossResult wide = engine.evaluate(c.spec(r, F64), c.inputs(F64, weighted));
        LossResult narrow = engine.evaluate(c.spec(r, F32), c.inputs(F32, weighted));
        assertEquals(F32, narrow.value().dtype());
        for (String name : c.loss().differentiableInputs()) {
            Tensor g32 = narrow.gradients().get(name);
            Tensor g64 = wide.gradients().get(name);
            assertEquals(F32, g32.dtype());
            for (int i = 0; i < g64.size(); i++) {
                double expected = g64.getDouble(i);
                double got = g32.getDouble(i);
                assertTrue(Math.abs(got - expected) <= 1e-5 * (1 + Math.abs(expected)), c + " " + r + " d/d" + name
                        + g64.indexOf(i) + ": float32 " + Numbers.format(got, F32) + " vs float64 "
                        + Numbers.format(expected, F64));
            }
        }
    }

    @Test
    void sparseGradientIsSoftmaxMinusOneHot() throws Exception {
        for (DType d : new DType[] {F32, F64}) {
            LossResult r = engine.evaluate(keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, d),
                    inputs(Inputs.PREDICTION, t(d, S, X), Inputs.TARGET, labels(shape(2), 2, 0)));
            double[] g = r.gradients().get(Inputs.PREDICTION).toDoubleArray();
            long[] label = {2, 0};
            for (int row = 0; row < 2; row++) {
                double[] sm = KerasClosedFormTest.softmax(new double[] {X[row * 3], X[row * 3 + 1], X[row * 3 + 2]}, 1);
                for (int k = 0; k < 3; k++) {
                    double expected = sm[k] - (k == label[row] ? 1 : 0);
                    assertEquals(expected, g[row * 3 + k], d == F64 ? 1e-15 : 1e-6, d + " row " + row + " class " + k);
                }
            }
        }
    }

    @Test
    void categoricalFromLogitsHasAFloat64GradientAndSaysHow() throws Exception {
        LossResult r = engine.evaluate(keras(LossKind.CATEGORICAL_CE, Reduction.SUM, F64),
                inputs(Inputs.PREDICTION, t(F64, S, X), Inputs.TARGET, t(F64, S, SOFT)));
        double[] g = r.gradients().get(Inputs.PREDICTION).toDoubleArray();
        for (int row = 0; row < 2; row++) {
            double[] sm = KerasClosedFormTest.softmax(new double[] {X[row * 3], X[row * 3 + 1], X[row * 3 + 2]}, 1);
            for (int k = 0; k < 3; k++) {
                // Σ y = 1 per row, so d/dz_k = softmax_k − y_k.
                assertEquals(sm[k] - SOFT[row * 3 + k], g[row * 3 + k], 1e-15);
            }
        }
        assertTrue(r.notes().get(LossDefinitions.GRADIENT_NOTE).contains("-1.0f"), r.notes().toString());
        assertTrue(r.notes().get("api").contains("CategoricalCrossentropy(fromLogits=true"), r.notes().toString());
    }

    @Test
    void weightedMeanGradientsMatchFiniteDifferences() throws Exception {
        for (LossKind loss : new LossKind[] {LossKind.MSE, LossKind.CATEGORICAL_CE}) {
            LossSpec spec = new LossSpec(loss, keras(loss, Reduction.SUM, F64).params(), Reduction.SUM_OVER_BATCH_SIZE,
                    org.lossparity.core.spec.SampleWeighting.DIVIDE_BY_WEIGHT_SUM,
                    org.lossparity.core.spec.Convention.KERAS, F64);
            Map<String, Tensor> in = new LinkedHashMap<>();
            in.put(Inputs.PREDICTION, t(F64, S, X));
            in.put(Inputs.TARGET, t(F64, S, loss == LossKind.MSE ? Y : SOFT));
            in.put(Inputs.SAMPLE_WEIGHT, t(F64, shape(2), 0.5, 3));
            LossResult r = engine.evaluate(spec, in);
            assertTrue(r.notes().get("weighting").contains("divide_by_weight_sum"), r.notes().toString());
            Tensor g = r.gradients().get(Inputs.PREDICTION);
            for (int i = 0; i < X.length; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(X[i]));
                double fd = (total(spec, in, Inputs.PREDICTION, i, X[i] + h)
                        - total(spec, in, Inputs.PREDICTION, i, X[i] - h)) / (2 * h);
                assertEquals(fd, g.getDouble(i), 1e-6 * (1 + Math.abs(fd)), spec + " element " + i);
            }
        }
    }

    private static double total(LossSpec spec, Map<String, Tensor> in, String name, int i, double xi)
            throws Exception {
        Map<String, Tensor> moved = new LinkedHashMap<>(in);
        double[] x = in.get(name).toDoubleArray();
        x[i] = xi;
        moved.put(name, Tensor.ofFloats(F64, in.get(name).shape(), x));
        double[] v = engine.evaluate(spec, moved).value().toDoubleArray();
        double sum = 0;
        for (double e : v) {
            sum += e;
        }
        return sum;
    }
}
