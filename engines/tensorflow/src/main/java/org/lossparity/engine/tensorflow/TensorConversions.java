package org.lossparity.engine.tensorflow;

import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Copies between lossparity tensors and native TensorFlow tensors. The caller closes what it receives. */
final class TensorConversions {

    private TensorConversions() {}

    /** TensorFlow's element class for a lossparity dtype. */
    static Class<? extends TType> tfType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TFloat32.class;
            case FLOAT64 -> TFloat64.class;
            case INT64 -> TInt64.class;
        };
    }

    /** A native tensor holding {@code t}'s values as {@code as} (floats are converted, labels must be int64). */
    static org.tensorflow.Tensor toNative(Tensor t, DType as) {
        Shape shape = Shape.of(t.shape());
        return switch (as) {
            case FLOAT32 -> TFloat32.tensorOf(shape, DataBuffers.of(t.toFloatArray()));
            case FLOAT64 -> TFloat64.tensorOf(shape, DataBuffers.of(t.toDoubleArray()));
            case INT64 -> TInt64.tensorOf(shape, DataBuffers.of(t.toLongArray()));
        };
    }

    /** A lossparity tensor with the native tensor's shape and values. */
    static Tensor fromNative(org.tensorflow.Tensor native_) {
        long[] dims = native_.shape().asArray();
        long[] shape = dims == null ? new long[0] : dims;
        int n = Math.toIntExact(native_.shape().size());
        if (native_ instanceof TFloat32 f) {
            float[] data = new float[n];
            f.copyTo(DataBuffers.of(data, false, false));
            return Tensor.ofFloat32(shape, data);
        }
        if (native_ instanceof TFloat64 d) {
            double[] data = new double[n];
            d.copyTo(DataBuffers.of(data, false, false));
            return Tensor.ofFloats(DType.FLOAT64, shape, data);
        }
        throw new IllegalArgumentException("unexpected result type " + native_.dataType());
    }
}
