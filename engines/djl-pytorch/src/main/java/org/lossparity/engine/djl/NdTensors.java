package org.lossparity.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Copies between lossparity tensors and DJL NDArrays, bit for bit and without silent dtype changes. */
final class NdTensors {
    private NdTensors() {}

    static NDArray toNd(NDManager manager, Tensor t) {
        Shape shape = new Shape(t.shape());
        return switch (t.dtype()) {
            case FLOAT32 -> manager.create(t.toFloatArray(), shape);
            case FLOAT64 -> manager.create(t.toDoubleArray(), shape);
            case INT64 -> manager.create(t.toLongArray(), shape);
        };
    }

    /** A tensor with the same values and trailing axes of size 1 appended up to {@code rank}, for broadcasting. */
    static Tensor padTrailing(Tensor t, int rank) {
        if (t.rank() >= rank) {
            return t;
        }
        long[] shape = new long[rank];
        long[] own = t.shape();
        System.arraycopy(own, 0, shape, 0, own.length);
        for (int i = own.length; i < rank; i++) {
            shape[i] = 1;
        }
        return t.reshape(shape);
    }

    /**
     * Reads an NDArray back, insisting on the expected dtype: a float32 computation that silently became float64
     * (DJL promotes a float32 0-dim array times a Java double) must fail loudly, not pass as more precise.
     */
    static Tensor fromNd(NDArray a, DType expected, String what) throws EngineException {
        DataType actual = a.getDataType();
        long[] shape = a.getShape().getShape();
        if (expected == DType.FLOAT32 && actual == DataType.FLOAT32) {
            return Tensor.ofFloat32(shape, a.toFloatArray());
        }
        if (expected == DType.FLOAT64 && actual == DataType.FLOAT64) {
            return Tensor.ofFloats(DType.FLOAT64, shape, a.toDoubleArray());
        }
        throw new EngineException(what + " came back as " + actual + " but the spec computes in " + expected);
    }
}
