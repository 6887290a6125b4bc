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

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** The {@code pytorch} engine against closed forms worked out by hand from torch's documented definitions. */
class PytorchEngineTest {
    private static final double TIGHT = 1e-14;
    private static LossEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = Engines.pytorch();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final Tensor X = f64(shape(3), 0.5, -1, 2);
    private static final Tensor Y = f64(shape(3), 0, 1, 1.5); // residuals 0.5, -2, 0.5

    @Test
    void identityRecordsVersionsThreadsAndCpuCapability() {
        var id = engine.identity();
        assertEquals("pytorch", id.name());
        assertEquals(Convention.PYTORCH, id.convention());
        assertEquals("DJL 0.36.0", id.library());
        assertTrue(id.runtime().startsWith("libtorch 2.7.1"), id.runtime());
        assertEquals(1, id.threads());
        assertTrue(id.details().get("cpuCapability").matches("(AVX512|AVX2|DEFAULT|\\w+) \\(.*\\)"),
                id.details().toString());
        assertEquals("true", id.details().get("offline"));
    }

    @Test
    void mseMeanAndItsGradient() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MSE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        assertEquals((0.25 + 4 + 0.25) / 3, scalar(r), TIGHT);
        assertArrayEquals(new double[] {1.0 / 3, -4.0 / 3, 1.0 / 3}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(),
                TIGHT);
        assertTrue(r.notes().get("path").contains("mse_loss"), r.notes().toString());
    }

    @Test
    void l1NoneIsPerElementAndItsGradientIsThatOfTheSum() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.MAE, Map.of(), Reduction.NONE, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y));
        assertArrayEquals(new double[] {0.5, 2, 0.5}, r.value().toDoubleArray(), TIGHT);
        assertArrayEquals(new double[] {1, -1, 1}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(), TIGHT);
    }

    @Test
    void huberAndSmoothL1Sums() throws Exception {
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y);
        // delta 1: 0.5*0.25 + 1*(2 - 0.5) + 0.5*0.25
        assertEquals(1.75, scalar(engine.evaluate(spec(LossKind.HUBER, Map.of("delta", 1.0), Reduction.SUM,
                DType.FLOAT64), in)), TIGHT);
        // beta 0.5: |r| = 0.5 is not < beta, so every element is linear: (0.5-0.25) + (2-0.25) + (0.5-0.25)
        assertEquals(2.25, scalar(engine.evaluate(spec(LossKind.SMOOTH_L1, Map.of("beta", 0.5), Reduction.SUM,
                DType.FLOAT64), in)), TIGHT);
        // custom Huber (NDArray ops) agrees with the kernel
        assertEquals(1.75, scalar(engine.evaluate(spec(LossKind.CUSTOM_HUBER, Map.of("delta", 1.0), Reduction.SUM,
                DType.FLOAT64), in)), TIGHT);
    }

    @Test
    void bceClampsEachLogAtMinus100() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.BCE, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, f64(shape(3), 0.25, 0, 1), Inputs.TARGET, f64(shape(3), 1, 1, 1)));
        assertEquals((Math.log(4) + 100 + 0) / 3, scalar(r), 1e-12);
    }

    @Test
    void bceWithLogitsPosWeightBroadcastsOverTheLastAxis() throws Exception {
        Tensor z = f64(shape(2, 2), 0.3, -1.2, 0.7, 2.0);
        Tensor y = f64(shape(2, 2), 1, 0, 0.25, 1);
        Tensor pw = f64(shape(2), 2, 3);
        double[] zs = z.toDoubleArray();
        double[] ys = y.toDoubleArray();
        double[] ws = {2, 3, 2, 3};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            // -(w y log σ(z) + (1-y) log(1-σ(z))) = w y softplus(-z) + (1-y) softplus(z)
            sum += ws[i] * ys[i] * softplus(-zs[i]) + (1 - ys[i]) * softplus(zs[i]);
        }
        LossSpec s = spec(LossKind.BCE_WITH_LOGITS, Map.of(), Reduction.MEAN, DType.FLOAT64);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, z, Inputs.TARGET, y, Inputs.POS_WEIGHT, pw);
        LossResult r = engine.evaluate(s, in);
        assertEquals(sum / 4, scalar(r), 1e-15);
        assertClose(Engines.numericGradient(engine, s, in, Inputs.PREDICTION), r.gradients().get(Inputs.PREDICTION));
    }

    @Test
    void sparseCrossEntropyWithClassWeightsIgnoreIndexAndSmoothing() throws Exception {
        double[][] z = {{1, 2, 3}, {0.5, 0.5, -1}, {2, 0, 0}};
        long[] labels = {2, 1, 0};
        double[] w = {0.5, 1, 2};
        double ls = 0.2;
        long ignore = 1;
        double nll = 0;
        double smooth = 0;
        double weightTotal = 0;
        for (int n = 0; n < 3; n++) {
            if (labels[n] == ignore) {
                continue;
            }
            double[] logp = logSoftmax(z[n]);
            nll += -w[(int) labels[n]] * logp[(int) labels[n]];
            for (int c = 0; c < 3; c++) {
                smooth += -w[c] * logp[c];
            }
            weightTotal += w[(int) labels[n]];
        }
        double expected = (1 - ls) * nll / weightTotal + ls / 3 * smooth / weightTotal;
        LossSpec s = spec(LossKind.SPARSE_CATEGORICAL_CE, Map.of("ignore_index", ignore, "label_smoothing", ls),
                Reduction.MEAN, DType.FLOAT64);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, f64(shape(3, 3), 1, 2, 3, 0.5, 0.5, -1, 2, 0, 0),
                Inputs.TARGET, Tensor.ofInt64(shape(3), labels), Inputs.CLASS_WEIGHT, f64(shape(3), w));
        LossResult r = engine.evaluate(s, in);
        assertEquals(expected, scalar(r), 1e-14);
        double[] g = r.gradients().get(Inputs.PREDICTION).toDoubleArray();
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOfRange(g, 3, 6), 0.0, "ignored sample");
        assertClose(Engines.numericGradient(engine, s, in, Inputs.PREDICTION), r.gradients().get(Inputs.PREDICTION));
    }

    @Test
    void sampleWeightedSparseMeanDividesByKeptSamplesOnly() throws Exception {
        // Zero logits: kept rows have l = log 2. Labels [0, ignored, 1], weights [2, 5, 1]: Σ w·l = 3 log 2 over
        // 2 kept samples (divide_by_count, not the 3 rows) or kept weights 3 (divide_by_weight_sum, not 8).
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, f64(shape(3, 2), 0, 0, 0, 0, 0, 0),
                Inputs.TARGET, Tensor.ofInt64(shape(3), new long[] {0, -100, 1}),
                Inputs.SAMPLE_WEIGHT, f64(shape(3), 2, 5, 1));
        LossSpec mean = spec(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.MEAN, DType.FLOAT64);
        LossResult byCount = engine.evaluate(new LossSpec(mean.loss(), mean.params(), Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_COUNT, Convention.PYTORCH, DType.FLOAT64), in);
        assertEquals(1.5 * Math.log(2), scalar(byCount), TIGHT);
        assertArrayEquals(new double[] {-0.5, 0.5, 0, 0, 0.25, -0.25},
                byCount.gradients().get(Inputs.PREDICTION).toDoubleArray(), TIGHT);
        LossResult byWeights = engine.evaluate(new LossSpec(mean.loss(), mean.params(), Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_WEIGHT_SUM, Convention.PYTORCH, DType.FLOAT64), in);
        assertEquals(Math.log(2), scalar(byWeights), TIGHT);
    }

    @Test
    void float32InputForAFloat64SpecIsRefused() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.MSE, Map.of(), Reduction.SUM, DType.FLOAT64),
                inputs(Inputs.PREDICTION, Engines.t(DType.FLOAT32, shape(3), 0.5, -1, 2), Inputs.TARGET, Y)));
        assertTrue(e.getMessage().contains("'prediction'") && e.getMessage().contains("got float32"), e.getMessage());
    }

    @Test
    void crossEntropyWithProbabilityTargetsDividesByTheSampleCount() throws Exception {
        double[][] z = {{1, 2, 3}, {0.5, 0.5, -1}};
        double[][] y = {{0.2, 0.3, 0.5}, {1, 0, 0}};
        double[] w = {0.5, 1, 2};
        double ls = 0.1;
        double total = 0;
        for (int n = 0; n < 2; n++) {
            double[] logp = logSoftmax(z[n]);
            for (int c = 0; c < 3; c++) {
                total += -w[c] * (y[n][c] * (1 - ls) + ls / 3) * logp[c];
            }
        }
        LossSpec s = spec(LossKind.CATEGORICAL_CE, Map.of("label_smoothing", ls), Reduction.MEAN, DType.FLOAT64);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, f64(shape(2, 3), 1, 2, 3, 0.5, 0.5, -1),
                Inputs.TARGET, f64(shape(2, 3), 0.2, 0.3, 0.5, 1, 0, 0), Inputs.CLASS_WEIGHT, f64(shape(3), w));
        LossResult r = engine.evaluate(s, in);
        assertEquals(total / 2, scalar(r), 1e-14);
        assertClose(Engines.numericGradient(engine, s, in, Inputs.PREDICTION), r.gradients().get(Inputs.PREDICTION));
        LossResult none = engine.evaluate(s.withReduction(Reduction.NONE), in);
        assertArrayEquals(new long[] {2}, none.value().shape(), "reduction none is per sample");
    }

    @Test
    void klDivWithLogTargetBatchmean() throws Exception {
        double[] x = {Math.log(0.3), Math.log(0.7), Math.log(0.4), Math.log(0.6)};
        double[] y = {Math.log(0.5), Math.log(0.5), Math.log(0.1), Math.log(0.9)};
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Math.exp(y[i]) * (y[i] - x[i]);
        }
        LossSpec s = spec(LossKind.KL_DIV, Map.of("log_target", true), Reduction.BATCHMEAN, DType.FLOAT64);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, f64(shape(2, 2), x), Inputs.TARGET, f64(shape(2, 2), y));
        LossResult r = engine.evaluate(s, in);
        assertEquals(sum / 2, scalar(r), 1e-15);
        assertClose(Engines.numericGradient(engine, s, in, Inputs.PREDICTION), r.gradients().get(Inputs.PREDICTION));
    }

    @Test
    void klDivTermsWithZeroTargetAreZero() throws Exception {
        LossResult r = engine.evaluate(spec(LossKind.KL_DIV, Map.of(), Reduction.NONE, DType.FLOAT64),
                inputs(Inputs.PREDICTION, f64(shape(2), Math.log(0.25), Math.log(0.75)), Inputs.TARGET, f64(shape(2), 0, 1)));
        assertArrayEquals(new double[] {0, -Math.log(0.75)}, r.value().toDoubleArray(), 1e-15);
    }

    @Test
    void distillationIsTemperatureSquaredTimesKl() throws Exception {
        double[][] s = {{1, 2, 3}, {0.5, 0.5, -1}};
        double[][] t = {{0, 1, 0}, {2, 1, 0}};
        double temp = 2;
        double sum = 0;
        for (int n = 0; n < 2; n++) {
            double[] logq = logSoftmax(new double[] {s[n][0] / temp, s[n][1] / temp, s[n][2] / temp});
            double[] logp = logSoftmax(new double[] {t[n][0] / temp, t[n][1] / temp, t[n][2] / temp});
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(logp[c]) * (logp[c] - logq[c]);
            }
        }
        LossSpec spec = spec(LossKind.DISTILLATION_KL, Map.of("temperature", temp), Reduction.BATCHMEAN, DType.FLOAT64);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, f64(shape(2, 3), 1, 2, 3, 0.5, 0.5, -1),
                Inputs.TARGET, f64(shape(2, 3), 0, 1, 0, 2, 1, 0));
        LossResult r = engine.evaluate(spec, in);
        assertEquals(temp * temp * sum / 2, scalar(r), 1e-14);
        assertClose(Engines.numericGradient(engine, spec, in, Inputs.PREDICTION), r.gradients().get(Inputs.PREDICTION));
    }

    @Test
    void tripletMarginWithAndWithoutSwap() throws Exception {
        // d(a,p) = 5, d(a,n) = sqrt(34), d(p,n) = 1
        Map<String, Tensor> in = inputs(Inputs.ANCHOR, f64(shape(1, 2), 0, 0), Inputs.POSITIVE, f64(shape(1, 2), 3, 4),
                Inputs.NEGATIVE, f64(shape(1, 2), 3, 5));
        LossSpec plain = spec(LossKind.TRIPLET_MARGIN, Map.of("eps", 0.0), Reduction.MEAN, DType.FLOAT64);
        assertEquals(5 - Math.sqrt(34) + 1, scalar(engine.evaluate(plain, in)), 1e-14);
        LossSpec swap = spec(LossKind.TRIPLET_MARGIN, Map.of("eps", 0.0, "swap", true), Reduction.MEAN, DType.FLOAT64);
        LossResult r = engine.evaluate(swap, in);
        assertEquals(5 - 1 + 1, scalar(r), 1e-14);
        for (String input : LossKind.TRIPLET_MARGIN.differentiableInputs()) {
            assertClose(Engines.numericGradient(engine, swap, in, input), r.gradients().get(input));
        }
    }

    @Test
    void sampleWeightsBroadcastAlongTrailingAxesAndAverageByTheirSum() throws Exception {
        Tensor x = f64(shape(2, 2), 1, 2, 3, 4);
        Tensor y = f64(shape(2, 2), 0, 0, 0, 0);
        Tensor w = f64(shape(2), 1, 3);
        Map<String, Tensor> in = inputs(Inputs.PREDICTION, x, Inputs.TARGET, y, Inputs.SAMPLE_WEIGHT, w);
        double weighted = 1 * (1 + 4) + 3 * (9 + 16);
        assertEquals(weighted / (2 * 1 + 2 * 3), scalar(engine.evaluate(spec(LossKind.MSE, Map.of(), Reduction.MEAN,
                DType.FLOAT64), in)), TIGHT);
        // BCE's own `weight` argument carries the sample weight; Keras-style weighting divides by the count.
        Tensor p = f64(shape(2, 2), 0.5, 0.25, 0.75, 0.5);
        LossSpec byCount = new LossSpec(LossKind.BCE, org.lossparity.core.spec.Params.of(LossKind.BCE, Map.of()),
                Reduction.MEAN, org.lossparity.core.spec.SampleWeighting.DIVIDE_BY_COUNT, Convention.PYTORCH,
                DType.FLOAT64);
        double bce = 1 * (Math.log(2) + Math.log(4)) + 3 * (Math.log(4.0 / 3) + Math.log(2));
        Map<String, Tensor> bin = inputs(Inputs.PREDICTION, p, Inputs.TARGET, f64(shape(2, 2), 1, 1, 1, 1),
                Inputs.SAMPLE_WEIGHT, w);
        assertEquals(bce / 4, scalar(engine.evaluate(byCount, bin)), 1e-15);
        assertEquals(bce / 8, scalar(engine.evaluate(spec(LossKind.BCE, Map.of(), Reduction.MEAN, DType.FLOAT64), bin)),
                1e-15);
    }

    @Test
    void float32StaysFloat32() throws Exception {
        Tensor x = Tensor.ofFloat32(shape(3), new float[] {0.1f, 0.2f, 0.3f});
        Tensor y = Tensor.ofFloat32(shape(3), new float[] {0.3f, 0.2f, 0.1f});
        for (LossKind k : List.of(LossKind.MSE, LossKind.HUBER, LossKind.CUSTOM_HUBER)) {
            LossResult r = engine.evaluate(spec(k, Map.of(), Reduction.MEAN, DType.FLOAT32),
                    inputs(Inputs.PREDICTION, x, Inputs.TARGET, y));
            assertEquals(DType.FLOAT32, r.value().dtype(), k.id());
            assertEquals(DType.FLOAT32, r.gradients().get(Inputs.PREDICTION).dtype(), k.id());
            double r0 = (double) 0.1f - (double) 0.3f;
            double expected = k == LossKind.MSE ? 2 * r0 * r0 / 3 : r0 * r0 / 3;
            assertEquals(expected, scalar(r), 1e-8, k.id());
        }
    }

    @Test
    void rejectsKerasSpecsAndMismatchedInputs() {
        LossSpec keras = LossSpec.of(LossKind.MSE, Map.of(), Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS,
                DType.FLOAT32);
        assertFalse(engine.supports(keras).supported());
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.MSE, Map.of(), Reduction.MEAN, DType.FLOAT32), inputs(Inputs.PREDICTION, X, Inputs.TARGET, Y)));
        assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float32"), e.getMessage());
        EngineException shapes = assertThrows(EngineException.class, () -> engine.evaluate(
                spec(LossKind.BCE_WITH_LOGITS, Map.of(), Reduction.MEAN, DType.FLOAT64),
                inputs(Inputs.PREDICTION, X, Inputs.TARGET, f64(shape(2), 1, 0))));
        assertTrue(shapes.getMessage().contains("bce_with_logits"), shapes.getMessage());
    }

    static void assertClose(double[] expected, Tensor actual) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "gradient element " + i);
        }
    }

    static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    static double[] logSoftmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - max - Math.log(s);
        }
        return out;
    }
}
