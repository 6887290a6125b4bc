package org.lossparity.engine.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/** Scalar constants in a loss's own floating type, so float64 graphs get float64 constants where we choose. */
final class Constants {

    private Constants() {}

    /** {@code value} rounded once to {@code type} (float32 or float64). */
    @SuppressWarnings("unchecked")
    static <T extends TNumber> Operand<T> scalar(Ops tf, Class<T> type, double value) {
        if (type == TFloat32.class) {
            return (Operand<T>) tf.constant((float) value);
        }
        return tf.dtypes.cast(tf.constant(value), type);
    }

    /** Axis -1 (the class / feature axis Keras reduces first). */
    static Operand<org.tensorflow.types.TInt32> lastAxis(Ops tf) {
        return tf.constant(-1);
    }
}
