package org.lossparity.engine.reference;

import java.util.List;
import java.util.Map;

/**
 * The unreduced losses of one evaluation and the way back from them to the inputs. Every reduction is linear in
 * the unreduced values (weights and denominators do not depend on differentiable inputs), so the gradient of the
 * reported value is {@code gradients(α)} with α_i = ∂value/∂l_i.
 *
 * @param <T> number representation
 */
interface Pass<T> {

    /** Shape of the unreduced losses (per element for PyTorch, per sample for Keras and cross-entropies). */
    long[] shape();

    /** Unreduced losses l_i, row-major. */
    List<T> values();

    /**
     * What each l_i adds to the denominator of PyTorch's {@code mean}: 1 normally, the class weight w_{y_i} for
     * class-weighted sparse cross-entropy, 0 for an ignored label.
     */
    List<T> denominators();

    /** ∂(Σ α_i l_i)/∂x for every differentiable input x, flat in the input's row-major order. */
    Map<String, List<T>> gradients(List<T> upstream);
}
