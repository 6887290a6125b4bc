package org.lossparity.core.engine;

import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * Checks every engine applies before evaluating, so that a wrong input is refused the same way everywhere
 * instead of being converted by one engine, accepted by another and rejected by a third.
 */
public final class InputCheck {

    private InputCheck() {}

    /**
     * Class labels (the target of a loss with integer targets) must be int64; every other input must have the
     * spec's floating dtype. A float32 input for a float64 spec is refused rather than widened: widening would
     * compare a different problem (the float32 rounding of the data) under the float64 tolerance.
     *
     * @throws EngineException naming the first input whose dtype is wrong, its dtype and the expected one
     */
    public static void requireDtypes(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            DType expected = expectedDtype(spec, e.getKey());
            DType actual = e.getValue().dtype();
            if (actual != expected) {
                boolean labels = expected == DType.INT64;
                throw new EngineException("input '" + e.getKey() + "' of " + spec.displayName() + " must be "
                        + (labels ? "int64 class labels" : expected + " (the spec's dtype)") + ", got " + actual);
            }
        }
    }

    /** int64 for class labels, the spec's dtype for everything else. */
    public static DType expectedDtype(LossSpec spec, String input) {
        return Inputs.TARGET.equals(input) && spec.loss().hasIntegerTarget() ? DType.INT64 : spec.dtype();
    }
}
