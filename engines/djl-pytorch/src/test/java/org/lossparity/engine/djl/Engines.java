package org.lossparity.engine.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Test helpers: engines started the way the suite starts them, tensors and specs in one line. */
final class Engines {
    private Engines() {}

    static EngineConfig config(int threads) {
        return EngineConfig.of(Map.of(EngineConfig.THREADS, Integer.toString(threads)));
    }

    static LossEngine pytorch() throws EngineUnavailableException {
        return new PytorchEngineProvider().create(config(1));
    }

    static LossEngine djl() throws EngineUnavailableException {
        return new DjlEngineProvider().create(config(1));
    }

    static Tensor t(DType dtype, long[] shape, double... values) {
        return Tensor.ofFloats(dtype, shape, values);
    }

    static Tensor f64(long[] shape, double... values) {
        return t(DType.FLOAT64, shape, values);
    }

    static long[] shape(long... dims) {
        return dims;
    }

    static LossSpec spec(LossKind loss, Map<String, ?> params, Reduction reduction, DType dtype) {
        return LossSpec.of(loss, params, reduction, Convention.PYTORCH, dtype);
    }

    static Map<String, Tensor> inputs(Object... nameTensorPairs) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTensorPairs.length; i += 2) {
            m.put((String) nameTensorPairs[i], (Tensor) nameTensorPairs[i + 1]);
        }
        return m;
    }

    static double scalar(LossResult r) {
        if (r.value().size() != 1) {
            throw new AssertionError("expected a scalar, got " + r.value());
        }
        return r.value().getDouble(0);
    }

    /**
     * Central finite differences of the engine's own float64 value (summed for reduction none) with respect to
     * each element of one input.
     */
    static double[] numericGradient(LossEngine engine, LossSpec spec, Map<String, Tensor> inputs, String input)
            throws EngineException {
        Tensor x = inputs.get(input);
        double[] base = x.toDoubleArray();
        double[] g = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(base[i]));
            g[i] = (total(engine, spec, inputs, input, x, base, i, h) - total(engine, spec, inputs, input, x, base, i, -h))
                    / (2 * h);
        }
        return g;
    }

    private static double total(LossEngine engine, LossSpec spec, Map<String, Tensor> inputs, String input, Tensor x,
                                double[] base, int i, double h) throws EngineException {
        double[] moved = base.clone();
        moved[i] += h;
        Map<String, Tensor> m = new LinkedHashMap<>(inputs);
        m.put(input, Tensor.ofFloats(DType.FLOAT64, x.shape(), moved));
        double sum = 0;
        for (double v : engine.evaluate(spec, m).value().toDoubleArray()) {
            sum += v;
        }
        return sum;
    }
}
