package org.lossparity.engine.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.framework.losses.KLDivergence;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.AbstractLoss;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Soft-target distillation T²·KL(softmax(t/T) ‖ softmax(s/T)) with teacher logits t as labels and student logits s
 * as predictions, through the framework's own {@link KLDivergence} (which clips both distributions to [1e-7, 1]
 * and sums over the last axis). The T² factor keeps gradient magnitudes independent of T, as in Hinton et al.
 */
public class DistillationKL extends AbstractLoss {

    private final double temperature;

    public DistillationKL(double temperature, Reduction reduction) {
        super("DistillationKL", reduction);
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    public <T extends TNumber> Operand<T> call(Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions,
                                               Operand<T> sampleWeights) {
        Class<T> type = predictions.type();
        Operand<T> t = Constants.scalar(tf, type, temperature);
        Operand<T> teacher = tf.nn.softmax(tf.math.div(tf.dtypes.cast(labels, type), t));
        Operand<T> student = tf.nn.softmax(tf.math.div(predictions, t));
        Operand<T> kl = new KLDivergence(getReduction()).call(tf, teacher, student, sampleWeights);
        return tf.math.mul(kl, tf.math.square(t));
    }
}
