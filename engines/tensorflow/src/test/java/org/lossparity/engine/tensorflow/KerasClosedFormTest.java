package org.lossparity.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossparity.engine.tensorflow.EngineFixture.*;

import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Values worked out by hand from the Keras definitions, checked against what the framework classes compute. */
class KerasClosedFormTest extends ClassEngineTest {

    /** Keras' epsilon is the float32 constant 1e-7f even in float64 graphs. */
    private static final double EPS = 1e-7f;

    private static LossResult eval(LossSpec spec, Object... inputs) throws Exception {
        return engine.evaluate(spec, inputs(inputs));
    }

    private static double scalar(LossResult r) {
        assertEquals(0, r.value().rank(), "expected a scalar, got " + r.value());
        return r.value().getDouble(0);
    }

    @Test
    void mseOfOneDimensionalInputIsOneSample() throws Exception {
        Tensor x = t(F64, shape(2), 1, 2);
        Tensor y = t(F64, shape(2), 0, 0);
        assertEquals(2.5, scalar(eval(keras(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, F64),
                Inputs.PREDICTION, x, Inputs.TARGET, y)), 0);
        LossResult none = eval(keras(LossKind.MSE, Reduction.NONE, F64), Inputs.PREDICTION, x, Inputs.TARGET, y);
        assertArrayEquals(new long[0], none.value().shape(), "a 1-D input is one sample: value shape []");
        assertEquals(2.5, none.value().getDouble(0), 0);
    }

    @Test
    void reductionsAndSampleWeights() throws Exception {
        Tensor x = t(F64, shape(2, 2), 1, 2, 3, 4);
        Tensor y = t(F64, shape(2, 2), 0, 0, 0, 0);
        Tensor w = t(F64, shape(2), 1, 0);
        LossResult none = eval(keras(LossKind.MSE, Reduction.NONE, F64), Inputs.PREDICTION, x, Inputs.TARGET, y);
        assertArrayEquals(new double[] {2.5, 12.5}, none.value().toDoubleArray(), 0);
        assertEquals(15.0, scalar(eval(keras(LossKind.MSE, Reduction.SUM, F64), Inputs.PREDICTION, x,
                Inputs.TARGET, y)), 0);
        assertEquals(7.5, scalar(eval(keras(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, F64), Inputs.PREDICTION,
                x, Inputs.TARGET, y)), 0);
        // Keras divides the weighted sum by the count of per-sample losses, zero weights included.
        assertEquals(1.25, scalar(eval(keras(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, F64), Inputs.PREDICTION,
                x, Inputs.TARGET, y, Inputs.SAMPLE_WEIGHT, w)), 0);
        assertEquals(2.5, scalar(eval(keras(LossKind.MSE, Reduction.SUM, F64), Inputs.PREDICTION, x,
                Inputs.TARGET, y, Inputs.SAMPLE_WEIGHT, w)), 0);
        LossSpec weightedMean = new LossSpec(LossKind.MSE, keras(LossKind.MSE, Reduction.NONE, F64).params(),
                Reduction.SUM_OVER_BATCH_SIZE, SampleWeighting.DIVIDE_BY_WEIGHT_SUM,
                org.lossparity.core.spec.Convention.KERAS, F64);
        Tensor w2 = t(F64, shape(2), 1, 3);
        assertEquals((2.5 + 3 * 12.5) / 4, scalar(eval(weightedMean, Inputs.PREDICTION, x, Inputs.TARGET, y,
                Inputs.SAMPLE_WEIGHT, w2)), 1e-15);
    }

    @Test
    void weightsForLeadingAxesBroadcastOverTrailingOnes() throws Exception {
        // [2, 2, 2] predictions -> per-sample losses [2, 2]; weights [2] apply per leading row.
        Tensor x = t(F64, shape(2, 2, 2), 1, 1, 2, 2, 3, 3, 4, 4);
        Tensor y = t(F64, shape(2, 2, 2), 0, 0, 0, 0, 0, 0, 0, 0);
        Tensor w = t(F64, shape(2), 2, 0);
        LossResult r = eval(keras(LossKind.MSE, Reduction.NONE, F64), Inputs.PREDICTION, x, Inputs.TARGET, y,
                Inputs.SAMPLE_WEIGHT, w);
        assertArrayEquals(new double[] {2, 8, 0, 0}, r.value().toDoubleArray(), 0);
    }

    @Test
    void maeAndHuber() throws Exception {
        assertEquals(1.5, scalar(eval(keras(LossKind.MAE, Reduction.SUM, F64), Inputs.PREDICTION,
                t(F64, shape(1, 2), 1, -2), Inputs.TARGET, t(F64, shape(1, 2), 0, 0))), 0);
        // r = [0.5, 2], delta 1: [0.125, 1·(2 − 0.5)] averaged = 0.8125
        Tensor x = t(F64, shape(2), 0.5, 2);
        Tensor y = t(F64, shape(2), 0, 0);
        assertEquals(0.8125, scalar(eval(keras(LossKind.HUBER, Reduction.SUM, F64, "delta", 1.0),
                Inputs.PREDICTION, x, Inputs.TARGET, y)), 1e-16);
        assertEquals(0.8125, scalar(eval(keras(LossKind.CUSTOM_HUBER, Reduction.SUM, F64, "delta", 1.0),
                Inputs.PREDICTION, x, Inputs.TARGET, y)), 1e-16);
        // smooth L1, beta 0.5: [0.5 − 0.25, 2 − 0.25] averaged = 1.0
        assertEquals(1.0, scalar(eval(keras(LossKind.SMOOTH_L1, Reduction.SUM, F64, "beta", 0.5),
                Inputs.PREDICTION, x, Inputs.TARGET, y)), 1e-16);
    }

    @Test
    void bceClipsAndAddsEpsilonInsideTheLog() throws Exception {
        // p = 0 with y = 1: clip to eps, then log(eps + eps).
        double expected = -Math.log(EPS + EPS);
        assertEquals(expected, scalar(eval(keras(LossKind.BCE, Reduction.SUM, F64), Inputs.PREDICTION,
                t(F64, shape(1), 0), Inputs.TARGET, t(F64, shape(1), 1))), 1e-12);
        // p = 1 with y = 0: clip to 1 − eps, then log(1 − (1 − eps) + eps).
        double oneMinus = 1 - EPS;
        assertEquals(-Math.log(1 - oneMinus + EPS), scalar(eval(keras(LossKind.BCE, Reduction.SUM, F64),
                Inputs.PREDICTION, t(F64, shape(1), 1), Inputs.TARGET, t(F64, shape(1), 0))), 1e-9);
    }

    @Test
    void bceSmoothingConstantsAreFloat32EvenInFloat64() throws Exception {
        // y' = y·(1 − ls) + ls/2 with both constants computed in float32: 1f − 0.2f and 0.5f·0.2f.
        double keep = 1f - 0.2f;
        double half = 0.5f * 0.2f;
        double yS = 1 * keep + half;
        double p = 0.8;
        double expected = -(yS * Math.log(p + EPS) + (1 - yS) * Math.log(1 - p + EPS));
        double exactConstants = -(0.9 * Math.log(p + EPS) + 0.1 * Math.log(1 - p + EPS));
        double got = scalar(eval(keras(LossKind.BCE, Reduction.SUM, F64, "label_smoothing", 0.2),
                Inputs.PREDICTION, t(F64, shape(1), p), Inputs.TARGET, t(F64, shape(1), 1)));
        assertEquals(expected, got, 1e-15);
        // The float32 constants are visible in float64: the exact-decimal smoothing differs by far more than 1 ulp.
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(got - exactConstants) > 1e-9,
                "float32 smoothing constants should show in float64: " + got + " vs " + exactConstants);
    }

    @Test
    void bceFromLogits() throws Exception {
        assertEquals(Math.log(2), scalar(eval(keras(LossKind.BCE_WITH_LOGITS, Reduction.SUM, F64),
                Inputs.PREDICTION, t(F64, shape(1), 0), Inputs.TARGET, t(F64, shape(1), 1))), 1e-16);
        // z = 2, y = 0: log(1 + e^2)
        assertEquals(Math.log1p(Math.exp(2)), scalar(eval(keras(LossKind.BCE_WITH_LOGITS, Reduction.SUM, F32),
                Inputs.PREDICTION, t(F32, shape(1), 2), Inputs.TARGET, t(F32, shape(1), 0))), 1e-6);
    }

    @Test
    void categoricalFromProbabilitiesRenormalisesRows() throws Exception {
        Tensor y = t(F64, shape(3), 0, 1, 0);
        assertEquals(-Math.log(0.5), scalar(eval(keras(LossKind.CATEGORICAL_CE, Reduction.SUM, F64,
                "from_logits", false), Inputs.PREDICTION, t(F64, shape(3), 0.2, 0.5, 0.3), Inputs.TARGET, y)), 1e-15);
        // rows summing to 2 are divided by their sum first: [0.4, 1.0, 0.6] -> [0.2, 0.5, 0.3]
        assertEquals(-Math.log(0.5), scalar(eval(keras(LossKind.CATEGORICAL_CE, Reduction.SUM, F64,
                "from_logits", false), Inputs.PREDICTION, t(F64, shape(3), 0.4, 1.0, 0.6), Inputs.TARGET, y)), 1e-15);
    }

    @Test
    void categoricalFromLogitsWithSmoothing() throws Exception {
        double lse = Math.log(Math.E + 2);
        double[] logSoftmax = {1 - lse, -lse, -lse};
        double ls = 0.3f;
        double keep = 1f - 0.3f;
        double[] yS = {keep + ls / 3, ls / 3, ls / 3};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected -= yS[i] * logSoftmax[i];
        }
        for (DType d : new DType[] {F32, F64}) {
            double got = scalar(eval(keras(LossKind.CATEGORICAL_CE, Reduction.SUM, d, "label_smoothing", 0.3),
                    Inputs.PREDICTION, t(d, shape(1, 3), 1, 0, 0), Inputs.TARGET, t(d, shape(1, 3), 1, 0, 0)));
            assertEquals(expected, got, d == F64 ? 1e-15 : 1e-6, d.toString());
        }
    }

    @Test
    void sparseCategorical() throws Exception {
        Tensor z = t(F64, shape(2, 3), 1, 0, 0, 0, 2, 0);
        LossResult r = eval(keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.NONE, F64), Inputs.PREDICTION, z,
                Inputs.TARGET, labels(shape(2), 0, 1));
        assertEquals(Math.log(Math.E + 2) - 1, r.value().getDouble(0), 1e-15);
        assertEquals(Math.log(Math.exp(2) + 2) - 2, r.value().getDouble(1), 1e-15);
        assertEquals(-Math.log(0.5), scalar(eval(keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, F64,
                "from_logits", false), Inputs.PREDICTION, t(F64, shape(1, 3), 0.2, 0.5, 0.3), Inputs.TARGET,
                labels(shape(1), 1))), 1e-15);
    }

    @Test
    void sparseFromProbabilitiesClipsBeforeRenormalising() throws Exception {
        // TensorFlow Java clips p to [eps, 1 − eps], takes the log and applies the sparse softmax cross-entropy, so
        // the clipped row is renormalised: −log(0.5 / (eps + 0.5 + 0.5)). Keras in Python renormalises first and
        // clips after, which gives −log(0.5) here.
        double got = scalar(eval(keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, F64, "from_logits", false),
                Inputs.PREDICTION, t(F64, shape(1, 3), 0, 0.5, 0.5), Inputs.TARGET, labels(shape(1), 1)));
        assertEquals(-Math.log(0.5 / (EPS + 1)), got, 1e-15);
    }

    @Test
    void repeatedEvaluationsAreBitwiseIdentical() throws Exception {
        LossSpec spec = keras(LossKind.CATEGORICAL_CE, Reduction.SUM_OVER_BATCH_SIZE, F32);
        double[] z = new double[64 * 10];
        double[] y = new double[z.length];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < z.length; i++) {
            z[i] = rnd.nextGaussian() * 3;
            y[i] = i % 10 == (i / 10) % 10 ? 1 : 0;
        }
        LossResult first = eval(spec, Inputs.PREDICTION, t(F32, shape(64, 10), z), Inputs.TARGET,
                t(F32, shape(64, 10), y));
        for (int i = 0; i < 5; i++) {
            LossResult again = eval(spec, Inputs.PREDICTION, t(F32, shape(64, 10), z), Inputs.TARGET,
                    t(F32, shape(64, 10), y));
            org.junit.jupiter.api.Assertions.assertTrue(first.value().bitEquals(again.value()));
            org.junit.jupiter.api.Assertions.assertTrue(first.gradients().get(Inputs.PREDICTION)
                    .bitEquals(again.gradients().get(Inputs.PREDICTION)));
        }
    }

    @Test
    void klDivergenceOnProbabilities() throws Exception {
        double expected = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        assertEquals(expected, scalar(eval(keras(LossKind.KL_DIV, Reduction.SUM, F64), Inputs.PREDICTION,
                t(F64, shape(2), 0.25, 0.75), Inputs.TARGET, t(F64, shape(2), 0.5, 0.5))), 1e-16);
        // A zero target is clipped to eps: eps·log(eps/q) instead of 0.
        double q = 0.5;
        double clipped = EPS * Math.log(EPS / q) + 1 * Math.log(1 / q);
        assertEquals(clipped, scalar(eval(keras(LossKind.KL_DIV, Reduction.SUM, F64), Inputs.PREDICTION,
                t(F64, shape(2), q, q), Inputs.TARGET, t(F64, shape(2), 0, 1))), 1e-15);
    }

    @Test
    void distillationScalesByTemperatureSquared() throws Exception {
        double temp = 2;
        double[] s = {1, 0, -1};
        double[] tt = {0, 1, 3};
        double[] ps = softmax(s, temp);
        double[] pt = softmax(tt, temp);
        double kl = 0;
        for (int i = 0; i < 3; i++) {
            kl += pt[i] * Math.log(pt[i] / ps[i]);
        }
        assertEquals(temp * temp * kl, scalar(eval(keras(LossKind.DISTILLATION_KL, Reduction.SUM, F64,
                "temperature", temp), Inputs.PREDICTION, t(F64, shape(3), s), Inputs.TARGET, t(F64, shape(3), tt))),
                1e-14);
    }

    @Test
    void tripletMarginWithEpsAndSwap() throws Exception {
        double eps = 1e-6;
        // d(a,p) = ‖(−3 + eps, −4 + eps)‖, d(a,n) = ‖(eps, −1 + eps)‖
        double dap = Math.hypot(-3 + eps, -4 + eps);
        double dan = Math.hypot(eps, -1 + eps);
        assertEquals(dap - dan + 1, scalar(eval(keras(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64),
                Inputs.ANCHOR, t(F64, shape(2), 0, 0), Inputs.POSITIVE, t(F64, shape(2), 3, 4), Inputs.NEGATIVE,
                t(F64, shape(2), 0, 1))), 1e-15);
        // swap: d(a,n) = 2 but d(p,n) = 1, so the loss is 1 − 1 + 1 = 1 instead of max(1 − 2 + 1, 0) = 0.
        Object[] in = {Inputs.ANCHOR, t(F64, shape(1, 2), 0, 0), Inputs.POSITIVE, t(F64, shape(1, 2), 0, 1),
                Inputs.NEGATIVE, t(F64, shape(1, 2), 0, 2)};
        assertEquals(0.0, scalar(eval(keras(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64, "eps", 0.0), in)), 0);
        assertEquals(1.0, scalar(eval(keras(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64, "eps", 0.0, "swap", true),
                in)), 0);
        // p = 1: d(a,p) = 7, d(a,n) = 1 -> 7 − 1 + 0.5
        assertEquals(6.5, scalar(eval(keras(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64, "eps", 0.0, "p", 1.0,
                "margin", 0.5), Inputs.ANCHOR, t(F64, shape(2), 0, 0), Inputs.POSITIVE, t(F64, shape(2), 3, 4),
                Inputs.NEGATIVE, t(F64, shape(2), 0, 1))), 0);
        // p = 3: (3³ + 4³)^(1/3) − 1 + 1
        assertEquals(Math.cbrt(27 + 64), scalar(eval(keras(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64, "eps", 0.0,
                "p", 3.0), Inputs.ANCHOR, t(F64, shape(2), 0, 0), Inputs.POSITIVE, t(F64, shape(2), 3, 4),
                Inputs.NEGATIVE, t(F64, shape(2), 0, 1))), 1e-14);
    }

    @Test
    void customHuberAgreesWithBuiltInHuber() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        for (DType d : new DType[] {F32, F64}) {
            for (double delta : new double[] {0.5, 1.0, 2.0}) {
                double[] xs = new double[24];
                double[] ys = new double[24];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = rnd.nextGaussian() * 2;
                    ys[i] = rnd.nextGaussian();
                }
                for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.SUM, Reduction.SUM_OVER_BATCH_SIZE}) {
                    Object[] in = {Inputs.PREDICTION, t(d, shape(4, 6), xs), Inputs.TARGET, t(d, shape(4, 6), ys)};
                    LossResult builtIn = eval(keras(LossKind.HUBER, r, d, "delta", delta), in);
                    LossResult custom = eval(keras(LossKind.CUSTOM_HUBER, r, d, "delta", delta), in);
                    double tol = d == F64 ? 1e-15 : 1e-6;
                    assertArrayEquals(builtIn.value().toDoubleArray(), custom.value().toDoubleArray(), tol,
                            "value " + d + " delta " + delta + " " + r);
                    assertArrayEquals(builtIn.gradients().get(Inputs.PREDICTION).toDoubleArray(),
                            custom.gradients().get(Inputs.PREDICTION).toDoubleArray(), tol,
                            "gradient " + d + " delta " + delta + " " + r);
                }
            }
        }
    }

    @Test
    void huberDeltaIsRoundedToFloat32ByTheFramework() throws Exception {
        LossResult r = eval(keras(LossKind.HUBER, Reduction.SUM, F64, "delta", 0.1), Inputs.PREDICTION,
                t(F64, shape(1), 1), Inputs.TARGET, t(F64, shape(1), 0));
        double delta = 0.1f;
        assertEquals(delta * (1 - 0.5 * delta), scalar(r), 1e-17);
        org.junit.jupiter.api.Assertions.assertTrue(r.notes().containsKey("delta_rounded"), r.notes().toString());
    }

    static double[] softmax(double[] z, double temp) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temp);
        }
        double sum = 0;
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.exp(z[i] / temp - max);
            sum += out[i];
        }
        for (int i = 0; i < z.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
