package org.lossparity.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.tensorflow.EngineFixture.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** PyTorch-convention specs built from TF ops: hand-computed values, labels in results, gradients. */
class TorchConventionTest extends ClassEngineTest {

    private static LossResult eval(LossSpec spec, Object... in) throws Exception {
        LossResult r = engine.evaluate(spec, inputs(in));
        assertTrue(r.notes().containsKey(TorchStyleLosses.BUILT_FROM), "results say they were built from TF ops: "
                + r.notes());
        assertTrue(engine.supports(spec).reason().startsWith("built from TF ops"), engine.supports(spec).reason());
        return r;
    }

    @Test
    void elementwiseRegressionReducesOverAllElements() throws Exception {
        Tensor x = t(F64, shape(2), 1, 2);
        Tensor y = t(F64, shape(2), 0, 0);
        LossResult none = eval(torch(LossKind.MSE, Reduction.NONE, F64), Inputs.PREDICTION, x, Inputs.TARGET, y);
        assertArrayEquals(new double[] {1, 4}, none.value().toDoubleArray(), 0);
        assertArrayEquals(new long[] {2}, none.value().shape(), "PyTorch none is per element");
        assertEquals(2.5, eval(torch(LossKind.MSE, Reduction.MEAN, F64), Inputs.PREDICTION, x, Inputs.TARGET, y)
                .value().getDouble(0), 0);
        // huber delta 1 on r = [1, 2]: [0.5, 1.5]; smooth_l1 beta 2: [0.25, 1.0]
        assertEquals(2.0, eval(torch(LossKind.HUBER, Reduction.SUM, F64), Inputs.PREDICTION, x, Inputs.TARGET, y)
                .value().getDouble(0), 0);
        assertEquals(1.25, eval(torch(LossKind.SMOOTH_L1, Reduction.SUM, F64, "beta", 2.0), Inputs.PREDICTION, x,
                Inputs.TARGET, y).value().getDouble(0), 0);
        assertEquals(3.0, eval(torch(LossKind.SMOOTH_L1, Reduction.SUM, F64, "beta", 0.0), Inputs.PREDICTION, x,
                Inputs.TARGET, y).value().getDouble(0), 0);
    }

    @Test
    void weightedMeanDividesByTheWeightSumAndCountMeanByTheCount() throws Exception {
        Tensor x = t(F64, shape(2, 2), 1, 1, 2, 2);
        Tensor y = t(F64, shape(2, 2), 0, 0, 0, 0);
        Tensor w = t(F64, shape(2), 1, 3);
        // values [[1,1],[4,4]], weights per row: Σ w·l = 2 + 24 = 26, Σ w over elements = 8
        assertEquals(26.0 / 8, eval(torch(LossKind.MSE, Reduction.MEAN, F64), Inputs.PREDICTION, x, Inputs.TARGET,
                y, Inputs.SAMPLE_WEIGHT, w).value().getDouble(0), 1e-15);
        LossSpec byCount = new LossSpec(LossKind.MSE, torch(LossKind.MSE, Reduction.MEAN, F64).params(),
                Reduction.MEAN, SampleWeighting.DIVIDE_BY_COUNT, Convention.PYTORCH, F64);
        assertEquals(26.0 / 4, eval(byCount, Inputs.PREDICTION, x, Inputs.TARGET, y, Inputs.SAMPLE_WEIGHT, w)
                .value().getDouble(0), 1e-15);
    }

    @Test
    void bceClampsLogsAtMinus100() throws Exception {
        LossResult r = eval(torch(LossKind.BCE, Reduction.NONE, F64), Inputs.PREDICTION, t(F64, shape(2), 0, 0.5),
                Inputs.TARGET, t(F64, shape(2), 1, 1));
        assertEquals(100.0, r.value().getDouble(0), 0);
        assertEquals(Math.log(2), r.value().getDouble(1), 1e-16);
    }

    @Test
    void bceWithLogitsPosWeight() throws Exception {
        LossResult r = eval(torch(LossKind.BCE_WITH_LOGITS, Reduction.NONE, F64), Inputs.PREDICTION,
                t(F64, shape(1, 2), 0, 0), Inputs.TARGET, t(F64, shape(1, 2), 1, 0), Inputs.POS_WEIGHT,
                t(F64, shape(2), 3, 3));
        assertArrayEquals(new double[] {3 * Math.log(2), Math.log(2)}, r.value().toDoubleArray(), 1e-15);
    }

    @Test
    void klOnLogProbabilitiesWithBatchmeanAndLogTarget() throws Exception {
        double[] q = {0.25, 0.75, 0.5, 0.5};
        double[] yv = {0.5, 0.5, 0, 1};
        double expected = (0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75) + Math.log(1 / 0.5)) / 2;
        Tensor logQ = t(F64, shape(2, 2), Math.log(q[0]), Math.log(q[1]), Math.log(q[2]), Math.log(q[3]));
        assertEquals(expected, eval(torch(LossKind.KL_DIV, Reduction.BATCHMEAN, F64), Inputs.PREDICTION, logQ,
                Inputs.TARGET, t(F64, shape(2, 2), yv)).value().getDouble(0), 1e-15);
        Tensor logY = t(F64, shape(2, 2), Math.log(0.5), Math.log(0.5), Math.log(0.25), Math.log(0.75));
        double expectedLog = (0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75)
                + 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5)) / 4;
        assertEquals(expectedLog, eval(torch(LossKind.KL_DIV, Reduction.MEAN, F64, "log_target", true),
                Inputs.PREDICTION, logQ, Inputs.TARGET, logY).value().getDouble(0), 1e-15);
    }

    @Test
    void distillationBatchmean() throws Exception {
        double temp = 2;
        double[] s = {1, 0, -1};
        double[] tt = {0, 1, 3};
        double[] ps = KerasClosedFormTest.softmax(s, temp);
        double[] pt = KerasClosedFormTest.softmax(tt, temp);
        double kl = 0;
        for (int i = 0; i < 3; i++) {
            kl += pt[i] * Math.log(pt[i] / ps[i]);
        }
        assertEquals(temp * temp * kl, eval(torch(LossKind.DISTILLATION_KL, Reduction.BATCHMEAN, F64, "temperature",
                temp), Inputs.PREDICTION, t(F64, shape(1, 3), s), Inputs.TARGET, t(F64, shape(1, 3), tt)).value()
                .getDouble(0), 1e-14);
    }

    @Test
    void crossEntropyClassWeightsSmoothingAndIgnoreIndex() throws Exception {
        double lse = Math.log(Math.E + 2);
        double[] lsm = {1 - lse, -lse, -lse};
        Tensor z = t(F64, shape(2, 3), 1, 0, 0, 1, 0, 0);
        Tensor cw = t(F64, shape(3), 2, 1, 1);
        // Soft targets, class weights: sample 0 target class 0 (w 2), sample 1 target class 1 (w 1); mean over N.
        double soft = (-2 * lsm[0] - lsm[1]) / 2;
        assertEquals(soft, eval(torch(LossKind.CATEGORICAL_CE, Reduction.MEAN, F64), Inputs.PREDICTION, z,
                Inputs.TARGET, t(F64, shape(2, 3), 1, 0, 0, 0, 1, 0), Inputs.CLASS_WEIGHT, cw).value().getDouble(0),
                1e-15);
        // Sparse labels, same case: the mean divides by Σ w_y = 3.
        assertEquals((-2 * lsm[0] - lsm[1]) / 3, eval(torch(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, F64),
                Inputs.PREDICTION, z, Inputs.TARGET, labels(shape(2), 0, 1), Inputs.CLASS_WEIGHT, cw).value()
                .getDouble(0), 1e-15);
        // ignore_index drops the second sample from the sum and from the divisor.
        assertEquals(-lsm[0], eval(torch(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, F64, "ignore_index", -1L),
                Inputs.PREDICTION, z, Inputs.TARGET, labels(shape(2), 0, -1)).value().getDouble(0), 1e-15);
        // Smoothing 0.3: (1 − ls)·nll + ls·mean_c(−lsm_c)
        double smooth = -(lsm[0] + lsm[1] + lsm[2]) / 3;
        assertEquals(0.7 * -lsm[0] + 0.3 * smooth, eval(torch(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, F64,
                "label_smoothing", 0.3), Inputs.PREDICTION, t(F64, shape(1, 3), 1, 0, 0), Inputs.TARGET,
                labels(shape(1), 0)).value().getDouble(0), 1e-15);
    }

    private static LossSpec weighted(LossKind loss, Reduction r, SampleWeighting w, DType d) {
        return new LossSpec(loss, torch(loss, r, d).params(), r, w, Convention.PYTORCH, d);
    }

    @Test
    void sparseMeanWithSampleWeightsDividesByKeptSamplesOnly() throws Exception {
        // Zero logits: kept rows have l = log 2. Labels [0, ignored, 1], weights [2, 5, 1]: Σ w·l = 3 log 2 over
        // 2 kept samples (divide_by_count) or kept weights 3 (divide_by_weight_sum); the ignored row counts nowhere.
        Object[] in = {Inputs.PREDICTION, t(F64, shape(3, 2), 0, 0, 0, 0, 0, 0), Inputs.TARGET,
                labels(shape(3), 0, -100, 1), Inputs.SAMPLE_WEIGHT, t(F64, shape(3), 2, 5, 1)};
        LossResult byCount = eval(weighted(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_COUNT, F64), in);
        assertEquals(1.5 * Math.log(2), byCount.value().getDouble(0), 1e-15);
        assertArrayEquals(new double[] {-0.5, 0.5, 0, 0, 0.25, -0.25},
                byCount.gradients().get(Inputs.PREDICTION).toDoubleArray(), 1e-15);
        assertEquals(Math.log(2), eval(weighted(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN,
                SampleWeighting.DIVIDE_BY_WEIGHT_SUM, F64), in).value().getDouble(0), 1e-15);
    }

    @Test
    void klBatchmeanWithSampleWeightsDividesByTheBatchSizeUnderBothWeightings() throws Exception {
        // Targets 1: l = −x = [1, 2]; weights [1, 3]: Σ w·l = 7 over a batch of 2.
        for (SampleWeighting w : SampleWeighting.values()) {
            LossResult r = eval(weighted(LossKind.KL_DIV, Reduction.BATCHMEAN, w, F64), Inputs.PREDICTION,
                    t(F64, shape(2, 1), -1, -2), Inputs.TARGET, t(F64, shape(2, 1), 1, 1), Inputs.SAMPLE_WEIGHT,
                    t(F64, shape(2), 1, 3));
            assertEquals(3.5, r.value().getDouble(0), 0, w.toString());
            assertArrayEquals(new double[] {-0.5, -1.5}, r.gradients().get(Inputs.PREDICTION).toDoubleArray(), 0);
        }
    }

    @Test
    void bceGradientIsTorchKernelAtZeroOneAndTinyProbabilities() throws Exception {
        // PyTorch's backward (p − y) / max(p(1 − p), 1e-12f), finite where the clamped logs are not.
        double eps = (double) 1e-12f;
        double[] p = {0, 1, 1e-12, 0.5};
        double[] y = {1, 0, 0, 1};
        LossResult r = eval(torch(LossKind.BCE, Reduction.SUM, F64), Inputs.PREDICTION, t(F64, shape(4), p),
                Inputs.TARGET, t(F64, shape(4), y));
        assertEquals(200 + (-Math.log1p(-1e-12)) + Math.log(2), r.value().getDouble(0), 1e-13);
        double[] g = r.gradients().get(Inputs.PREDICTION).toDoubleArray();
        assertEquals(-1 / eps, g[0], 0);
        assertEquals(1 / eps, g[1], 0);
        assertEquals(1e-12 / Math.max(1e-12 * (1 - 1e-12), eps), g[2], 1e-15);
        assertEquals(-2, g[3], 0);
    }

    @Test
    void tripletSwapTieSplitsTheGradientAndEmptyMeanIsNaN() throws Exception {
        // a = (0, 0), p = (2, 0), n = (1, 2): d(a,p) = 2, d(a,n) = d(p,n) = √5, hinge 2 − √5 + 1 > 0 active.
        // l = d(a,p) − d_neg + 1 with PyTorch's ½/½ split of d_neg at the tie:
        // dl/da = (a−p)/2 − ½(a−n)/√5, dl/dp = (p−a)/2 − ½(p−n)/√5, dl/dn = −½(n−a)/√5 − ½(n−p)/√5 = (0, −2/√5)
        // (TensorFlow's Minimum would give dl/dn = −(n−a)/√5 = (−1/√5, −2/√5)).
        LossSpec swap = torch(LossKind.TRIPLET_MARGIN, Reduction.SUM, F64, "eps", 0.0, "swap", true);
        LossResult r = eval(swap, Inputs.ANCHOR, t(F64, shape(1, 2), 0, 0), Inputs.POSITIVE,
                t(F64, shape(1, 2), 2, 0), Inputs.NEGATIVE, t(F64, shape(1, 2), 1, 2));
        double s5 = Math.sqrt(5);
        assertEquals(3 - s5, r.value().getDouble(0), 1e-15);
        assertArrayEquals(new double[] {-1 + 0.5 / s5, 1 / s5}, r.gradients().get(Inputs.ANCHOR).toDoubleArray(),
                1e-15);
        assertArrayEquals(new double[] {1 - 0.5 / s5, 1 / s5}, r.gradients().get(Inputs.POSITIVE).toDoubleArray(),
                1e-15);
        assertArrayEquals(new double[] {0, -2 / s5}, r.gradients().get(Inputs.NEGATIVE).toDoubleArray(), 1e-15);
        LossResult empty = eval(torch(LossKind.TRIPLET_MARGIN, Reduction.MEAN, F32), Inputs.ANCHOR,
                t(F32, shape(0, 2)), Inputs.POSITIVE, t(F32, shape(0, 2)), Inputs.NEGATIVE, t(F32, shape(0, 2)));
        assertTrue(Double.isNaN(empty.value().getDouble(0)), "PyTorch's mean of no triplets is NaN");
    }

    @Test
    void float32InputsForAFloat64SpecAreRefused() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                torch(LossKind.MSE, Reduction.SUM, F64),
                inputs(Inputs.PREDICTION, t(F32, shape(2), 1, 2), Inputs.TARGET, t(F64, shape(2), 0, 0))));
        assertTrue(e.getMessage().contains("'prediction'") && e.getMessage().contains("got float32"), e.getMessage());
    }

    @Test
    void classAxisBeyondRankTwoIsRefusedWithTheReason() {
        EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(
                torch(LossKind.CATEGORICAL_CE, Reduction.MEAN, F32),
                inputs(Inputs.PREDICTION, t(F32, shape(1, 2, 2), 0, 1, 0, 1), Inputs.TARGET,
                        t(F32, shape(1, 2, 2), 0, 1, 0, 1))));
        assertTrue(e.getMessage().contains("axis 1"), e.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferences() throws Exception {
        double[] x = {0.3, -1.7, 2.4, 0.9, -0.2, 1.6};
        double[] y = {0.1, 0.4, -0.5, 2.2, 0.6, -0.3};
        double[] probs = {0.2, 0.5, 0.3, 0.15, 0.6, 0.25};
        double[] bin = {1, 0, 0.3, 0, 1, 0.8};
        double[] logQ = new double[6];
        for (int i = 0; i < 6; i++) {
            logQ[i] = Math.log(probs[i]);
        }
        List<Object[]> cases = new ArrayList<>();
        Tensor w = t(F64, shape(2), 0.5, 2);
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.SUM, Reduction.MEAN}) {
            cases.add(new Object[] {torch(LossKind.MSE, r, F64), io(x, y, w)});
            cases.add(new Object[] {torch(LossKind.HUBER, r, F64), io(x, y, null)});
            cases.add(new Object[] {torch(LossKind.SMOOTH_L1, r, F64, "beta", 0.5), io(x, y, w)});
            cases.add(new Object[] {torch(LossKind.CUSTOM_HUBER, r, F64, "delta", 2.0), io(x, y, null)});
            cases.add(new Object[] {torch(LossKind.MAE, r, F64), io(x, y, null)});
            cases.add(new Object[] {torch(LossKind.BCE, r, F64), io(probs, bin, w)});
            Map<String, Tensor> pw = io(x, bin, null);
            pw.put(Inputs.POS_WEIGHT, t(F64, shape(3), 0.5, 1, 4));
            cases.add(new Object[] {torch(LossKind.BCE_WITH_LOGITS, r, F64), pw});
            cases.add(new Object[] {torch(LossKind.KL_DIV, r, F64), io(logQ, probs, null)});
            Map<String, Tensor> ce = io(x, probs, null);
            ce.put(Inputs.CLASS_WEIGHT, t(F64, shape(3), 1, 2, 0.5));
            cases.add(new Object[] {torch(LossKind.CATEGORICAL_CE, r, F64, "label_smoothing", 0.1), ce});
            Map<String, Tensor> sparse = new LinkedHashMap<>();
            sparse.put(Inputs.PREDICTION, t(F64, shape(2, 3), x));
            sparse.put(Inputs.TARGET, labels(shape(2), 2, 0));
            sparse.put(Inputs.CLASS_WEIGHT, t(F64, shape(3), 1, 2, 0.5));
            cases.add(new Object[] {torch(LossKind.SPARSE_CATEGORICAL_CE, r, F64, "label_smoothing", 0.2), sparse});
            cases.add(new Object[] {torch(LossKind.DISTILLATION_KL, r, F64, "temperature", 3.0), io(x, y, null)});
        }
        cases.add(new Object[] {torch(LossKind.KL_DIV, Reduction.BATCHMEAN, F64, "log_target", true),
                io(logQ, logQ, null)});
        for (Object[] c : cases) {
            LossSpec spec = (LossSpec) c[0];
            @SuppressWarnings("unchecked")
            Map<String, Tensor> in = (Map<String, Tensor>) c[1];
            Tensor g = eval(spec, flatten(in)).gradients().get(Inputs.PREDICTION);
            double[] v = in.get(Inputs.PREDICTION).toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(v[i]));
                double fd = (total(spec, in, i, v[i] + h) - total(spec, in, i, v[i] - h)) / (2 * h);
                assertEquals(fd, g.getDouble(i), 1e-6 * (1 + Math.abs(fd)), spec + " element " + i);
            }
            // float32 builds and agrees loosely with float64.
            Map<String, Tensor> in32 = new LinkedHashMap<>();
            in.forEach((k, t) -> in32.put(k, t.dtype().isFloating() ? Tensor.ofFloats(F32, t.shape(),
                    t.toDoubleArray()) : t));
            Tensor g32 = engine.evaluate(spec.withDtype(F32), in32).gradients().get(Inputs.PREDICTION);
            for (int i = 0; i < v.length; i++) {
                assertEquals(g.getDouble(i), g32.getDouble(i), 1e-5 * (1 + Math.abs(g.getDouble(i))),
                        spec + " float32 element " + i);
            }
        }
    }

    private static Map<String, Tensor> io(double[] x, double[] y, Tensor w) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Inputs.PREDICTION, t(F64, shape(2, 3), x));
        m.put(Inputs.TARGET, t(F64, shape(2, 3), y));
        if (w != null) {
            m.put(Inputs.SAMPLE_WEIGHT, w);
        }
        return m;
    }

    private static Object[] flatten(Map<String, Tensor> in) {
        List<Object> out = new ArrayList<>();
        in.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out.toArray();
    }

    private static double total(LossSpec spec, Map<String, Tensor> in, int i, double xi) throws Exception {
        Map<String, Tensor> moved = new LinkedHashMap<>(in);
        double[] x = in.get(Inputs.PREDICTION).toDoubleArray();
        x[i] = xi;
        moved.put(Inputs.PREDICTION, Tensor.ofFloats(F64, in.get(Inputs.PREDICTION).shape(), x));
        double sum = 0;
        for (double e : engine.evaluate(spec, moved).value().toDoubleArray()) {
            sum += e;
        }
        return sum;
    }
}
