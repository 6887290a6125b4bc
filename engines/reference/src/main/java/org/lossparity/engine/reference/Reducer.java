package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.Tensor;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Sample weights and the reduction, shared by every loss. With unreduced losses l_i, broadcast sample weights s_i
 * (1 without weights) and mean-denominator contributions c_i (see {@link Pass#denominators()}):
 * <ul>
 *   <li>{@code none}: s_i·l_i; {@code sum}: Σ s_i·l_i.</li>
 *   <li>{@code mean} (PyTorch): Σ s_i·l_i / D with D = Σ s_i·c_i ({@link SampleWeighting#DIVIDE_BY_WEIGHT_SUM})
 *       or Σ c_i ({@link SampleWeighting#DIVIDE_BY_COUNT}); D = 0 gives NaN as in PyTorch.</li>
 *   <li>{@code batchmean} (PyTorch KL): Σ s_i·l_i / N with N the size of the prediction's first axis (the
 *       prediction's only axis for 1-D input, as PyTorch) under either {@link SampleWeighting}: batchmean is
 *       defined as the sum over the batch size, and sample weights only scale the terms.</li>
 *   <li>{@code sum_over_batch_size} (Keras): Σ s_i·l_i / count, or / Σ s_i with DIVIDE_BY_WEIGHT_SUM; a zero
 *       denominator gives 0 (TensorFlow's divNoNan).</li>
 * </ul>
 * Sample weights must have the shape of the leading axes of the unreduced losses (trailing axes of size 1
 * allowed) or hold a single value, and broadcast along the remaining axes.
 */
final class Reducer {

    /** The reported value (a scalar, or the weighted unreduced losses) and its gradients. */
    record Reduced<T>(long[] shape, List<T> value, Map<String, List<T>> gradients) {}

    private Reducer() {}

    static <T> Reduced<T> reduce(Arithmetic<T> a, LossCase c, Pass<T> pass) throws EngineException {
        List<T> l = pass.values();
        int n = l.size();
        List<T> s = sampleWeights(a, c, pass.shape(), n);
        List<T> weighted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            weighted.add(s == null ? l.get(i) : a.mul(s.get(i), l.get(i)));
        }
        List<T> upstream = s == null ? Collections.nCopies(n, a.one()) : s;
        Reduction r = c.spec().reduction();
        if (r == Reduction.NONE) {
            return new Reduced<>(pass.shape(), weighted, pass.gradients(upstream));
        }
        T total = a.sum(weighted);
        if (r == Reduction.SUM) {
            return new Reduced<>(new long[0], List.of(total), pass.gradients(upstream));
        }
        T denominator = denominator(a, c, pass, s);
        boolean divNoNan = r == Reduction.SUM_OVER_BATCH_SIZE;
        if (divNoNan && a.isZero(denominator)) {
            return new Reduced<>(new long[0], List.of(a.zero()), pass.gradients(Collections.nCopies(n, a.zero())));
        }
        T value = a.div(total, denominator);
        List<T> scaled = new ArrayList<>(n);
        for (T u : upstream) {
            scaled.add(a.div(u, denominator));
        }
        return new Reduced<>(new long[0], List.of(value), pass.gradients(scaled));
    }

    private static <T> T denominator(Arithmetic<T> a, LossCase c, Pass<T> pass, List<T> s) {
        boolean byWeights = c.spec().weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM && s != null;
        List<T> cs = pass.denominators();
        int n = cs.size();
        return switch (c.spec().reduction()) {
            case MEAN -> a.sum(byWeights ? products(a, s, cs) : cs);
            case SUM_OVER_BATCH_SIZE -> byWeights ? a.sum(s) : a.of(n);
            case BATCHMEAN -> {
                long[] p = c.shape(Inputs.PREDICTION);
                yield a.of(p.length == 0 ? 1 : p[0]);
            }
            default -> throw new IllegalStateException("no denominator for " + c.spec().reduction());
        };
    }

    private static <T> List<T> products(Arithmetic<T> a, List<T> x, List<T> y) {
        List<T> out = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            out.add(a.mul(x.get(i), y.get(i)));
        }
        return out;
    }

    /** Sample weights broadcast to the unreduced shape, or null without weights. */
    private static <T> List<T> sampleWeights(Arithmetic<T> a, LossCase c, long[] lossShape, int n)
            throws EngineException {
        if (!c.has(Inputs.SAMPLE_WEIGHT)) {
            return null;
        }
        Tensor w = c.input(Inputs.SAMPLE_WEIGHT);
        long[] ws = w.shape();
        int rank = ws.length;
        while (rank > 0 && ws[rank - 1] == 1 && rank > prefixMatch(ws, lossShape)) {
            rank--;
        }
        boolean single = w.size() == 1;
        if (!single && (rank > lossShape.length || prefixMatch(ws, lossShape) < rank)) {
            throw new EngineException("input 'sample_weight' of shape " + Arrays.toString(ws) + " does not match the "
                    + "leading axes of the unreduced " + c.convention() + " losses of shape "
                    + Arrays.toString(lossShape) + " (nor is it a single value)");
        }
        long block = 1;
        if (!single) {
            for (int i = rank; i < lossShape.length; i++) {
                block *= lossShape[i];
            }
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(a.of(w.getDouble(single ? 0 : (int) (i / block))));
        }
        return out;
    }

    private static int prefixMatch(long[] ws, long[] lossShape) {
        int k = 0;
        while (k < ws.length && k < lossShape.length && ws[k] == lossShape[k]) {
            k++;
        }
        return k;
    }
}
