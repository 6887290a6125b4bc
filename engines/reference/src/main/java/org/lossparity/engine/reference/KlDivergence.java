package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * {@code kl_div}, per element.
 *
 * <p>PyTorch (prediction x = log q): l = xlogy(y, y) − y·x (0 where y = 0, NaN for y &lt; 0), gradient −y; with
 * {@code log_target} (target t = log y): l = e^t·(t − x), gradient −e^t.
 *
 * <p>Keras (prediction q): y' = clip(y, ε, 1), q' = clip(q, ε, 1), l = y'·log(y'/q') summed over the last axis;
 * gradient −y'/q' where ε ≤ q ≤ 1 (bounds included) and 0 strictly outside, so a zero target still contributes
 * ε·log(ε/q').
 */
final class KlDivergence implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        int n = c.size(Inputs.PREDICTION);
        List<T> values = new ArrayList<>(n);
        List<T> slopes = new ArrayList<>(n);
        boolean logTarget = !c.keras() && c.flag("log_target");
        T eps = a.of(LossCase.KERAS_EPSILON);
        for (int i = 0; i < n; i++) {
            T x = a.of(c.value(Inputs.PREDICTION, i));
            T y = a.of(c.value(Inputs.TARGET, i));
            if (c.keras()) {
                T yc = a.clip(y, eps, a.one());
                T qc = a.clip(x, eps, a.one());
                values.add(a.mul(yc, a.sub(a.log(yc), a.log(qc))));
                boolean inside = a.le(eps, x) && a.le(x, a.one());
                slopes.add(inside ? a.neg(a.div(yc, qc)) : a.zero());
            } else if (logTarget) {
                T ey = a.exp(y);
                values.add(a.mul(ey, a.sub(y, x)));
                slopes.add(a.neg(ey));
            } else {
                values.add(a.sub(xlogx(a, y), a.mul(y, x)));
                slopes.add(a.neg(y));
            }
        }
        Pass<T> elements = new ElementwisePass<>(a, Inputs.PREDICTION, c.shape(Inputs.PREDICTION), values, slopes);
        return c.keras() ? new LastAxisReduction<>(a, elements, LastAxisReduction.Kind.SUM) : elements;
    }

    /** y·log y with 0·log 0 = 0 (torch.xlogy). */
    static <T> T xlogx(Arithmetic<T> a, T y) {
        return a.isZero(y) ? a.zero() : a.mul(y, a.log(y));
    }
}
