package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * mse, mae, huber, smooth_l1 and custom_huber on the residual r = x − y, per element (PyTorch) or averaged over
 * the last axis (Keras).
 *
 * <p>Thresholds are the dtype values of the parameters, except Keras' {@code huber} whose δ is a float32 constant
 * (TensorFlow Java's Huber takes a float) converted to the dtype.
 *
 * <p>Subgradients, identical in both conventions:
 * <ul>
 *   <li>mae at r = 0: 0 (PyTorch's abs backward is sgn(r); TensorFlow's Abs gradient is sign(r)).</li>
 *   <li>huber / custom_huber at |r| = δ: r = ±δ, the derivative is continuous there (PyTorch's kernel takes
 *       the quadratic side at |r| ≤ δ; TensorFlow's min(|r|, δ) gives the same number).</li>
 *   <li>smooth_l1 at |r| = β: ±1, continuous; with β = 0 it is L1 and the gradient at r = 0 is 0.</li>
 * </ul>
 */
final class RegressionLosses implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        int n = c.size(Inputs.PREDICTION);
        List<T> values = new ArrayList<>(n);
        List<T> slopes = new ArrayList<>(n);
        T threshold = a.of(threshold(c));
        for (int i = 0; i < n; i++) {
            T r = a.sub(a.of(c.value(Inputs.PREDICTION, i)), a.of(c.value(Inputs.TARGET, i)));
            switch (c.loss()) {
                case MSE -> {
                    values.add(a.square(r));
                    slopes.add(a.add(r, r));
                }
                case MAE -> {
                    values.add(a.abs(r));
                    slopes.add(a.sign(r));
                }
                case HUBER, CUSTOM_HUBER -> huber(a, r, threshold, values, slopes);
                case SMOOTH_L1 -> smoothL1(a, r, threshold, values, slopes);
                default -> throw new IllegalArgumentException("not a regression loss: " + c.loss());
            }
        }
        Pass<T> elements = new ElementwisePass<>(a, Inputs.PREDICTION, c.shape(Inputs.PREDICTION), values, slopes);
        return c.keras() ? new LastAxisReduction<>(a, elements, LastAxisReduction.Kind.MEAN) : elements;
    }

    private static double threshold(LossCase c) {
        return switch (c.loss()) {
            case HUBER -> c.keras() ? c.inDtype((float) c.param("delta")) : c.inDtype(c.param("delta"));
            case CUSTOM_HUBER -> c.inDtype(c.param("delta"));
            case SMOOTH_L1 -> c.inDtype(c.param("beta"));
            default -> 0.0;
        };
    }

    private static <T> void huber(Arithmetic<T> a, T r, T delta, List<T> values, List<T> slopes) {
        T half = a.of(0.5);
        T abs = a.abs(r);
        if (a.le(abs, delta) || !a.le(delta, abs)) {
            values.add(a.mul(half, a.square(r)));
            slopes.add(r);
        } else {
            values.add(a.mul(delta, a.sub(abs, a.mul(half, delta))));
            slopes.add(a.mul(delta, a.sign(r)));
        }
    }

    private static <T> void smoothL1(Arithmetic<T> a, T r, T beta, List<T> values, List<T> slopes) {
        T abs = a.abs(r);
        if (a.isZero(beta)) {
            values.add(abs);
            slopes.add(a.sign(r));
        } else if (a.lt(abs, beta) || !a.le(beta, abs)) {
            values.add(a.div(a.mul(a.of(0.5), a.square(r)), beta));
            slopes.add(a.div(r, beta));
        } else {
            values.add(a.sub(abs, a.mul(a.of(0.5), beta)));
            slopes.add(a.sign(r));
        }
    }
}
