package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossparity.engine.reference.math.Arithmetic;

/** Losses where element i depends on prediction element i only: l_i with slope ∂l_i/∂x_i. */
final class ElementwisePass<T> extends AbstractPass<T> {
    private final String input;
    private final List<T> slopes;

    ElementwisePass(Arithmetic<T> a, String input, long[] shape, List<T> values, List<T> slopes) {
        super(a, shape, values);
        this.input = input;
        this.slopes = slopes;
    }

    @Override
    public Map<String, List<T>> gradients(List<T> upstream) {
        List<T> g = new ArrayList<>(slopes.size());
        for (int i = 0; i < slopes.size(); i++) {
            g.add(a.mul(upstream.get(i), slopes.get(i)));
        }
        return Map.of(input, g);
    }
}
