package org.lossparity.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * The specs and inputs that are benchmarked. Every workload is a PyTorch-convention spec with reduction
 * {@code mean}, because that is the one convention every engine evaluates natively or by construction
 * (DJL's engines accept PyTorch specs only; TensorFlow builds them from ops). Inputs come from a fixed seed,
 * so every engine and every run sees the same numbers.
 */
public enum Workload {
    /** The cheapest loss at a typical mini-batch size: one elementwise pass and a mean. */
    MSE_64X128("mse_64x128", LossKind.MSE, 64, 128),
    /** A transcendental per element (log1p(exp)) on logits, binary targets. */
    BCE_WITH_LOGITS_64X128("bce_with_logits_64x128", LossKind.BCE_WITH_LOGITS, 64, 128),
    /** log-softmax over a wide class axis, int64 labels. */
    SPARSE_CE_32X1000("sparse_ce_32x1000", LossKind.SPARSE_CATEGORICAL_CE, 32, 1000),
    /** Three differentiable [N, D] inputs, two row norms per sample. */
    TRIPLET_64X128("triplet_64x128", LossKind.TRIPLET_MARGIN, 64, 128),
    /** 10^6 elements: above the reference engine's exact-path limit, so it takes its fast double path. */
    MSE_1M("mse_1m", LossKind.MSE, 1000, 1000);

    private static final long SEED = 20_261_204L;

    private final String id;
    private final LossKind loss;
    private final int rows;
    private final int columns;

    Workload(String id, LossKind loss, int rows, int columns) {
        this.id = id;
        this.loss = loss;
        this.rows = rows;
        this.columns = columns;
    }

    /** Stable name used in JMH parameters and on the harness command line. */
    public String id() {
        return id;
    }

    public long[] shape() {
        return new long[] {rows, columns};
    }

    public long elementCount() {
        return (long) rows * columns;
    }

    public LossSpec spec(DType dtype) {
        return LossSpec.of(loss, Map.of(), Reduction.MEAN, Convention.PYTORCH, dtype);
    }

    /** The inputs named as {@link Inputs} says, rounded to the dtype; the same for every call with that dtype. */
    public Map<String, Tensor> inputs(DType dtype) {
        SplittableRandom random = new SplittableRandom(SEED + ordinal());
        long[] shape = shape();
        int n = rows * columns;
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        switch (loss) {
            case MSE -> {
                inputs.put(Inputs.PREDICTION, Tensor.ofFloats(dtype, shape, gaussian(random, n, 1.0)));
                inputs.put(Inputs.TARGET, Tensor.ofFloats(dtype, shape, gaussian(random, n, 1.0)));
            }
            case BCE_WITH_LOGITS -> {
                double[] targets = new double[n];
                for (int i = 0; i < n; i++) {
                    targets[i] = random.nextBoolean() ? 1.0 : 0.0;
                }
                inputs.put(Inputs.PREDICTION, Tensor.ofFloats(dtype, shape, gaussian(random, n, 3.0)));
                inputs.put(Inputs.TARGET, Tensor.ofFloats(dtype, shape, targets));
            }
            case SPARSE_CATEGORICAL_CE -> {
                long[] labels = new long[rows];
                for (int i = 0; i < rows; i++) {
                    labels[i] = random.nextInt(columns);
                }
                inputs.put(Inputs.PREDICTION, Tensor.ofFloats(dtype, shape, gaussian(random, n, 3.0)));
                inputs.put(Inputs.TARGET, Tensor.ofInt64(new long[] {rows}, labels));
            }
            case TRIPLET_MARGIN -> {
                inputs.put(Inputs.ANCHOR, Tensor.ofFloats(dtype, shape, gaussian(random, n, 1.0)));
                inputs.put(Inputs.POSITIVE, Tensor.ofFloats(dtype, shape, gaussian(random, n, 1.0)));
                inputs.put(Inputs.NEGATIVE, Tensor.ofFloats(dtype, shape, gaussian(random, n, 1.0)));
            }
            default -> throw new IllegalStateException("no input recipe for " + loss.id());
        }
        return inputs;
    }

    private static double[] gaussian(SplittableRandom random, int n, double sigma) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            out[i] = sigma * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
        }
        return out;
    }

    public static Workload fromId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "' (known: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
