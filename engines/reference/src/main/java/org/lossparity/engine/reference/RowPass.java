package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/** Losses where sample r depends on row r of the prediction only; holds ∂l_r/∂x_{r,j} for each row. */
final class RowPass<T> implements Pass<T> {
    private final Arithmetic<T> a;
    private final long[] shape;
    private final int width;
    private final List<T> values;
    private final List<T> denominators;
    private final List<List<T>> jacobian;

    RowPass(Arithmetic<T> a, long[] shape, int width, List<T> values, List<T> denominators,
            List<List<T>> jacobian) {
        this.a = a;
        this.shape = shape.clone();
        this.width = width;
        this.values = values;
        this.denominators = denominators;
        this.jacobian = jacobian;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public List<T> values() {
        return values;
    }

    @Override
    public List<T> denominators() {
        return denominators;
    }

    @Override
    public Map<String, List<T>> gradients(List<T> upstream) {
        List<T> g = new ArrayList<>(values.size() * width);
        for (int r = 0; r < values.size(); r++) {
            T u = upstream.get(r);
            for (T d : jacobian.get(r)) {
                g.add(a.mul(u, d));
            }
        }
        return Map.of(Inputs.PREDICTION, g);
    }
}
