package org.lossparity.engine.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.Tensor;

/**
 * One evaluation with gradients through libtorch autograd: the inputs become fresh NDArrays in a sub-manager
 * (fresh arrays, so no gradient from an earlier evaluation can accumulate into this one), the differentiable ones
 * require gradients, the loss runs inside a {@link GradientCollector}, and backward starts from ones shaped like
 * the value (the gradient of the sum for reduction none). Everything native is freed when the sub-manager closes.
 */
final class GradientRun {

    /** The loss as NDArray code: receives every input by name, returns the reduced value. */
    @FunctionalInterface
    interface LossFunction {
        NDArray apply(Map<String, NDArray> inputs) throws EngineException;
    }

    private GradientRun() {}

    /**
     * Runs backward; returns false when libtorch finds no autograd path from the value to any input (the value
     * is constant in them, e.g. a DJL loss that drops the prediction), in which case every gradient is zero.
     */
    private static boolean backward(GradientCollector collector, NDArray value) {
        try {
            collector.backward(value);
            return true;
        } catch (ai.djl.engine.EngineException e) {
            if (String.valueOf(e.getMessage()).contains("does not require grad")) {
                return false;
            }
            throw e;
        }
    }

    static LossResult evaluate(NDManager parent, LossSpec spec, Map<String, Tensor> inputs, LossFunction loss,
                               Map<String, String> notes) throws EngineException {
        try (NDManager manager = parent.newSubManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                NDArray a = NdTensors.toNd(manager, e.getValue());
                if (spec.loss().differentiableInputs().contains(e.getKey())) {
                    a.setRequiresGradient(true);
                }
                arrays.put(e.getKey(), a);
            }
            Tensor value;
            boolean dependsOnInputs;
            Map<String, Tensor> gradients = new LinkedHashMap<>();
            // A collector is process-wide in DJL (only one may collect at a time); it is closed before returning.
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray v = loss.apply(arrays);
                value = NdTensors.fromNd(v, spec.dtype(), "the loss value");
                dependsOnInputs = backward(collector, v);
            }
            for (String name : spec.loss().differentiableInputs()) {
                NDArray input = arrays.get(name);
                if (input == null) {
                    throw new EngineException("input '" + name + "' is missing");
                }
                // A value that does not depend on an input (no autograd path) has a zero gradient with respect to it.
                NDArray gradient = dependsOnInputs ? input.getGradient() : input.zerosLike();
                gradients.put(name, NdTensors.fromNd(gradient, spec.dtype(), "the gradient w.r.t. " + name));
            }
            return new LossResult(value, gradients, notes);
        } catch (RuntimeException e) {
            // DJL and libtorch report shape and argument errors as runtime exceptions with libtorch's message.
            throw new EngineException(spec.displayName() + " failed in libtorch: " + e.getMessage(), e);
        }
    }
}
