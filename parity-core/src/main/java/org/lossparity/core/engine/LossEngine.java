package org.lossparity.core.engine;

import java.util.Map;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.Tensor;

/**
 * A live engine that computes losses. Created by a {@link LossEngineProvider}; owns native resources until
 * {@link #close()}. Implementations must be usable from one thread at a time; the runner never shares one
 * across threads.
 */
public interface LossEngine extends AutoCloseable {

    /** Who computed the numbers: library and native versions, threads, dtypes. Stable for the engine's life. */
    EngineIdentity identity();

    /** Whether this engine can evaluate the spec at all, and if not, why. Must not throw. */
    Support supports(LossSpec spec);

    /**
     * Evaluates the spec on the inputs (named as in {@link org.lossparity.core.spec.Inputs}), returning the
     * value and the gradient of the value with respect to each of {@code spec.loss().differentiableInputs()}
     * that the engine can differentiate. For reduction {@code none} the gradient is that of the sum of the
     * values.
     *
     * @throws EngineException when the engine fails on this case; the run continues with other cases
     */
    LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException;

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
