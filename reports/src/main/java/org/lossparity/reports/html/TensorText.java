package org.lossparity.reports.html;

import org.lossparity.core.result.TensorData;

/** Short text for a tensor: its first values in round-trip digits, nested by rows when the whole matrix fits. */
final class TensorText {
    private TensorText() {}

    /** {@code float32 [2, 3]}, plus the element count when it is not obvious. */
    static String header(TensorData t) {
        return t.dtype() + " " + t.shapeText() + (t.rank() > 1 ? " = " + t.size() + " elements" : "");
    }

    /**
     * At most {@code cap} values. A scalar prints bare; a vector or a small matrix prints with brackets; anything
     * longer prints its first values flat (row-major) followed by how many are left out.
     */
    static String preview(TensorData t, int cap) {
        double[] values = t.values();
        long[] shape = t.shape();
        if (t.rank() == 0 && values.length == 1) {
            return t.format(0);
        }
        StringBuilder sb = new StringBuilder();
        if (t.size() <= cap && !t.truncated() && shape.length == 2) {
            int cols = (int) shape[1];
            sb.append('[');
            for (int r = 0; r < shape[0]; r++) {
                sb.append(r == 0 ? "[" : ", [");
                for (int c = 0; c < cols; c++) {
                    sb.append(c == 0 ? "" : ", ").append(t.format(r * cols + c));
                }
                sb.append(']');
            }
            return sb.append(']').toString();
        }
        int shown = Math.min(values.length, cap);
        sb.append('[');
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(t.format(i));
        }
        if (t.size() > shown) {
            sb.append(shown == 0 ? "" : ", ").append("… ").append(t.size() - shown).append(" more");
        }
        sb.append(']');
        if (t.rank() > 1 && t.size() > shown) {
            sb.append(" (flat, row-major)");
        }
        return sb.toString();
    }

    /** min, max and the count of non-finite elements over the whole tensor (not only the preview). */
    static String range(TensorData t) {
        if (t.size() == 0) {
            return "empty";
        }
        String r = Double.isNaN(t.min()) ? "no finite value"
                : org.lossparity.core.tensor.Numbers.format(t.min(), t.dtype()) + " … "
                + org.lossparity.core.tensor.Numbers.format(t.max(), t.dtype());
        return t.nonFinite() > 0 ? r + "; " + t.nonFinite() + " non-finite" : r;
    }
}
