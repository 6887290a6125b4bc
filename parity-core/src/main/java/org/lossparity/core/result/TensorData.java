package org.lossparity.core.result;

import java.util.Arrays;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * A tensor as the report shows it: dtype, shape and values, where large tensors keep only their first
 * {@link #PREVIEW_LIMIT} elements ({@code truncated} is then true; statistics cover all elements). Values are
 * doubles exact in {@code dtype} (int64 labels as whole doubles); print them with {@link #format(int)}.
 *
 * @param dtype     element type
 * @param shape     full shape
 * @param size      element count of the full tensor
 * @param values    the first min(size, PREVIEW_LIMIT) values, row-major
 * @param truncated true when {@code values} is shorter than {@code size}
 * @param min       smallest finite value of the full tensor (NaN when it has none)
 * @param max       largest finite value of the full tensor (NaN when it has none)
 * @param nonFinite count of NaN and infinite elements of the full tensor
 */
public record TensorData(DType dtype, long[] shape, long size, double[] values, boolean truncated,
                         double min, double max, long nonFinite) {

    /** Elements kept for reports; enough to show every fixture except the generated large ones. */
    public static final int PREVIEW_LIMIT = 1024;

    public TensorData {
        shape = shape.clone();
        values = values.clone();
    }

    /** The report form of a tensor, keeping at most {@code limit} values. */
    public static TensorData of(Tensor t, int limit) {
        int n = t.size();
        int kept = Math.min(n, limit);
        double[] v = new double[kept];
        double min = Double.NaN;
        double max = Double.NaN;
        long nonFinite = 0;
        for (int i = 0; i < n; i++) {
            double x = t.getDouble(i);
            if (i < kept) {
                v[i] = x;
            }
            if (!Double.isFinite(x)) {
                nonFinite++;
            } else {
                min = Double.isNaN(min) ? x : Math.min(min, x);
                max = Double.isNaN(max) ? x : Math.max(max, x);
            }
        }
        return new TensorData(t.dtype(), t.shape(), n, v, kept < n, min, max, nonFinite);
    }

    public static TensorData of(Tensor t) {
        return of(t, PREVIEW_LIMIT);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Value {@code i} of the preview in round-trip text (9 digits float32, 17 float64). */
    public String format(int i) {
        return Numbers.format(values[i], dtype);
    }

    /** The whole tensor, when nothing was truncated. */
    public Tensor toTensor() {
        if (truncated) {
            throw new IllegalStateException("tensor of shape " + Arrays.toString(shape) + " was truncated to "
                    + values.length + " values for the report");
        }
        if (dtype == DType.INT64) {
            long[] l = new long[values.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (long) values[i];
            }
            return Tensor.ofInt64(shape, l);
        }
        return Tensor.ofFloats(dtype, shape, values);
    }

    /** Shape as text, e.g. {@code [4, 3]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData d && d.dtype == dtype && Arrays.equals(d.shape, shape) && d.size == size
                && Arrays.equals(d.values, values) && d.truncated == truncated
                && Double.compare(d.min, min) == 0 && Double.compare(d.max, max) == 0 && d.nonFinite == nonFinite;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.toString()).append(shapeText()).append(" [");
        for (int i = 0; i < Math.min(values.length, 8); i++) {
            sb.append(i == 0 ? "" : ", ").append(format(i));
        }
        return sb.append(values.length > 8 || truncated ? ", ...]" : "]").toString();
    }
}
