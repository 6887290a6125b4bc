package org.lossparity.engine.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Small builders shared by the tests: specs, tensors and seeded random inputs that avoid every kink. */
final class Fixtures {
    private Fixtures() {}

    static ReferenceEngine engine() {
        return new ReferenceEngine(EngineConfig.of(Map.of()));
    }

    static LossSpec spec(LossKind loss, Reduction reduction, Convention convention, DType dtype, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return LossSpec.of(loss, p, reduction, convention, dtype);
    }

    static Tensor t(DType dtype, long[] shape, double... values) {
        return Tensor.ofFloats(dtype, shape, values);
    }

    static Tensor vec(DType dtype, double... values) {
        return Tensor.ofFloats(dtype, new long[] {values.length}, values);
    }

    static Tensor labels(long... values) {
        return Tensor.ofInt64(new long[] {values.length}, values);
    }

    static Map<String, Tensor> inputs(Object... pairs) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Tensor) pairs[i + 1]);
        }
        return m;
    }

    /** Seeded inputs of shape [rows, cols] for any loss, away from thresholds, clip bounds and ties. */
    static Map<String, Tensor> randomInputs(LossSpec spec, int rows, int cols, long seed, boolean weighted) {
        Random rnd = new Random(seed);
        DType d = spec.dtype();
        long[] shape = {rows, cols};
        int n = rows * cols;
        Map<String, Tensor> m = new LinkedHashMap<>();
        boolean keras = spec.convention() == Convention.KERAS;
        switch (spec.loss()) {
            case MSE, MAE, HUBER, SMOOTH_L1, CUSTOM_HUBER -> {
                m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, -2, 2)));
                m.put(Inputs.TARGET, t(d, shape, uniform(rnd, n, -2, 2)));
            }
            case BCE -> {
                m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, 0.05, 0.95)));
                m.put(Inputs.TARGET, t(d, shape, uniform(rnd, n, 0, 1)));
            }
            case BCE_WITH_LOGITS -> {
                m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, -3, 3)));
                m.put(Inputs.TARGET, t(d, shape, uniform(rnd, n, 0, 1)));
                if (!keras && weighted) {
                    m.put(Inputs.POS_WEIGHT, t(d, new long[] {cols}, uniform(rnd, cols, 0.5, 3)));
                }
            }
            case SPARSE_CATEGORICAL_CE -> {
                boolean logits = spec.params().getBoolean("from_logits");
                m.put(Inputs.PREDICTION, t(d, shape, logits ? uniform(rnd, n, -3, 3) : uniform(rnd, n, 0.05, 0.9)));
                long[] y = new long[rows];
                for (int r = 0; r < rows; r++) {
                    y[r] = rnd.nextInt(cols);
                }
                if (!keras && weighted && rows > 1) {
                    y[rows - 1] = spec.params().getLong("ignore_index");
                    m.put(Inputs.CLASS_WEIGHT, t(d, new long[] {cols}, uniform(rnd, cols, 0.5, 2)));
                }
                m.put(Inputs.TARGET, Tensor.ofInt64(new long[] {rows}, y));
            }
            case CATEGORICAL_CE -> {
                boolean logits = spec.params().getBoolean("from_logits");
                m.put(Inputs.PREDICTION, t(d, shape, logits ? uniform(rnd, n, -3, 3) : uniform(rnd, n, 0.1, 1)));
                m.put(Inputs.TARGET, t(d, shape, rowsNormalised(uniform(rnd, n, 0.01, 1), cols)));
                if (!keras && weighted) {
                    m.put(Inputs.CLASS_WEIGHT, t(d, new long[] {cols}, uniform(rnd, cols, 0.5, 2)));
                }
            }
            case KL_DIV -> {
                double[] y = uniform(rnd, n, 0.01, 1);
                y[0] = 0.0;
                if (keras) {
                    m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, 0.05, 0.95)));
                    m.put(Inputs.TARGET, t(d, shape, y));
                } else {
                    m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, -3, -0.1)));
                    boolean logTarget = spec.params().getBoolean("log_target");
                    m.put(Inputs.TARGET, t(d, shape, logTarget ? uniform(rnd, n, -3, 0) : y));
                }
            }
            case DISTILLATION_KL -> {
                m.put(Inputs.PREDICTION, t(d, shape, uniform(rnd, n, -3, 3)));
                m.put(Inputs.TARGET, t(d, shape, uniform(rnd, n, -3, 3)));
            }
            case TRIPLET_MARGIN -> {
                m.put(Inputs.ANCHOR, t(d, shape, uniform(rnd, n, -1, 1)));
                m.put(Inputs.POSITIVE, t(d, shape, uniform(rnd, n, -1, 1)));
                m.put(Inputs.NEGATIVE, t(d, shape, uniform(rnd, n, -1, 1)));
                return m;
            }
            default -> throw new IllegalArgumentException(spec.loss().id());
        }
        if (weighted) {
            m.put(Inputs.SAMPLE_WEIGHT, t(d, new long[] {rows}, uniform(rnd, rows, 0.2, 2)));
        }
        return m;
    }

    static double[] uniform(Random rnd, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return v;
    }

    static double[] rowsNormalised(double[] v, int cols) {
        for (int r = 0; r < v.length / cols; r++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += v[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                v[r * cols + j] /= s;
            }
        }
        return v;
    }
}
