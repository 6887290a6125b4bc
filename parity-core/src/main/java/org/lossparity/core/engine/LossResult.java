package org.lossparity.core.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.tensor.Tensor;

/**
 * What an engine computed for one spec on one case.
 *
 * @param value     scalar for sum/mean-like reductions, per element or per sample for {@code none}
 * @param gradients gradient of the value (of its sum, for {@code none}) with respect to each named input
 * @param notes     how it was computed, e.g. {@code path=arbitrary-precision} or {@code path=fast-double}
 */
public record LossResult(Tensor value, Map<String, Tensor> gradients, Map<String, String> notes) {

    public LossResult {
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public static LossResult of(Tensor value, Map<String, Tensor> gradients) {
        return new LossResult(value, gradients, Map.of());
    }
}
