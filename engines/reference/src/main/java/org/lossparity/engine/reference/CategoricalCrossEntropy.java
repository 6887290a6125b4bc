package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Cross-entropy from one-hot or soft targets over the last axis.
 *
 * <p>Smoothing: y' = y·(1−ls) + ls/K. PyTorch rounds (1−ls) and ls/K (computed in double) to the dtype and smooths
 * only when ls &gt; 0; TensorFlow Java uses the float32 value (1f − ls) and divides float32 ls by K in the dtype.
 *
 * <p>PyTorch (logits): l_n = −Σ_c w_c·y'_c·ℓ_c with ℓ = log-softmax; its {@code mean} divides by the number of
 * rows even with class weights. Gradient s_j·Σ_c w_c·y'_c − w_j·y'_j (the true derivative; it equals
 * s_j − y'_j only when the targets of a row sum to 1).
 *
 * <p>Keras from logits: l = −Σ y'_c·ℓ_c, gradient s_j·Σy' − y'_j. NOTE: TensorFlow's SoftmaxCrossEntropyWithLogits
 * backprop is s − y', which differs from this when a target row does not sum to 1.
 *
 * <p>Keras from probabilities: q = p / Σp, q' = clip(q, ε, 1−ε), l = −Σ y'_c·log q'_c; gradient through the clip
 * mask (0 strictly outside [ε, 1−ε]) and the renormalisation: (g_j − Σ_c g_c·q_c) / Σp with g = −mask·y'/q'.
 */
final class CategoricalCrossEntropy implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        int width = c.lastDim();
        int rows = c.size(Inputs.PREDICTION) / width;
        long[] p = c.shape(Inputs.PREDICTION);
        long[] shape = Arrays.copyOf(p, p.length - 1);
        Smoothing smoothing = Smoothing.of(c, width);
        List<T> w = SparseCrossEntropy.classWeights(a, c, width);
        List<T> values = new ArrayList<>(rows);
        List<T> denominators = new ArrayList<>(rows);
        List<List<T>> jacobian = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<T> x = Rows.row(a, c, Inputs.PREDICTION, r, width);
            List<T> y = new ArrayList<>(width);
            for (T t : Rows.<T>row(a, c, Inputs.TARGET, r, width)) {
                y.add(smoothing.apply(a, t));
            }
            if (c.flag("from_logits")) {
                fromLogits(a, x, y, w, values, jacobian);
            } else {
                fromProbabilities(a, c, x, y, values, jacobian);
            }
            denominators.add(a.one());
        }
        return new RowPass<>(a, shape, width, values, denominators, jacobian);
    }

    private static <T> void fromLogits(Arithmetic<T> a, List<T> z, List<T> y, List<T> w, List<T> values,
                                       List<List<T>> jacobian) {
        Rows.Softmax<T> sm = Rows.softmax(a, z);
        List<T> terms = new ArrayList<>(z.size());
        List<T> wy = new ArrayList<>(z.size());
        for (int j = 0; j < z.size(); j++) {
            T weighted = a.mul(w.get(j), y.get(j));
            wy.add(weighted);
            terms.add(a.mul(weighted, sm.logProbabilities().get(j)));
        }
        values.add(a.neg(a.sum(terms)));
        T mass = a.sum(wy);
        List<T> g = new ArrayList<>(z.size());
        for (int j = 0; j < z.size(); j++) {
            g.add(a.sub(a.mul(sm.probabilities().get(j), mass), wy.get(j)));
        }
        jacobian.add(g);
    }

    private static <T> void fromProbabilities(Arithmetic<T> a, LossCase c, List<T> p, List<T> y, List<T> values,
                                              List<List<T>> jacobian) {
        T eps = a.of(LossCase.KERAS_EPSILON);
        T hi = a.of(c.kerasOneMinusEpsilon());
        T total = a.sum(p);
        List<T> terms = new ArrayList<>(p.size());
        List<T> q = new ArrayList<>(p.size());
        List<T> g = new ArrayList<>(p.size());
        for (int j = 0; j < p.size(); j++) {
            T qj = a.div(p.get(j), total);
            T clipped = a.clip(qj, eps, hi);
            q.add(qj);
            terms.add(a.mul(y.get(j), a.log(clipped)));
            boolean inside = a.le(eps, qj) && a.le(qj, hi);
            g.add(inside ? a.neg(a.div(y.get(j), clipped)) : a.zero());
        }
        values.add(a.neg(a.sum(terms)));
        List<T> gq = new ArrayList<>(p.size());
        for (int j = 0; j < p.size(); j++) {
            gq.add(a.mul(g.get(j), q.get(j)));
        }
        T projection = a.sum(gq);
        List<T> d = new ArrayList<>(p.size());
        for (int j = 0; j < p.size(); j++) {
            d.add(a.div(a.sub(g.get(j), projection), total));
        }
        jacobian.add(d);
    }

    /** y·keep + offset with each convention's constants, as doubles in the dtype; identity without smoothing. */
    private record Smoothing(double keep, double offset, boolean active) {
        static Smoothing of(LossCase c, int classes) {
            double ls = c.param("label_smoothing");
            if (ls == 0.0) {
                return new Smoothing(1, 0, false);
            }
            if (c.keras()) {
                float ls32 = (float) ls;
                return new Smoothing(c.inDtype(1f - ls32), c.inDtype((double) ls32 / classes), true);
            }
            return new Smoothing(c.inDtype(1.0 - ls), c.inDtype(ls / classes), true);
        }

        <T> T apply(Arithmetic<T> a, T y) {
            return active ? a.add(a.mul(y, a.of(keep)), a.of(offset)) : y;
        }
    }
}
