package org.lossparity.core.spec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lossparity.core.tensor.DType;

/**
 * One loss as a user means it: which loss, its parameters, how it reduces, how sample weights count, whose
 * convention defines it, and the floating dtype it is computed in. Immutable; validated on construction.
 */
public record LossSpec(LossKind loss, Params params, Reduction reduction, SampleWeighting weighting,
                       Convention convention, DType dtype) {

    public LossSpec {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(weighting, "weighting");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("a loss is computed in float32 or float64, not " + dtype);
        }
        if (!reduction.definedIn(convention)) {
            throw new IllegalArgumentException("reduction '" + reduction + "' is not defined in the " + convention
                    + " convention");
        }
        if (reduction == Reduction.BATCHMEAN && loss != LossKind.KL_DIV && loss != LossKind.DISTILLATION_KL) {
            throw new IllegalArgumentException("reduction 'batchmean' applies to kl_div and distillation_kl only");
        }
        for (ParamDef def : loss.params()) {
            Object value = params.asMap().get(def.name());
            if (!def.conventions().contains(convention) && !value.equals(def.defaultValue())) {
                throw new IllegalArgumentException("parameter '" + def.name() + "' of " + loss.id()
                        + " has no meaning in the " + convention + " convention; leave it at " + def.defaultValue());
            }
        }
        if (convention == Convention.PYTORCH && loss.param("from_logits") != null && !params.getBoolean("from_logits")) {
            throw new IllegalArgumentException("PyTorch's " + loss.id() + " always takes logits; from_logits=false "
                    + "is a Keras spec");
        }
        checkRanges(loss, params);
    }

    private static void checkRanges(LossKind loss, Params params) {
        for (String positive : new String[] {"delta", "temperature", "p"}) {
            if (loss.param(positive) != null && !(params.getDouble(positive) > 0)) {
                throw new IllegalArgumentException("parameter '" + positive + "' of " + loss.id() + " must be > 0");
            }
        }
        if (loss.param("beta") != null && params.getDouble("beta") < 0) {
            throw new IllegalArgumentException("parameter 'beta' of " + loss.id() + " must be >= 0");
        }
        if (loss.param("label_smoothing") != null) {
            double ls = params.getDouble("label_smoothing");
            if (ls < 0 || ls > 1) {
                throw new IllegalArgumentException("parameter 'label_smoothing' must lie in [0, 1], got " + ls);
            }
        }
    }

    /** Convenience for code and tests: parameters by name, defaults for the rest. */
    public static LossSpec of(LossKind loss, Map<String, ?> params, Reduction reduction, Convention convention,
                              DType dtype) {
        SampleWeighting weighting = convention == Convention.KERAS
                ? SampleWeighting.DIVIDE_BY_COUNT : SampleWeighting.DIVIDE_BY_WEIGHT_SUM;
        return new LossSpec(loss, Params.of(loss, params), reduction, weighting, convention, dtype);
    }

    public LossSpec withDtype(DType other) {
        return new LossSpec(loss, params, reduction, weighting, convention, other);
    }

    public LossSpec withReduction(Reduction other) {
        return new LossSpec(loss, params, other, weighting, convention, dtype);
    }

    /**
     * The loss a user of the other framework would call for the same purpose, with the inputs it expects
     * (for example PyTorch's KL on log-probabilities is Keras' KL on probabilities). Empty when the other
     * convention has no such loss (a parameter it cannot express, a reduction without an equivalent).
     */
    public Optional<Counterpart> counterpartIn(Convention target) {
        return Counterpart.of(this, target);
    }

    /** Human-readable, stable: {@code huber(delta=1.0) mean float32 pytorch}. */
    public String displayName() {
        StringBuilder sb = new StringBuilder(loss.id());
        if (!params.asMap().isEmpty()) {
            sb.append('(').append(params).append(')');
        }
        sb.append(' ').append(reduction).append(' ').append(dtype).append(' ').append(convention);
        return sb.toString();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
