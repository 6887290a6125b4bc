package org.lossparity.engine.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.AbstractLoss;
import org.tensorflow.framework.losses.impl.LossTuple;
import org.tensorflow.framework.losses.impl.LossesHelper;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Smooth L1 (PyTorch's definition; Keras has no class): l = ½r²/β where |r| &lt; β, |r| − ½β elsewhere, β = 0
 * being plain |r|. Built from TF ops as a framework loss. With {@code perSample} it averages over the last axis
 * first (Keras convention); otherwise the reduction applies to the element values directly (PyTorch convention).
 */
public class SmoothL1 extends AbstractLoss {

    private final double beta;
    private final boolean perSample;

    public SmoothL1(double beta, boolean perSample, Reduction reduction) {
        super("SmoothL1", reduction);
        if (beta < 0) {
            throw new IllegalArgumentException("smooth L1 beta must be >= 0, got " + beta);
        }
        this.beta = beta;
        this.perSample = perSample;
    }

    @Override
    public <T extends TNumber> Operand<T> call(Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions,
                                               Operand<T> sampleWeights) {
        Class<T> type = predictions.type();
        Operand<T> y = tf.dtypes.cast(labels, type);
        Operand<T> x = predictions;
        if (perSample) {
            LossTuple<T> aligned = LossesHelper.squeezeOrExpandDimensions(tf, y, x);
            y = aligned.getLabels();
            x = aligned.getTarget();
        }
        Operand<T> r = tf.math.sub(x, y);
        Operand<T> absR = tf.math.abs(r);
        Operand<T> values;
        if (beta == 0) {
            // The quadratic branch would divide by zero, and select() passes NaN gradients through 0·∞.
            values = absR;
        } else {
            Operand<T> b = Constants.scalar(tf, type, beta);
            Operand<T> half = Constants.scalar(tf, type, 0.5);
            Operand<T> quadratic = tf.math.div(tf.math.mul(half, tf.math.square(r)), b);
            Operand<T> linear = tf.math.sub(absR, tf.math.mul(half, b));
            values = tf.select(tf.math.less(absR, b), quadratic, linear);
        }
        if (perSample) {
            values = tf.math.mean(values, Constants.lastAxis(tf));
        }
        return LossesHelper.computeWeightedLoss(tf, values, getReduction(), sampleWeights);
    }
}
