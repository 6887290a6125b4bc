package org.lossparity.engine.tensorflow;

import java.util.Iterator;
import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.AbstractLoss;
import org.tensorflow.framework.losses.impl.LossesHelper;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.types.family.TNumber;

/**
 * Triplet margin loss as a subclass of the framework's loss base, from raw ops: per row l = max(d(a, p) − d(a, n)
 * + margin, 0) with d(u, v) = ‖u − v + eps‖_p over the last axis (PyTorch's pairwise_distance, eps added to the
 * difference), and with {@code swap} d(a, n) replaced by min(d(a, n), d(p, n)).
 *
 * <p>The framework's {@code Loss.call(labels, predictions)} has two tensor slots; here predictions are the anchors
 * and labels are the positives and negatives stacked on a new leading axis ({@code [2, ..., D]}), so gradients
 * reach all three. {@link #triplets} takes them separately.
 *
 * <p>At a swap tie d(a, n) = d(p, n) the two conventions differentiate the minimum differently: TensorFlow's
 * Minimum gives the whole gradient to its first argument d(a, n), PyTorch's minimum splits it half and half.
 * {@link #pytorchTies} builds the minimum so that its graph gradient splits as PyTorch's does.
 */
public class TripletMarginLoss extends AbstractLoss {

    private final double margin;
    private final double p;
    private final double eps;
    private final boolean swap;
    private final boolean splitTies;

    public TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
        this(margin, p, eps, swap, reduction, false);
    }

    private TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction,
                              boolean splitTies) {
        super("TripletMarginLoss", reduction);
        if (!(p > 0)) {
            throw new IllegalArgumentException("norm degree p must be > 0, got " + p);
        }
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
        this.splitTies = splitTies;
    }

    /** The same loss, with swap ties differentiated as PyTorch does (half the gradient to each distance). */
    public TripletMarginLoss pytorchTies() {
        return new TripletMarginLoss(margin, p, eps, swap, getReduction(), true);
    }

    @Override
    public <T extends TNumber> Operand<T> call(Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions,
                                               Operand<T> sampleWeights) {
        Iterator<Operand<T>> pair = tf.unstack(tf.dtypes.cast(labels, predictions.type()), 2L).iterator();
        Operand<T> positive = pair.next();
        Operand<T> negative = pair.next();
        return LossesHelper.computeWeightedLoss(tf, perSample(tf, predictions, positive, negative), getReduction(),
                sampleWeights);
    }

    /** The reduced loss of anchors, positives and negatives of equal shape {@code [..., D]}. */
    public <T extends TNumber> Operand<T> triplets(Ops tf, Operand<T> anchor, Operand<T> positive,
                                                   Operand<T> negative) {
        return LossesHelper.computeWeightedLoss(tf, perSample(tf, anchor, positive, negative), getReduction(), null);
    }

    private <T extends TNumber> Operand<T> perSample(Ops tf, Operand<T> a, Operand<T> pos, Operand<T> neg) {
        Class<T> type = a.type();
        Operand<T> dPositive = distance(tf, a, pos);
        Operand<T> dNegative = distance(tf, a, neg);
        if (swap) {
            Operand<T> dSwap = distance(tf, pos, neg);
            dNegative = splitTies ? minimumSplittingTies(tf, dNegative, dSwap) : tf.math.minimum(dNegative, dSwap);
        }
        Operand<T> hinge = tf.math.add(tf.math.sub(dPositive, dNegative), Constants.scalar(tf, type, margin));
        return tf.math.maximum(hinge, Constants.scalar(tf, type, 0.0));
    }

    /**
     * min(u, v) whose gradient at u = v goes half to each argument: the tie takes the branch (u + v)/2, which is
     * exactly u there (doubling and halving are exact), and Select passes each branch's gradient only where taken.
     */
    private static <T extends TNumber> Operand<T> minimumSplittingTies(Ops tf, Operand<T> u, Operand<T> v) {
        Operand<T> mean = tf.math.mul(tf.math.add(u, v), Constants.scalar(tf, u.type(), 0.5));
        return tf.select(tf.math.less(u, v), u, tf.select(tf.math.less(v, u), v, mean));
    }

    private <T extends TNumber> Operand<T> distance(Ops tf, Operand<T> u, Operand<T> v) {
        Class<T> type = u.type();
        Operand<T> diff = tf.math.add(tf.math.sub(u, v), Constants.scalar(tf, type, eps));
        Operand<T> abs = tf.math.abs(diff);
        if (p == 1.0) {
            return tf.reduceSum(abs, Constants.lastAxis(tf));
        }
        if (p == 2.0) {
            return rootAwayFromZero(tf, tf.reduceSum(tf.math.square(diff), Constants.lastAxis(tf)), 2.0);
        }
        if (Double.isInfinite(p)) {
            return tf.reduceMax(abs, Constants.lastAxis(tf), ReduceMax.keepDims(false));
        }
        Operand<T> powered = tf.math.pow(abs, Constants.scalar(tf, type, p));
        return rootAwayFromZero(tf, tf.reduceSum(powered, Constants.lastAxis(tf)), p);
    }

    /**
     * The p-th root of a sum of powers, with gradient 0 where the sum is 0 (zero distance), as PyTorch's norm
     * backward has it: a plain root there would give ∞·0 = NaN. The root is taken of a safe operand so that
     * neither branch of the select produces a NaN gradient.
     */
    private static <T extends TNumber> Operand<T> rootAwayFromZero(Ops tf, Operand<T> sum, double p) {
        Class<T> type = sum.type();
        Operand<T> zero = Constants.scalar(tf, type, 0.0);
        Operand<org.tensorflow.types.TBool> positive = tf.math.greater(sum, zero);
        // Ones and zeros from the static shape: OnesLike/ZerosLike have no registered gradient in TensorFlow Java.
        long[] dims = sum.shape().asArray();
        Operand<T> ones = tf.ones(tf.constant(dims == null ? new long[0] : dims), type);
        Operand<T> safe = tf.select(positive, sum, ones);
        Operand<T> root = p == 2.0 ? tf.math.sqrt(safe) : tf.math.pow(safe, Constants.scalar(tf, type, 1.0 / p));
        return tf.select(positive, root, tf.math.mul(ones, zero));
    }
}
