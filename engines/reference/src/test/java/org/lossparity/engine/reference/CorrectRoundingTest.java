package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Recomputes a sample of specs with straightforward textbook formulas at 120 digits — a second code path that
 * shares nothing with the engine but big-math — and checks that each float32/float64 number the engine reports
 * is the correctly rounded exact value: no farther than its neighbours (≤ 0.5 ULP).
 */
class CorrectRoundingTest {
    private static final MathContext MC = new MathContext(120);
    private static final int ROWS = 4;
    private static final int COLS = 5;
    private final ReferenceEngine engine = Fixtures.engine();

    private static BigDecimal b(double v) {
        return new BigDecimal(v);
    }

    private static BigDecimal log(BigDecimal x) {
        return BigDecimalMath.log(x, MC);
    }

    private static BigDecimal exp(BigDecimal x) {
        return BigDecimalMath.exp(x, MC);
    }

    private static double[] values(Map<String, Tensor> in, String name) {
        return in.get(name).toDoubleArray();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void mseMeanAndGradient(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.MSE, Reduction.MEAN, Convention.PYTORCH, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 11, false);
        double[] x = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        BigDecimal n = BigDecimal.valueOf(x.length);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal r = b(x[i]).subtract(b(y[i]));
            sum = sum.add(r.multiply(r));
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(sum.divide(n, MC), res.value().getDouble(0), dtype, spec + " value");
        for (int i = 0; i < x.length; i++) {
            BigDecimal g = b(x[i]).subtract(b(y[i])).multiply(BigDecimal.valueOf(2)).divide(n, MC);
            assertCorrectlyRounded(g, res.gradients().get(Inputs.PREDICTION).getDouble(i), dtype, spec + " grad " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void bceWithLogitsAndPosWeight(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.BCE_WITH_LOGITS, Reduction.MEAN, Convention.PYTORCH, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 12, true);
        in.remove(Inputs.SAMPLE_WEIGHT);
        double[] z = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        double[] w = values(in, Inputs.POS_WEIGHT);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < z.length; i++) {
            // −(w·y·log σ(z) + (1 − y)·log(1 − σ(z))) written plainly.
            BigDecimal sig = BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(b(-z[i]))), MC);
            BigDecimal term = b(w[i % COLS]).multiply(b(y[i])).multiply(log(sig))
                    .add(BigDecimal.ONE.subtract(b(y[i])).multiply(log(BigDecimal.ONE.subtract(sig))));
            sum = sum.subtract(term);
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(sum.divide(BigDecimal.valueOf(z.length), MC), res.value().getDouble(0), dtype,
                spec.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void categoricalCrossEntropyFromLogitsWithItsGradient(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.CATEGORICAL_CE, Reduction.SUM, Convention.PYTORCH, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 13, false);
        double[] z = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] grad = new BigDecimal[z.length];
        for (int r = 0; r < ROWS; r++) {
            BigDecimal norm = BigDecimal.ZERO;
            BigDecimal mass = BigDecimal.ZERO;
            for (int c = 0; c < COLS; c++) {
                norm = norm.add(exp(b(z[r * COLS + c])));
                mass = mass.add(b(y[r * COLS + c]));
            }
            BigDecimal logNorm = log(norm);
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                total = total.subtract(b(y[i]).multiply(b(z[i]).subtract(logNorm)));
                grad[i] = exp(b(z[i])).divide(norm, MC).multiply(mass).subtract(b(y[i]));
            }
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(total, res.value().getDouble(0), dtype, spec.toString());
        for (int i = 0; i < z.length; i++) {
            assertCorrectlyRounded(grad[i], res.gradients().get(Inputs.PREDICTION).getDouble(i), dtype, spec + " grad " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void kerasKlDivergenceWithClipping(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.KL_DIV, Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 14, false);
        double[] q = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        BigDecimal eps = b((double) 1e-7f);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < q.length; i++) {
            BigDecimal yc = b(y[i]).max(eps).min(BigDecimal.ONE);
            BigDecimal qc = b(q[i]).max(eps).min(BigDecimal.ONE);
            total = total.add(yc.multiply(log(yc.divide(qc, MC))));
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(total.divide(BigDecimal.valueOf(ROWS), MC), res.value().getDouble(0), dtype,
                spec.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void kerasBinaryCrossEntropyOnProbabilities(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.BCE, Reduction.NONE, Convention.KERAS, dtype);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 15, false);
        double[] p = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        BigDecimal eps = b((double) 1e-7f);
        LossResult res = engine.evaluate(spec, in);
        for (int r = 0; r < ROWS; r++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                BigDecimal pi = b(p[i]); // inside [ε, 1 − ε] for these inputs
                sum = sum.subtract(b(y[i]).multiply(log(pi.add(eps)))
                        .add(BigDecimal.ONE.subtract(b(y[i])).multiply(log(BigDecimal.ONE.subtract(pi).add(eps)))));
            }
            assertCorrectlyRounded(sum.divide(BigDecimal.valueOf(COLS), MC), res.value().getDouble(r), dtype,
                    spec + " sample " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void tripletMarginEuclidean(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.TRIPLET_MARGIN, Reduction.MEAN, Convention.PYTORCH, dtype,
                "margin", 2.0);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 16, false);
        double[] a = values(in, Inputs.ANCHOR);
        double[] p = values(in, Inputs.POSITIVE);
        double[] n = values(in, Inputs.NEGATIVE);
        BigDecimal eps = b(dtype.round(1e-6));
        Function<double[][], BigDecimal> dist = uv -> {
            BigDecimal s = BigDecimal.ZERO;
            for (int k = 0; k < uv[0].length; k++) {
                BigDecimal d = b(uv[0][k]).subtract(b(uv[1][k])).add(eps);
                s = s.add(d.multiply(d));
            }
            return BigDecimalMath.sqrt(s, MC);
        };
        BigDecimal total = BigDecimal.ZERO;
        for (int r = 0; r < ROWS; r++) {
            double[] ar = java.util.Arrays.copyOfRange(a, r * COLS, (r + 1) * COLS);
            double[] pr = java.util.Arrays.copyOfRange(p, r * COLS, (r + 1) * COLS);
            double[] nr = java.util.Arrays.copyOfRange(n, r * COLS, (r + 1) * COLS);
            BigDecimal h = BigDecimal.valueOf(2).add(dist.apply(new double[][] {ar, pr}))
                    .subtract(dist.apply(new double[][] {ar, nr}));
            total = total.add(h.max(BigDecimal.ZERO));
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(total.divide(BigDecimal.valueOf(ROWS), MC), res.value().getDouble(0), dtype,
                spec.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void torchDistillationBatchmean(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.DISTILLATION_KL, Reduction.BATCHMEAN, Convention.PYTORCH, dtype,
                "temperature", 2.0);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 17, false);
        double[] s = values(in, Inputs.PREDICTION);
        double[] t = values(in, Inputs.TARGET);
        BigDecimal temperature = BigDecimal.valueOf(2);
        BigDecimal total = BigDecimal.ZERO;
        for (int r = 0; r < ROWS; r++) {
            BigDecimal zs = BigDecimal.ZERO;
            BigDecimal zt = BigDecimal.ZERO;
            for (int c = 0; c < COLS; c++) {
                zs = zs.add(exp(b(s[r * COLS + c]).divide(temperature, MC)));
                zt = zt.add(exp(b(t[r * COLS + c]).divide(temperature, MC)));
            }
            for (int c = 0; c < COLS; c++) {
                BigDecimal q = exp(b(t[r * COLS + c]).divide(temperature, MC)).divide(zt, MC);
                BigDecimal pS = exp(b(s[r * COLS + c]).divide(temperature, MC)).divide(zs, MC);
                total = total.add(q.multiply(log(q.divide(pS, MC))));
            }
        }
        BigDecimal expected = total.multiply(BigDecimal.valueOf(4)).divide(BigDecimal.valueOf(ROWS), MC);
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(expected, res.value().getDouble(0), dtype, spec.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void torchSparseCrossEntropyWithSmoothingWeightsAndIgnoredLabel(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, Convention.PYTORCH, dtype,
                "label_smoothing", 0.1, "ignore_index", 3);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 18, true);
        in.remove(Inputs.SAMPLE_WEIGHT);
        double[] z = values(in, Inputs.PREDICTION);
        long[] y = in.get(Inputs.TARGET).toLongArray();
        double[] w = values(in, Inputs.CLASS_WEIGHT);
        BigDecimal keep = b(dtype.round(1 - 0.1));
        BigDecimal spread = b(dtype.round(0.1 / COLS));
        BigDecimal nll = BigDecimal.ZERO;
        BigDecimal smooth = BigDecimal.ZERO;
        BigDecimal weightSum = BigDecimal.ZERO;
        for (int r = 0; r < ROWS; r++) {
            if (y[r] == 3) {
                continue;
            }
            BigDecimal norm = BigDecimal.ZERO;
            for (int c = 0; c < COLS; c++) {
                norm = norm.add(exp(b(z[r * COLS + c])));
            }
            BigDecimal logNorm = log(norm);
            int label = (int) y[r];
            nll = nll.subtract(b(w[label]).multiply(b(z[r * COLS + label]).subtract(logNorm)));
            for (int c = 0; c < COLS; c++) {
                smooth = smooth.subtract(b(w[c]).multiply(b(z[r * COLS + c]).subtract(logNorm)));
            }
            weightSum = weightSum.add(b(w[label]));
        }
        // PyTorch: (1 − ls)·nll_mean + (ls/K)·smooth_sum/Σw_y, both over the same weighted denominator.
        BigDecimal expected = keep.multiply(nll).add(spread.multiply(smooth)).divide(weightSum, MC);
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(expected, res.value().getDouble(0), dtype, spec.toString());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void kerasHuberWithAFloat32Delta(DType dtype) throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.HUBER, Reduction.SUM_OVER_BATCH_SIZE, Convention.KERAS, dtype,
                "delta", 0.7);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, ROWS, COLS, 19, true);
        double[] x = values(in, Inputs.PREDICTION);
        double[] y = values(in, Inputs.TARGET);
        double[] sw = values(in, Inputs.SAMPLE_WEIGHT);
        BigDecimal delta = b((double) (float) 0.7);
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal total = BigDecimal.ZERO;
        for (int r = 0; r < ROWS; r++) {
            BigDecimal row = BigDecimal.ZERO;
            for (int c = 0; c < COLS; c++) {
                BigDecimal e = b(x[r * COLS + c]).subtract(b(y[r * COLS + c])).abs();
                BigDecimal q = e.min(delta);
                row = row.add(half.multiply(q).multiply(q)).add(delta.multiply(e.subtract(q)));
            }
            total = total.add(b(sw[r]).multiply(row.divide(BigDecimal.valueOf(COLS), MC)));
        }
        LossResult res = engine.evaluate(spec, in);
        assertCorrectlyRounded(total.divide(BigDecimal.valueOf(ROWS), MC), res.value().getDouble(0), dtype,
                spec.toString());
    }

    /** |exact − actual| must not exceed the distance from exact to either neighbour of actual. */
    static void assertCorrectlyRounded(BigDecimal exact, double actual, DType dtype, String what) {
        assertTrue(Double.isFinite(actual), what + ": " + actual);
        assertEquals(actual, dtype.round(actual), what + " is not a " + dtype + " value");
        double up = dtype == DType.FLOAT32 ? Math.nextUp((float) actual) : Math.nextUp(actual);
        double down = dtype == DType.FLOAT32 ? Math.nextDown((float) actual) : Math.nextDown(actual);
        BigDecimal err = exact.subtract(new BigDecimal(actual)).abs();
        boolean nearest = err.compareTo(exact.subtract(new BigDecimal(up)).abs()) <= 0
                && err.compareTo(exact.subtract(new BigDecimal(down)).abs()) <= 0;
        assertTrue(nearest, () -> what + ": " + Numbers.format(actual, dtype) + " is not the " + dtype
                + " nearest to " + exact.round(new MathContext(30)));
    }
}
