package org.lossparity.core.run;

import java.util.EnumSet;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * Test-only engines for the runner's classification tests. They are NOT engines of the product: each computes
 * MSE and BCE (mean or sum, value only) from the formulas of the core javadoc in plain double, optionally
 * distorted on purpose, so the tests know in advance which verdict each comparison must get.
 */
final class TestEngines {
    private TestEngines() {}

    /** Plain-double MSE/BCE in the given convention(s), with the result passed through {@code distort}. */
    static final class FormulaTestEngine implements LossEngine {
        private final String name;
        private final Convention convention;
        private final DoubleUnaryOperator distort;

        FormulaTestEngine(String name, Convention convention, DoubleUnaryOperator distort) {
            this.name = name;
            this.convention = convention;
            this.distort = distort;
        }

        @Override
        public EngineIdentity identity() {
            return new EngineIdentity(name, convention, "test " + name, "plain Java", EnumSet.of(DType.FLOAT32, DType.FLOAT64),
                    0, Map.of());
        }

        @Override
        public Support supports(LossSpec spec) {
            if (spec.loss() != LossKind.MSE && spec.loss() != LossKind.BCE) {
                return Support.no("test engine computes mse and bce only");
            }
            // The reference-like engine evaluates both conventions; the others only their own.
            if (!name.equals(ParityRunner.REFERENCE) && spec.convention() != convention) {
                return Support.no("test engine " + name + " evaluates the " + convention + " convention only");
            }
            return Support.yes();
        }

        @Override
        public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) {
            double v = TestEngines.value(spec, inputs.get(Inputs.PREDICTION), inputs.get(Inputs.TARGET));
            return LossResult.of(Tensor.scalar(spec.dtype(), distort.applyAsDouble(v)), Map.of());
        }

        @Override
        public void close() {}
    }

    /** Always throws from evaluate, as a crashing native engine would. */
    static final class ThrowingTestEngine implements LossEngine {
        @Override
        public EngineIdentity identity() {
            return new EngineIdentity("throwing", Convention.PYTORCH, "test", "none", EnumSet.of(DType.FLOAT32), 0, Map.of());
        }

        @Override
        public Support supports(LossSpec spec) {
            return Support.yes();
        }

        @Override
        public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
            throw new EngineException("deliberate test failure", new IllegalStateException("native crash stand-in"));
        }

        @Override
        public void close() {}
    }

    /** Handles every spec but refuses cases with a sample_weight input, as DJL's Loss classes do. */
    static final class NoWeightsTestEngine implements LossEngine {
        @Override
        public EngineIdentity identity() {
            return new EngineIdentity("noweights", Convention.PYTORCH, "test", "none", EnumSet.of(DType.FLOAT64), 0, Map.of());
        }

        @Override
        public Support supports(LossSpec spec) {
            return Support.yes();
        }

        @Override
        public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
            if (inputs.containsKey(Inputs.SAMPLE_WEIGHT)) {
                throw new org.lossparity.core.engine.UnsupportedCaseException("test engine takes no sample_weight");
            }
            return LossResult.of(Tensor.scalar(spec.dtype(), 0), Map.of());
        }

        @Override
        public void close() {}
    }

    /** MSE or BCE, reduced as the spec says (mean / sum / sum_over_batch_size) over a rank-2 input. */
    static double value(LossSpec spec, Tensor p, Tensor y) {
        double sum = 0;
        int n = p.size();
        for (int i = 0; i < n; i++) {
            sum += element(spec, p.getDouble(i), y.getDouble(i));
        }
        double perSampleFactor = 1;
        if (spec.convention() == Convention.KERAS && spec.reduction() == Reduction.SUM) {
            // Keras: mean over the last axis first.
            perSampleFactor = 1.0 / p.dim(p.rank() - 1);
        }
        return switch (spec.reduction()) {
            case SUM -> sum * perSampleFactor;
            case MEAN, SUM_OVER_BATCH_SIZE -> sum / n;
            default -> throw new IllegalArgumentException("test engine: reduction " + spec.reduction());
        };
    }

    private static double element(LossSpec spec, double p, double y) {
        if (spec.loss() == LossKind.MSE) {
            return (p - y) * (p - y);
        }
        if (spec.convention() == Convention.PYTORCH) {
            return -(y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log(1 - p), -100));
        }
        double eps = (double) 1e-7f;
        double c = Math.min(Math.max(p, eps), 1 - eps);
        return -(y * Math.log(c + eps) + (1 - y) * Math.log(1 - c + eps));
    }
}
