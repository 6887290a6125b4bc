package org.lossparity.core.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense tensor in row-major order. Floating values are held as doubles that are exactly
 * representable in the tensor's dtype; int64 values as longs.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final double[] floats;
    private final long[] longs;

    private Tensor(DType dtype, long[] shape, double[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
    }

    /** A float tensor; each value is rounded to the dtype, so float32 data is exactly float32. */
    public static Tensor ofFloats(DType dtype, long[] shape, double[] data) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("ofFloats needs float32 or float64, got " + dtype);
        }
        checkSize(shape, data.length);
        double[] copy = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            copy[i] = dtype.round(data[i]);
        }
        return new Tensor(dtype, shape.clone(), copy, null);
    }

    public static Tensor ofFloat32(long[] shape, float[] data) {
        checkSize(shape, data.length);
        double[] copy = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            copy[i] = data[i];
        }
        return new Tensor(DType.FLOAT32, shape.clone(), copy, null);
    }

    public static Tensor ofInt64(long[] shape, long[] data) {
        checkSize(shape, data.length);
        return new Tensor(DType.INT64, shape.clone(), null, data.clone());
    }

    public static Tensor scalar(DType dtype, double value) {
        return ofFloats(dtype, new long[0], new double[] {value});
    }

    private static void checkSize(long[] shape, int length) {
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " elements but data has " + length);
        }
    }

    /** Product of the dimensions; 1 for a scalar. Rejects negative dimensions. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** Element i (row-major) as a double; int64 labels are converted. */
    public double getDouble(int i) {
        return floats != null ? floats[i] : (double) longs[i];
    }

    public long getLong(int i) {
        if (longs == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not int64");
        }
        return longs[i];
    }

    public double[] toDoubleArray() {
        if (floats != null) {
            return floats.clone();
        }
        double[] out = new double[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    public float[] toFloatArray() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    public long[] toLongArray() {
        if (longs == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not int64");
        }
        return longs.clone();
    }

    /** Same values, other shape with the same element count. */
    public Tensor reshape(long... newShape) {
        checkSize(newShape, size());
        return new Tensor(dtype, newShape.clone(), floats, longs);
    }

    /** The multi-dimensional index of flat position i, e.g. "[3, 1]". */
    public String indexOf(int flat) {
        if (shape.length == 0) {
            return "[]";
        }
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int a = shape.length - 1; a >= 0; a--) {
            long d = shape[a] == 0 ? 1 : shape[a];
            idx[a] = rest % d;
            rest /= d;
        }
        return Arrays.toString(idx);
    }

    /** True when dtype, shape and every bit of every element agree (NaN payloads and -0.0 included). */
    public boolean bitEquals(Tensor other) {
        if (dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        if (longs != null) {
            return Arrays.equals(longs, other.longs);
        }
        for (int i = 0; i < floats.length; i++) {
            if (Double.doubleToRawLongBits(floats[i]) != Double.doubleToRawLongBits(other.floats[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && bitEquals(t);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.jsonName()).append(Arrays.toString(shape)).append('{');
        int shown = Math.min(size(), 8);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(longs != null ? Long.toString(longs[i]) : Numbers.format(floats[i], dtype));
        }
        if (size() > shown) {
            sb.append(", ... (").append(size()).append(" elements)");
        }
        return sb.append('}').toString();
    }
}
