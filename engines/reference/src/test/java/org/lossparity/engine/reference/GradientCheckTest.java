package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Analytic gradients against central finite differences of the reference's own float64 value, as
 * torch.autograd.gradcheck does: every loss, both conventions, every reduction, with and without weights, and
 * the parameters that change the formula.
 */
class GradientCheckTest {
    private static final ReferenceEngine ENGINE = Fixtures.engine();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (LossKind kind : LossKind.values()) {
            for (Convention convention : Convention.values()) {
                for (Map<String, Object> params : variants(kind, convention)) {
                    for (Reduction reduction : Reduction.values()) {
                        if (!reduction.definedIn(convention)) {
                            continue;
                        }
                        boolean divergence = kind == LossKind.KL_DIV || kind == LossKind.DISTILLATION_KL;
                        if (reduction == Reduction.BATCHMEAN && !divergence) {
                            continue;
                        }
                        for (boolean weighted : new boolean[] {false, true}) {
                            if (weighted && kind == LossKind.TRIPLET_MARGIN) {
                                continue;
                            }
                            LossSpec spec = LossSpec.of(kind, params, reduction, convention, DType.FLOAT64);
                            out.add(Arguments.of(spec, weighted));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    private static List<Map<String, Object>> variants(LossKind kind, Convention convention) {
        boolean keras = convention == Convention.KERAS;
        return switch (kind) {
            case HUBER, CUSTOM_HUBER -> List.of(Map.of(), Map.of("delta", 0.7));
            case SMOOTH_L1 -> List.of(Map.of("beta", 0.6), Map.of("beta", 0.0));
            case BCE, BCE_WITH_LOGITS -> keras ? List.of(Map.of(), Map.of("label_smoothing", 0.2)) : List.of(Map.of());
            case SPARSE_CATEGORICAL_CE -> keras
                    ? List.of(Map.of(), Map.of("from_logits", false))
                    : List.of(Map.of(), Map.of("label_smoothing", 0.15, "ignore_index", 2));
            case CATEGORICAL_CE -> keras
                    ? List.of(Map.of("label_smoothing", 0.1), Map.of("from_logits", false, "label_smoothing", 0.1))
                    : List.of(Map.of(), Map.of("label_smoothing", 0.2));
            case KL_DIV -> keras ? List.of(Map.of()) : List.of(Map.of(), Map.of("log_target", true));
            case DISTILLATION_KL -> List.of(Map.of("temperature", 2.5));
            case TRIPLET_MARGIN -> List.of(Map.of("margin", 3.0), Map.of("margin", 3.0, "p", 1.0),
                    Map.of("margin", 3.0, "p", 3.0, "swap", true));
            default -> List.of(Map.of());
        };
    }

    @ParameterizedTest(name = "{0} weighted={1}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(LossSpec spec, boolean weighted) throws Exception {
        Map<String, Tensor> inputs = Fixtures.randomInputs(spec, 2, 3, spec.displayName().hashCode() + (weighted ? 1 : 0),
                weighted);
        LossResult result = ENGINE.evaluate(spec, inputs);
        assertEquals("arbitrary-precision", result.notes().get("path"), "path for " + spec);
        for (String input : spec.loss().differentiableInputs()) {
            Tensor analytic = result.gradients().get(input);
            Tensor x = inputs.get(input);
            for (int i = 0; i < x.size(); i++) {
                double h = 1e-6 * Math.max(1, Math.abs(x.getDouble(i)));
                double numeric = (total(spec, inputs, input, i, h) - total(spec, inputs, input, i, -h)) / (2 * h);
                double a = analytic.getDouble(i);
                String where = x.indexOf(i);
                assertTrue(Math.abs(a - numeric) <= 1e-8 + 1e-6 * Math.abs(numeric),
                        () -> spec + " d/d" + input + where + ": analytic " + Numbers.format(a, DType.FLOAT64) + " vs central difference "
                                + Numbers.format(numeric, DType.FLOAT64));
            }
        }
    }

    /** The value (summed over elements for reduction none) with element i of one input moved by h. */
    private static double total(LossSpec spec, Map<String, Tensor> inputs, String input, int i, double h)
            throws Exception {
        Map<String, Tensor> moved = new LinkedHashMap<>(inputs);
        double[] v = inputs.get(input).toDoubleArray();
        v[i] += h;
        moved.put(input, Tensor.ofFloats(DType.FLOAT64, inputs.get(input).shape(), v));
        Tensor value = ENGINE.evaluate(spec, moved).value();
        double s = 0;
        for (int k = 0; k < value.size(); k++) {
            s += value.getDouble(k);
        }
        return s;
    }
}
