package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.lossparity.core.tensor.Tensor;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Keras' first step: per-element losses of shape [..., C] become one loss per sample of shape [...] by a mean
 * (regression, binary cross-entropy) or a sum (KL) over the last axis. A 1-D input is therefore one sample; a
 * scalar input is one sample of one element.
 */
final class LastAxisReduction<T> implements Pass<T> {
    enum Kind { MEAN, SUM }

    private final Arithmetic<T> a;
    private final Pass<T> inner;
    private final Kind kind;
    private final int width;
    private final long[] shape;
    private final List<T> values;

    LastAxisReduction(Arithmetic<T> a, Pass<T> inner, Kind kind) {
        this.a = a;
        this.inner = inner;
        this.kind = kind;
        long[] s = inner.shape();
        this.width = s.length == 0 ? 1 : (int) s[s.length - 1];
        this.shape = s.length == 0 ? s : Arrays.copyOf(s, s.length - 1);
        int rows = width == 0 ? (int) Tensor.elementCount(shape) : inner.values().size() / width;
        List<T> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            T s2 = a.sum(inner.values().subList(r * width, (r + 1) * width));
            out.add(kind == Kind.MEAN ? a.div(s2, a.of(width)) : s2);
        }
        this.values = out;
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
        return Collections.nCopies(values.size(), a.one());
    }

    @Override
    public Map<String, List<T>> gradients(List<T> upstream) {
        List<T> spread = new ArrayList<>(values.size() * width);
        for (int r = 0; r < values.size(); r++) {
            T u = kind == Kind.MEAN ? a.div(upstream.get(r), a.of(width)) : upstream.get(r);
            for (int c = 0; c < width; c++) {
                spread.add(u);
            }
        }
        return inner.gradients(spread);
    }
}
