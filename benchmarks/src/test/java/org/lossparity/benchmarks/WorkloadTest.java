package org.lossparity.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class WorkloadTest {

    @Test
    void everyWorkloadGivesItsLossTheInputsItRequiresInTheDtype() {
        for (Workload w : Workload.values()) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                LossSpec spec = w.spec(dtype);
                Map<String, Tensor> inputs = w.inputs(dtype);
                assertEquals(spec.loss().requiredInputs(), inputs.keySet().stream().toList(), w.id());
                for (String name : spec.loss().differentiableInputs()) {
                    assertEquals(dtype, inputs.get(name).dtype(), w.id() + " " + name);
                    assertArrayEquals(w.shape(), inputs.get(name).shape(), w.id() + " " + name);
                }
            }
        }
    }

    @Test
    void inputsAreTheSameOnEveryCall() {
        for (Workload w : Workload.values()) {
            Map<String, Tensor> a = w.inputs(DType.FLOAT32);
            Map<String, Tensor> b = w.inputs(DType.FLOAT32);
            for (String name : a.keySet()) {
                assertTrue(a.get(name).bitEquals(b.get(name)), w.id() + " " + name);
            }
        }
    }

    @Test
    void sparseLabelsAreValidClassIndices() {
        Tensor labels = Workload.SPARSE_CE_32X1000.inputs(DType.FLOAT32).get("target");
        assertArrayEquals(new long[] {32}, labels.shape());
        for (long label : labels.toLongArray()) {
            assertTrue(label >= 0 && label < 1000, "label " + label);
        }
    }

    @Test
    void theLargeWorkloadHasAMillionElements() {
        assertEquals(1_000_000, Workload.MSE_1M.elementCount());
    }
}
