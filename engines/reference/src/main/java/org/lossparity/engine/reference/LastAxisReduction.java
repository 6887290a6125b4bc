package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lossparity.core.tensor.Tensor;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Keras' first step: per-element losses of shape [..., C] become one loss per sample of shape [...] by a mean
 * (regression, binary cross-entropy) or a sum (KL) over the last axis. A 1-D input is therefore one sample; a
 * scalar input is one sample of one element.
 */
final class LastAxisReduction<T> extends AbstractPass<T> {
    enum Kind { MEAN, SUM }

    private final Pass<T> inner;
    private final Kind kind;
    private final int width;

    LastAxisReduction(Arithmetic<T> a, Pass<T> inner, Kind kind) {
        super(a, withoutLastAxis(inner.shape()), reduced(a, inner, kind));
        this.inner = inner;
        this.kind = kind;
        this.width = lastAxis(inner.shape());
    }

    private static int lastAxis(long[] s) {
        return s.length == 0 ? 1 : (int) s[s.length - 1];
    }

    private static long[] withoutLastAxis(long[] s) {
        return s.length == 0 ? s : Arrays.copyOf(s, s.length - 1);
    }

    private static <T> List<T> reduced(Arithmetic<T> a, Pass<T> inner, Kind kind) {
        int width = lastAxis(inner.shape());
        int rows = width == 0 ? (int) Tensor.elementCount(withoutLastAxis(inner.shape()))
                : inner.values().size() / width;
        List<T> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            T sum = a.sum(inner.values().subList(r * width, (r + 1) * width));
            out.add(kind == Kind.MEAN ? a.div(sum, a.of(width)) : sum);
        }
        return out;
    }

    @Override
    public Map<String, List<T>> gradients(List<T> upstream) {
        List<T> spread = new ArrayList<>(values().size() * width);
        for (int r = 0; r < values().size(); r++) {
            T u = kind == Kind.MEAN ? a.div(upstream.get(r), a.of(width)) : upstream.get(r);
            for (int c = 0; c < width; c++) {
                spread.add(u);
            }
        }
        return inner.gradients(spread);
    }
}
