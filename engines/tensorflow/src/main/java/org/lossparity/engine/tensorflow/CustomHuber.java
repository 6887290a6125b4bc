package org.lossparity.engine.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.AbstractLoss;
import org.tensorflow.framework.losses.impl.LossTuple;
import org.tensorflow.framework.losses.impl.LossesHelper;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TNumber;

/**
 * The lab's from-scratch Huber, written the way a TensorFlow Java user subclasses the framework's loss base:
 * l = ½r² where |r| ≤ δ, δ(|r| − ½δ) elsewhere, averaged over the last axis, then weighted and reduced by the
 * framework's own helper. Unlike the built-in {@link org.tensorflow.framework.losses.Huber}, δ is kept in the
 * loss's dtype (the built-in rounds it to float32 first), and the branch is a select rather than min/max.
 */
public class CustomHuber extends AbstractLoss {

    private final double delta;

    public CustomHuber(double delta, Reduction reduction) {
        super("CustomHuber", reduction);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Huber delta must be > 0, got " + delta);
        }
        this.delta = delta;
    }

    @Override
    public <T extends TNumber> Operand<T> call(Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions,
                                               Operand<T> sampleWeights) {
        Class<T> type = predictions.type();
        LossTuple<T> aligned = LossesHelper.squeezeOrExpandDimensions(tf, tf.dtypes.cast(labels, type), predictions);
        Operand<T> r = tf.math.sub(aligned.getTarget(), aligned.getLabels());
        Operand<T> absR = tf.math.abs(r);
        Operand<T> d = Constants.scalar(tf, type, delta);
        Operand<T> half = Constants.scalar(tf, type, 0.5);
        Operand<TBool> quadraticZone = tf.math.lessEqual(absR, d);
        Operand<T> quadratic = tf.math.mul(half, tf.math.square(r));
        Operand<T> linear = tf.math.mul(d, tf.math.sub(absR, tf.math.mul(half, d)));
        Operand<T> perElement = tf.select(quadraticZone, quadratic, linear);
        Operand<T> perSample = tf.math.mean(perElement, Constants.lastAxis(tf));
        return LossesHelper.computeWeightedLoss(tf, perSample, getReduction(), sampleWeights);
    }
}
