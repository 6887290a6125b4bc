package org.lossparity.engine.tensorflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Shared helpers: one engine per test class, spec and tensor shorthands. */
final class EngineFixture {
    static final DType F64 = DType.FLOAT64;
    static final DType F32 = DType.FLOAT32;

    private EngineFixture() {}

    static TensorFlowEngine start() {
        try {
            return (TensorFlowEngine) new TensorFlowEngineProvider().create(EngineConfig.of(Map.of()));
        } catch (EngineUnavailableException e) {
            throw new AssertionError("the TensorFlow engine must start in this build: " + e.getMessage(), e);
        }
    }

    static LossSpec keras(LossKind loss, Reduction reduction, DType dtype, Object... params) {
        return LossSpec.of(loss, map(params), reduction, Convention.KERAS, dtype);
    }

    static LossSpec torch(LossKind loss, Reduction reduction, DType dtype, Object... params) {
        return LossSpec.of(loss, map(params), reduction, Convention.PYTORCH, dtype);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Tensor t(DType dtype, long[] shape, double... values) {
        return Tensor.ofFloats(dtype, shape, values);
    }

    static long[] shape(long... dims) {
        return dims;
    }

    static Tensor labels(long[] shape, long... values) {
        return Tensor.ofInt64(shape, values);
    }

    static Map<String, Tensor> inputs(Object... nameTensor) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTensor.length; i += 2) {
            m.put((String) nameTensor[i], (Tensor) nameTensor[i + 1]);
        }
        return m;
    }
}
