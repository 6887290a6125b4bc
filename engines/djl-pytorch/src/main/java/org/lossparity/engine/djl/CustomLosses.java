package org.lossparity.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Params;

/**
 * The catalogue's losses that no library class provides, written with DJL NDArray operations the way a DJL user
 * writes a custom loss. They return unreduced values; {@link NdReductions} reduces them.
 *
 * <p>Every constant is created as a 0-dim array of the inputs' dtype: multiplying by a Java double instead would
 * turn a float32 0-dim array into float64 and silently compute in the wrong precision.
 */
final class CustomLosses {
    private CustomLosses() {}

    /** Custom Huber of the prediction and target, reduced as the spec says, with the sample weight if given. */
    static GradientRun.LossFunction reducedHuber(LossSpec spec) {
        return arrays -> NdReductions.reduce(
                huber(arrays.get(Inputs.PREDICTION), arrays.get(Inputs.TARGET), spec.params().getDouble("delta")),
                arrays.get(Inputs.SAMPLE_WEIGHT), spec);
    }

    /** Huber per element: ½r² where |r| ≤ δ, else δ(|r| − ½δ). */
    static NDArray huber(NDArray prediction, NDArray target, double delta) {
        NDArray r = prediction.sub(target);
        NDArray a = r.abs();
        NDArray d = constant(prediction, delta);
        NDArray half = constant(prediction, 0.5);
        NDArray quadratic = r.mul(r).mul(half);
        NDArray linear = d.mul(a.sub(half.mul(d)));
        return NDArrays.where(a.lte(d), quadratic, linear);
    }

    /**
     * Triplet margin loss per sample, from scratch: d(u, v) = (Σ|u − v + eps|^p)^(1/p) over the last axis,
     * l = max(d(a, p) − d(a, n) + margin, 0), with the distance swap taking min(d(a, n), d(p, n)).
     */
    static NDArray triplet(NDArray anchor, NDArray positive, NDArray negative, Params params) {
        double p = params.getDouble("p");
        NDArray dPositive = distance(anchor, positive, p, params.getDouble("eps"));
        NDArray dNegative = distance(anchor, negative, p, params.getDouble("eps"));
        if (params.getBoolean("swap")) {
            dNegative = NDArrays.minimum(dNegative, distance(positive, negative, p, params.getDouble("eps")));
        }
        NDArray margin = constant(anchor, params.getDouble("margin"));
        // clamp at 0 (not maximum(x, 0), which splits the gradient at a tie): the hinge passes the gradient at 0
        return dPositive.sub(dNegative).add(margin).clip(0.0, Double.POSITIVE_INFINITY);
    }

    /**
     * The p-norm of u − v + eps over the last axis. The root is taken of a sum guarded away from 0, as a careful
     * DJL user writes it: sqrt'(0) is infinite and 0·∞ would turn the gradient of a zero distance into NaN, where
     * torch's norm defines it as 0.
     */
    private static NDArray distance(NDArray u, NDArray v, double p, double eps) {
        NDArray diff = u.sub(v).add(constant(u, eps));
        if (p == 1.0) {
            return diff.abs().sum(new int[] {-1});
        }
        NDArray powered = p == 2.0 ? diff.mul(diff) : diff.abs().pow(constant(u, p));
        NDArray sum = powered.sum(new int[] {-1});
        NDArray zero = constant(u, 0.0);
        NDArray positive = sum.gt(zero);
        NDArray safe = NDArrays.where(positive, sum, constant(u, 1.0));
        NDArray root = p == 2.0 ? safe.sqrt() : safe.pow(constant(u, 1.0 / p));
        return NDArrays.where(positive, root, zero);
    }

    static NDArray constant(NDArray like, double value) {
        NDManager manager = like.getManager();
        DataType type = like.getDataType();
        return type == DataType.FLOAT32 ? manager.create((float) value) : manager.create(value);
    }

}
