package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * {@code bce} on probabilities and {@code bce_with_logits}, per element (PyTorch) or averaged over the last axis
 * (Keras).
 *
 * <p>PyTorch {@code bce}: l = −(y·max(log p, −100) + (1−y)·max(log(1−p), −100)); p outside [0, 1] (or NaN) is an
 * error, as in PyTorch. Its gradient is PyTorch's backward kernel, (p − y) / max(p(1−p), ε₁₂) with ε₁₂ the float 1e-12 in the
 * dtype — not the derivative of the clamped value: where a log is clamped (p ≤ e^-100, p = 1) and where
 * p(1−p) &lt; ε₁₂ (p below about 1e-12) the kernel's number is what PyTorch returns, so it is what we return.
 *
 * <p>Keras {@code bce}: p' = clip(p, ε, 1−ε), l = −(y'·log(p'+ε) + (1−y')·log(1−p'+ε)) with ε = float32 1e-7 and
 * 1−ε computed in the dtype; the gradient is 0 where p lies strictly outside [ε, 1−ε] and passes at the clip
 * boundaries themselves (TensorFlow's ClipByValue gradient masks only x &lt; min and x &gt; max).
 *
 * <p>With logits z: l = (1−y)·z + (1 + (w−1)·y)·softplus(−z) with PyTorch's {@code pos_weight} w (1 without; it
 * broadcasts over the last axis), gradient (w·y + 1 − y)·σ(z) − w·y; Keras has w = 1. Smooth everywhere.
 *
 * <p>Keras label smoothing: y' = y·(1−ls) + ls/2 with TensorFlow Java's float32 constants (1f − ls) and 0.5f·ls.
 */
final class BinaryCrossEntropy implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) throws EngineException {
        int n = c.size(Inputs.PREDICTION);
        int width = c.lastDim();
        List<T> values = new ArrayList<>(n);
        List<T> slopes = new ArrayList<>(n);
        boolean logits = c.loss() == LossKind.BCE_WITH_LOGITS;
        Smoothing<T> smoothing = Smoothing.of(a, c);
        for (int i = 0; i < n; i++) {
            T x = a.of(c.value(Inputs.PREDICTION, i));
            T y = smoothing.apply(a, a.of(c.value(Inputs.TARGET, i)));
            if (logits) {
                T w = c.has(Inputs.POS_WEIGHT)
                        ? a.of(c.value(Inputs.POS_WEIGHT, c.size(Inputs.POS_WEIGHT) == 1 ? 0 : i % width)) : a.one();
                withLogits(a, x, y, w, values, slopes);
            } else if (c.keras()) {
                kerasProbabilities(a, c, x, y, values, slopes);
            } else {
                double p = c.value(Inputs.PREDICTION, i);
                if (!(p >= 0 && p <= 1)) {
                    throw new EngineException("PyTorch's bce needs probabilities in [0, 1]; input 'prediction' holds "
                            + p + " at " + c.input(Inputs.PREDICTION).indexOf(i));
                }
                torchProbabilities(a, c, x, y, values, slopes);
            }
        }
        Pass<T> elements = new ElementwisePass<>(a, Inputs.PREDICTION, c.shape(Inputs.PREDICTION), values, slopes);
        return c.keras() ? new LastAxisReduction<>(a, elements, LastAxisReduction.Kind.MEAN) : elements;
    }

    private static <T> void withLogits(Arithmetic<T> a, T z, T y, T w, List<T> values, List<T> slopes) {
        T oneMinusY = a.sub(a.one(), y);
        T wy = a.mul(w, y);
        T factor = a.add(oneMinusY, wy);
        values.add(a.add(a.mul(oneMinusY, z), a.mul(factor, a.softplusOfNegative(z))));
        slopes.add(a.sub(a.mul(factor, a.sigmoid(z)), wy));
    }

    private static <T> void torchProbabilities(Arithmetic<T> a, LossCase c, T p, T y, List<T> values, List<T> slopes) {
        T floor = a.of(-100.0);
        T logP = a.isZero(p) ? floor : a.max(a.log(p), floor);
        T oneMinusP = a.sub(a.one(), p);
        T logOneMinusP = a.isZero(oneMinusP) ? floor : a.max(a.log1p(a.neg(p)), floor);
        values.add(a.neg(a.add(a.mul(y, logP), a.mul(a.sub(a.one(), y), logOneMinusP))));
        T denominator = a.max(a.mul(oneMinusP, p), a.of(c.inDtype(LossCase.TORCH_BCE_GRAD_EPSILON)));
        slopes.add(a.div(a.sub(p, y), denominator));
    }

    private static <T> void kerasProbabilities(Arithmetic<T> a, LossCase c, T p, T y, List<T> values, List<T> slopes) {
        T eps = a.of(LossCase.KERAS_EPSILON);
        T hi = a.of(c.kerasOneMinusEpsilon());
        T clipped = a.clip(p, eps, hi);
        T up = a.add(clipped, eps);
        T down = a.add(a.sub(a.one(), clipped), eps);
        T oneMinusY = a.sub(a.one(), y);
        values.add(a.neg(a.add(a.mul(y, a.log(up)), a.mul(oneMinusY, a.log(down)))));
        boolean inside = a.le(eps, p) && a.le(p, hi);
        slopes.add(inside ? a.sub(a.div(oneMinusY, down), a.div(y, up)) : a.zero());
    }

    /** Keras' binary label smoothing y(1−ls) + ls/2 with TensorFlow Java's float32 constants; identity otherwise. */
    record Smoothing<T>(T keep, T offset) {
        static <T> Smoothing<T> of(Arithmetic<T> a, LossCase c) {
            double ls = c.keras() ? c.param("label_smoothing") : 0.0;
            if (ls == 0.0) {
                return new Smoothing<>(null, null);
            }
            float ls32 = (float) ls;
            return new Smoothing<>(a.of(c.inDtype(1f - ls32)), a.of(c.inDtype(0.5f * ls32)));
        }

        T apply(Arithmetic<T> a, T y) {
            return keep == null ? y : a.add(a.mul(y, keep), offset);
        }
    }
}
