package org.lossparity.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.tensor.Tensor;

/**
 * A spec translated into the other convention, with how the case's inputs are translated. Translating inputs is
 * exp or log of every element with StrictMath (so every JVM gets the same bits, and they match the generator's
 * log-space fixtures), rounded once to the dtype; gradients are translated back with the
 * chain rule so that both sides can be compared with respect to the source spec's inputs.
 *
 * @param source     the spec as written
 * @param spec       the same loss in the other convention
 * @param prediction how the prediction tensor is re-expressed for {@code spec}
 * @param target     how the target tensor is re-expressed for {@code spec}
 */
public record Counterpart(LossSpec source, LossSpec spec, Transform prediction, Transform target) {

    /** An element-wise re-expression of an input. */
    public enum Transform {
        IDENTITY, EXP, LOG;

        Tensor apply(Tensor t) {
            if (this == IDENTITY) {
                return t;
            }
            double[] v = t.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = this == EXP ? StrictMath.exp(v[i]) : StrictMath.log(v[i]);
            }
            return Tensor.ofFloats(t.dtype(), t.shape(), v);
        }
    }

    /** The case's inputs as the counterpart expects them. */
    public Map<String, Tensor> adaptInputs(Map<String, Tensor> inputs) {
        Map<String, Tensor> out = new LinkedHashMap<>(inputs);
        if (inputs.containsKey(Inputs.PREDICTION)) {
            out.put(Inputs.PREDICTION, prediction.apply(inputs.get(Inputs.PREDICTION)));
        }
        if (inputs.containsKey(Inputs.TARGET)) {
            out.put(Inputs.TARGET, target.apply(inputs.get(Inputs.TARGET)));
        }
        return out;
    }

    /**
     * Maps a gradient taken with respect to the counterpart's prediction back to the source's prediction
     * (d/dx = d/du · du/dx with u = transform(x)). Other inputs pass through.
     */
    public Tensor gradientForSource(String input, Tensor gradientWrtCounterpart, Map<String, Tensor> sourceInputs) {
        if (!Inputs.PREDICTION.equals(input) || prediction == Transform.IDENTITY) {
            return gradientWrtCounterpart;
        }
        double[] g = gradientWrtCounterpart.toDoubleArray();
        Tensor x = sourceInputs.get(Inputs.PREDICTION);
        for (int i = 0; i < g.length; i++) {
            double xi = x.getDouble(i);
            g[i] = prediction == Transform.EXP ? g[i] * StrictMath.exp(xi) : g[i] / xi;
        }
        return Tensor.ofFloats(gradientWrtCounterpart.dtype(), gradientWrtCounterpart.shape(), g);
    }

    static Optional<Counterpart> of(LossSpec source, Convention target) {
        if (source.convention() == target) {
            return Optional.of(new Counterpart(source, source, Transform.IDENTITY, Transform.IDENTITY));
        }
        LossKind loss = source.loss();
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamDef def : loss.params()) {
            Object value = source.params().asMap().get(def.name());
            if (def.name().equals("from_logits") || def.name().equals("log_target")) {
                // Expressed by transforming the inputs below, not as a parameter.
                continue;
            }
            if (def.conventions().contains(target)) {
                params.put(def.name(), value);
            } else if (!value.equals(def.defaultValue())) {
                return Optional.empty();
            }
        }
        Transform prediction = Transform.IDENTITY;
        Transform targetTransform = Transform.IDENTITY;
        if (loss == LossKind.KL_DIV) {
            if (target == Convention.KERAS) {
                prediction = Transform.EXP;
                if (source.params().getBoolean("log_target")) {
                    targetTransform = Transform.EXP;
                }
                params.remove("log_target");
            } else {
                prediction = Transform.LOG;
            }
        }
        if (loss.param("from_logits") != null) {
            if (target == Convention.PYTORCH && !source.params().getBoolean("from_logits")) {
                // PyTorch's cross_entropy on log p is exactly the cross-entropy of p renormalised per row.
                prediction = Transform.LOG;
            }
            params.put("from_logits", true);
        }
        Reduction reduction = mapReduction(source, target);
        if (reduction == null) {
            return Optional.empty();
        }
        SampleWeighting weighting = target == Convention.KERAS
                ? SampleWeighting.DIVIDE_BY_COUNT : source.weighting();
        LossSpec spec = new LossSpec(loss, Params.of(loss, params), reduction, weighting, target, source.dtype());
        return Optional.of(new Counterpart(source, spec, prediction, targetTransform));
    }

    private static Reduction mapReduction(LossSpec source, Convention target) {
        Reduction r = source.reduction();
        boolean divergence = source.loss() == LossKind.KL_DIV || source.loss() == LossKind.DISTILLATION_KL;
        if (target == Convention.KERAS) {
            return switch (r) {
                case NONE, SUM -> r;
                case MEAN -> divergence ? null : Reduction.SUM_OVER_BATCH_SIZE;
                case BATCHMEAN -> Reduction.SUM_OVER_BATCH_SIZE;
                case SUM_OVER_BATCH_SIZE -> r;
            };
        }
        return switch (r) {
            case NONE, SUM, MEAN, BATCHMEAN -> r;
            case SUM_OVER_BATCH_SIZE -> divergence ? Reduction.BATCHMEAN : Reduction.MEAN;
        };
    }
}
