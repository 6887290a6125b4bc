package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Losses where sample r depends on row r of the prediction only; holds ∂l_r/∂x_{r,j} for each row. A row whose
 * Jacobian is {@code null} takes no part in the loss at all (a PyTorch label equal to {@code ignore_index}): its
 * gradient is exactly 0 whatever flows back, even the 1/0 of an all-ignored mean, because nll_loss's backward never
 * writes those rows.
 */
final class RowPass<T> extends AbstractPass<T> {
    private final int width;
    private final List<List<T>> jacobian;

    RowPass(Arithmetic<T> a, long[] shape, int width, List<T> values, List<T> denominators,
            List<List<T>> jacobian) {
        super(a, shape, values, denominators);
        this.width = width;
        this.jacobian = jacobian;
    }

    @Override
    public Map<String, List<T>> gradients(List<T> upstream) {
        List<T> g = new ArrayList<>(values().size() * width);
        for (int r = 0; r < values().size(); r++) {
            T u = upstream.get(r);
            if (jacobian.get(r) == null) {
                g.addAll(Collections.nCopies(width, a.zero()));
                continue;
            }
            for (T d : jacobian.get(r)) {
                g.add(a.mul(u, d));
            }
        }
        return Map.of(Inputs.PREDICTION, g);
    }
}
