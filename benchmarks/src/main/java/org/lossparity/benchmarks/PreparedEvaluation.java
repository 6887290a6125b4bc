package org.lossparity.benchmarks;

import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * A started engine with one workload's spec and inputs, checked to evaluate once: what a benchmark repeats.
 * Closing it closes the engine.
 */
public final class PreparedEvaluation implements AutoCloseable {
    private final OpenEngine open;
    private final LossSpec spec;
    private final Map<String, Tensor> inputs;
    private final LossResult first;

    private PreparedEvaluation(OpenEngine open, LossSpec spec, Map<String, Tensor> inputs, LossResult first) {
        this.open = open;
        this.spec = spec;
        this.inputs = inputs;
        this.first = first;
    }

    /**
     * @throws OpenEngine.EngineNotUsableException when the engine is absent, cannot start, does not support the
     *         spec or fails on it; the message names the engine, the spec and the reason
     */
    public static PreparedEvaluation prepare(String engine, Workload workload, DType dtype) {
        LossSpec spec = workload.spec(dtype);
        Map<String, Tensor> inputs = workload.inputs(dtype);
        OpenEngine open = OpenEngine.start(engine);
        try {
            return new PreparedEvaluation(open, spec, inputs, open.prepare(spec, inputs));
        } catch (RuntimeException e) {
            open.close();
            throw e;
        }
    }

    public LossResult evaluate() throws EngineException {
        return open.engine().evaluate(spec, inputs);
    }

    public LossSpec spec() {
        return spec;
    }

    public LossEngine engine() {
        return open.engine();
    }

    /** The result of the checking evaluation (its notes say which path the reference took, for example). */
    public LossResult firstResult() {
        return first;
    }

    @Override
    public void close() {
        open.close();
    }
}
