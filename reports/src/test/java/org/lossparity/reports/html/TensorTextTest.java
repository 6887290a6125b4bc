package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class TensorTextTest {

    @Test
    void scalarsVectorsAndSmallMatricesPrintWhole() {
        assertEquals("0.100000001", TensorText.preview(TensorData.of(SampleRun.scalar32(0.1f)), 4));
        assertEquals("[0.10000000000000001, NaN]", TensorText.preview(TensorData.of(
                Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {0.1, Double.NaN})), 4));
        assertEquals("[[1.0, 2.0], [3.0, -0.0]]", TensorText.preview(TensorData.of(
                Tensor.ofFloat32(new long[] {2, 2}, new float[] {1, 2, 3, -0f})), 4));
        assertEquals("[0, 2]", TensorText.preview(TensorData.of(Tensor.ofInt64(new long[] {2}, new long[] {0, 2})), 4));
    }

    @Test
    void longTensorsAreCutWithTheirCountLeft() {
        TensorData t = TensorData.of(Tensor.ofFloat32(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertEquals("[1.0, 2.0, 3.0, … 3 more] (flat, row-major)", TensorText.preview(t, 3));
        assertEquals("float32 [2, 3] = 6 elements", TensorText.header(t));
        assertEquals("[… 4 more]", TensorText.preview(TensorData.of(SampleRun.f32(1, 2, 3, 4)), 0));
    }

    @Test
    void rangeCoversTheWholeTensorAndCountsNonFiniteValues() {
        TensorData t = TensorData.of(SampleRun.f32(1f, Float.NaN, -2f, Float.POSITIVE_INFINITY), 2);
        assertEquals("-2.0 … 1.0; 2 non-finite", TensorText.range(t));
        assertEquals("empty", TensorText.range(TensorData.of(Tensor.ofFloat32(new long[] {0}, new float[0]))));
        assertEquals("no finite value; 1 non-finite", TensorText.range(TensorData.of(SampleRun.f32(Float.NaN))));
    }
}
