package org.lossparity.engine.reference;

import java.util.Collections;
import java.util.List;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * What every {@link Pass} holds after its forward computation: the shape, the unreduced values and their mean
 * denominators. Subclasses only state the way back, {@link #gradients(List)}.
 *
 * @param <T> number representation
 */
abstract class AbstractPass<T> implements Pass<T> {
    protected final Arithmetic<T> a;
    private final long[] shape;
    private final List<T> values;
    private final List<T> denominators;

    /** Every value counts once in a mean. */
    AbstractPass(Arithmetic<T> a, long[] shape, List<T> values) {
        this(a, shape, values, Collections.nCopies(values.size(), a.one()));
    }

    AbstractPass(Arithmetic<T> a, long[] shape, List<T> values, List<T> denominators) {
        this.a = a;
        this.shape = shape.clone();
        this.values = values;
        this.denominators = denominators;
    }

    @Override
    public final long[] shape() {
        return shape.clone();
    }

    @Override
    public final List<T> values() {
        return values;
    }

    @Override
    public final List<T> denominators() {
        return denominators;
    }
}
