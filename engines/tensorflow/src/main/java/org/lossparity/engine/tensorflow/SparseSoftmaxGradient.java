package org.lossparity.engine.tensorflow;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.family.TNumber;

/**
 * TensorFlow's C++ gradient registry (which graph-mode {@code addGradients} uses) has no entry for
 * {@code SparseSoftmaxCrossEntropyWithLogits}; Python registers it in Python. This registers the same first-order
 * rule from Java: d loss_n / d logits_n = backprop_n (the op's second output, softmax − onehot) scaled by the
 * incoming gradient of loss_n. The labels are integers and get no gradient (a zero tensor stands in for TF's
 * NoGradient, which the Java adapter cannot express).
 */
final class SparseSoftmaxGradient {

    private static boolean installed;

    private SparseSoftmaxGradient() {}

    /** Registers the rule once per process; true when this engine's rule is the one in effect. */
    static synchronized boolean registerOnce() {
        if (!installed) {
            // false means a gradient was already registered (by TensorFlow itself or another caller); either way
            // the op is differentiable from now on.
            TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.OP_NAME, (tf, op, gradInputs) -> {
                Output<?> lossGrad = gradInputs.get(0);
                Output<?> backprop = op.output(1);
                Operand<TNumber> scaled = tf.math.mul(
                        tf.expandDims(cast(lossGrad), tf.constant(-1)), cast(backprop));
                Operand<?> labelsGrad = tf.zerosLike(op.input(1));
                return List.of(scaled, labelsGrad);
            });
            installed = true;
        }
        return installed;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TNumber> cast(Output<?> output) {
        return (Operand<TNumber>) output;
    }
}
