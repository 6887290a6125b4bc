package org.lossparity.engine.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.AbstractLoss;
import org.tensorflow.framework.losses.impl.LossTuple;
import org.tensorflow.framework.losses.impl.LossesHelper;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * CategoricalCrossentropy(fromLogits=true) written as −Σ y'·logSoftmax(z) over the last axis, with the framework's
 * label smoothing (float32 constants: y·(1−ls) + ls/K) and its weighting helper. Mathematically the same as the
 * framework class, which uses the fused SoftmaxCrossEntropyWithLogits op. It exists because that op's C++
 * gradient multiplies log-softmax by a float32 constant (−1.0f) and so cannot be built in a float64 graph; this
 * formulation only uses ops whose gradients are dtype-generic.
 */
public class LogSoftmaxCategoricalCrossentropy extends AbstractLoss {

    private final float labelSmoothing;

    public LogSoftmaxCategoricalCrossentropy(float labelSmoothing, Reduction reduction) {
        super("LogSoftmaxCategoricalCrossentropy", reduction);
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public <T extends TNumber> Operand<T> call(Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions,
                                               Operand<T> sampleWeights) {
        Class<T> type = predictions.type();
        LossTuple<T> aligned = LossesHelper.squeezeOrExpandDimensions(tf, tf.dtypes.cast(labels, type), predictions);
        Operand<T> y = aligned.getLabels();
        Operand<T> logits = aligned.getTarget();
        if (labelSmoothing != 0f) {
            long classes = logits.shape().size(-1);
            Operand<T> keep = tf.dtypes.cast(tf.constant(1f - labelSmoothing), type);
            Operand<T> spread = tf.math.div(tf.dtypes.cast(tf.constant(labelSmoothing), type),
                    tf.dtypes.cast(tf.constant(classes), type));
            y = tf.math.add(tf.math.mul(y, keep), spread);
        }
        Operand<T> perSample = tf.math.neg(tf.reduceSum(tf.math.mul(y, tf.nn.logSoftmax(logits)),
                Constants.lastAxis(tf)));
        return LossesHelper.computeWeightedLoss(tf, perSample, getReduction(), sampleWeights);
    }
}
