package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Cross-entropy from int64 labels over the last axis of the prediction (the class axis is the LAST axis in every
 * fixture; PyTorch puts it at dim 1, so an engine must move it for rank &gt; 2).
 *
 * <p>PyTorch (logits): with log-softmax ℓ, class weights w (1 without) and smoothing ls,
 * l_n = (1−ls)·(−w_y·ℓ_y) + (ls/K)·(−Σ_c w_c·ℓ_c), the constants (1−ls) and ls/K rounded to the dtype; a label
 * equal to {@code ignore_index} gives l_n = 0 and adds 0 to the mean's denominator, any other label adds w_y
 * (so the mean is PyTorch's weighted mean for both terms). Gradient: (1−ls)·w_y·(s_j − δ_jy) + (ls/K)·(W·s_j − w_j)
 * with s = softmax, W = Σ w.
 *
 * <p>Keras from logits: l = logsumexp(z) − z_y, gradient s_j − δ_jy. Keras from probabilities (as TensorFlow
 * Java): p' = clip(p, ε, 1−ε), then the logits log p', i.e. l = −log p'_y + log Σ_c p'_c — the clipped row is
 * renormalised; gradient mask_j·(1/Σp' − δ_jy/p'_y) with the clip mask as in {@link BinaryCrossEntropy}.
 */
final class SparseCrossEntropy implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        int width = c.lastDim();
        int rows = c.size(Inputs.TARGET);
        boolean fromLogits = c.flag("from_logits");
        List<T> values = new ArrayList<>(rows);
        List<T> denominators = new ArrayList<>(rows);
        List<List<T>> jacobian = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<T> x = Rows.row(a, c, Inputs.PREDICTION, r, width);
            int y = (int) c.label(r);
            if (!c.keras()) {
                torch(a, c, x, c.label(r), values, denominators, jacobian);
            } else if (fromLogits) {
                Rows.Softmax<T> sm = Rows.softmax(a, x);
                values.add(a.neg(sm.logProbabilities().get(y)));
                denominators.add(a.one());
                List<T> g = new ArrayList<>(sm.probabilities());
                g.set(y, a.sub(g.get(y), a.one()));
                jacobian.add(g);
            } else {
                kerasProbabilities(a, c, x, y, values, denominators, jacobian);
            }
        }
        return new RowPass<>(a, c.shape(Inputs.TARGET), width, values, denominators, jacobian);
    }

    private static <T> void torch(Arithmetic<T> a, LossCase c, List<T> z, long label, List<T> values,
                                  List<T> denominators, List<List<T>> jacobian) {
        int width = z.size();
        if (label == c.spec().params().getLong("ignore_index")) {
            values.add(a.zero());
            denominators.add(a.zero());
            jacobian.add(null);
            return;
        }
        int y = (int) label;
        double ls = c.param("label_smoothing");
        T keep = a.of(c.inDtype(1.0 - ls));
        T spread = a.of(c.inDtype(ls / width));
        List<T> w = classWeights(a, c, width);
        Rows.Softmax<T> sm = Rows.softmax(a, z);
        List<T> logp = sm.logProbabilities();
        T nll = a.neg(a.mul(w.get(y), logp.get(y)));
        T value = a.mul(keep, nll);
        List<T> g = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            T s = sm.probabilities().get(j);
            T hard = a.mul(a.mul(keep, w.get(y)), j == y ? a.sub(s, a.one()) : s);
            g.add(hard);
        }
        if (ls != 0.0) {
            List<T> weighted = new ArrayList<>(width);
            for (int j = 0; j < width; j++) {
                weighted.add(a.mul(w.get(j), logp.get(j)));
            }
            value = a.add(value, a.mul(spread, a.neg(a.sum(weighted))));
            T total = a.sum(w);
            for (int j = 0; j < width; j++) {
                T soft = a.mul(spread, a.sub(a.mul(total, sm.probabilities().get(j)), w.get(j)));
                g.set(j, a.add(g.get(j), soft));
            }
        }
        values.add(value);
        denominators.add(w.get(y));
        jacobian.add(g);
    }

    private static <T> void kerasProbabilities(Arithmetic<T> a, LossCase c, List<T> p, int y, List<T> values,
                                               List<T> denominators, List<List<T>> jacobian) {
        T eps = a.of(LossCase.KERAS_EPSILON);
        T hi = a.of(c.kerasOneMinusEpsilon());
        List<T> clipped = new ArrayList<>(p.size());
        for (T v : p) {
            clipped.add(a.clip(v, eps, hi));
        }
        T total = a.sum(clipped);
        values.add(a.sub(a.log(total), a.log(clipped.get(y))));
        denominators.add(a.one());
        T inverseTotal = a.div(a.one(), total);
        List<T> g = new ArrayList<>(p.size());
        for (int j = 0; j < p.size(); j++) {
            boolean inside = a.le(eps, p.get(j)) && a.le(p.get(j), hi);
            T d = j == y ? a.sub(inverseTotal, a.div(a.one(), clipped.get(y))) : inverseTotal;
            g.add(inside ? d : a.zero());
        }
        jacobian.add(g);
    }

    static <T> List<T> classWeights(Arithmetic<T> a, LossCase c, int width) {
        List<T> w = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            w.add(c.has(Inputs.CLASS_WEIGHT) ? a.of(c.value(Inputs.CLASS_WEIGHT, j)) : a.one());
        }
        return w;
    }
}
