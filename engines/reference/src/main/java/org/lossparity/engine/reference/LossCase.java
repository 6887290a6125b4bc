package org.lossparity.engine.reference;

import java.util.Arrays;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.InputCheck;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * One spec and the case's inputs, checked against each other (names, shapes, dtypes, label ranges) before any
 * arithmetic, so that every error names the input at fault. Also holds the convention's constants as the
 * frameworks materialise them in the dtype.
 */
final class LossCase {
    /** Keras' fuzz factor: the float32 value of 1e-7, used as is even in float64. */
    static final double KERAS_EPSILON = (double) 1e-7f;
    /** PyTorch's BCE backward denominator floor: a float constant 1e-12 converted to the dtype. */
    static final double TORCH_BCE_GRAD_EPSILON = (double) 1e-12f;

    private final LossSpec spec;
    private final Map<String, Tensor> inputs;

    private LossCase(LossSpec spec, Map<String, Tensor> inputs) {
        this.spec = spec;
        this.inputs = inputs;
    }

    static LossCase of(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        LossCase c = new LossCase(spec, Map.copyOf(inputs));
        c.validate();
        return c;
    }

    LossSpec spec() {
        return spec;
    }

    LossKind loss() {
        return spec.loss();
    }

    Convention convention() {
        return spec.convention();
    }

    boolean keras() {
        return spec.convention() == Convention.KERAS;
    }

    DType dtype() {
        return spec.dtype();
    }

    boolean has(String name) {
        return inputs.containsKey(name);
    }

    Tensor input(String name) {
        return inputs.get(name);
    }

    long[] shape(String name) {
        return inputs.get(name).shape();
    }

    int size(String name) {
        return inputs.get(name).size();
    }

    double value(String name, int i) {
        return inputs.get(name).getDouble(i);
    }

    long label(int i) {
        return inputs.get(Inputs.TARGET).getLong(i);
    }

    double param(String name) {
        return spec.params().getDouble(name);
    }

    boolean flag(String name) {
        return spec.params().getBoolean(name);
    }

    /** A parameter or constant as the framework holds it: rounded to the dtype. */
    double inDtype(double value) {
        return spec.dtype().round(value);
    }

    /** Keras' upper clip bound 1 - ε, computed in the dtype as TensorFlow does. */
    double kerasOneMinusEpsilon() {
        return inDtype(1.0 - KERAS_EPSILON);
    }

    /** Size of the last (class / feature) axis of the prediction; 1 for a scalar. */
    int lastDim() {
        long[] s = shape(Inputs.PREDICTION);
        return s.length == 0 ? 1 : (int) s[s.length - 1];
    }

    /** The largest input, which decides between the exact and the fast path. */
    int largestInput() {
        int n = 0;
        for (Tensor t : inputs.values()) {
            n = Math.max(n, t.size());
        }
        return n;
    }

    private void validate() throws EngineException {
        LossKind loss = spec.loss();
        for (String required : loss.requiredInputs()) {
            if (!inputs.containsKey(required)) {
                throw new EngineException(loss.id() + " needs input '" + required + "' (got " + inputs.keySet() + ")");
            }
        }
        for (String name : inputs.keySet()) {
            if (!loss.requiredInputs().contains(name) && !loss.optionalInputs().contains(name)) {
                throw new EngineException(loss.id() + " does not take input '" + name + "' (it takes "
                        + loss.requiredInputs() + " and optionally " + loss.optionalInputs() + ")");
            }
        }
        InputCheck.requireDtypes(spec, inputs);
        if (keras() && (has(Inputs.POS_WEIGHT) || has(Inputs.CLASS_WEIGHT))) {
            throw new EngineException("input '" + (has(Inputs.POS_WEIGHT) ? Inputs.POS_WEIGHT : Inputs.CLASS_WEIGHT)
                    + "' has no meaning in the keras convention (Keras losses take only sample_weight)");
        }
        if (loss == LossKind.TRIPLET_MARGIN) {
            long[] a = shape(Inputs.ANCHOR);
            for (String other : new String[] {Inputs.POSITIVE, Inputs.NEGATIVE}) {
                requireShape(other, a, "the anchor");
            }
            if (a.length == 0) {
                throw new EngineException("triplet_margin needs embeddings of rank >= 1, got a scalar anchor");
            }
            return;
        }
        long[] p = shape(Inputs.PREDICTION);
        if (loss.family() == LossKind.Family.MULTICLASS || loss == LossKind.DISTILLATION_KL) {
            if (p.length == 0 || p[p.length - 1] == 0) {
                throw new EngineException(loss.id() + " needs a prediction with a non-empty class axis (last), got "
                        + Arrays.toString(p));
            }
        }
        if (loss.hasIntegerTarget()) {
            requireShape(Inputs.TARGET, Arrays.copyOf(p, p.length - 1), "the prediction without its class axis");
            checkLabels();
        } else {
            requireShape(Inputs.TARGET, p, "the prediction");
        }
        int classes = lastDim();
        if (has(Inputs.POS_WEIGHT)) {
            int n = size(Inputs.POS_WEIGHT);
            if (shape(Inputs.POS_WEIGHT).length > 1 || (n != 1 && n != classes)) {
                throw new EngineException("input 'pos_weight' must have shape [] or [1] or [" + classes
                        + "] (broadcast over the last axis), got " + Arrays.toString(shape(Inputs.POS_WEIGHT)));
            }
        }
        if (has(Inputs.CLASS_WEIGHT)) {
            long[] w = shape(Inputs.CLASS_WEIGHT);
            if (w.length != 1 || w[0] != classes) {
                throw new EngineException("input 'class_weight' must have shape [" + classes + "], got "
                        + Arrays.toString(w));
            }
        }
    }

    private void checkLabels() throws EngineException {
        int classes = lastDim();
        long ignore = keras() ? Long.MIN_VALUE : spec.params().getLong("ignore_index");
        Tensor t = inputs.get(Inputs.TARGET);
        for (int i = 0; i < t.size(); i++) {
            long y = t.getLong(i);
            if (y != ignore && (y < 0 || y >= classes)) {
                throw new EngineException("input 'target' holds label " + y + " at " + t.indexOf(i)
                        + ", outside [0, " + classes + ")" + (keras() ? "" : " and not ignore_index " + ignore));
            }
        }
    }

    private void requireShape(String name, long[] expected, String what) throws EngineException {
        if (!Arrays.equals(shape(name), expected)) {
            throw new EngineException("input '" + name + "' of " + spec.loss().id() + " must have the shape of " + what
                    + " " + Arrays.toString(expected) + ", got " + Arrays.toString(shape(name)));
        }
    }
}
