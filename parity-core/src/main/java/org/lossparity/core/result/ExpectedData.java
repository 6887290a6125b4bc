package org.lossparity.core.result;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hand-verified values a fixture case carries, as the report keeps them ({@link TensorData}), and where they come
 * from (a closed form, a worked example, ...).
 *
 * @param value     the expected loss value, if given
 * @param gradients expected gradients by input name, sorted
 * @param source    how the values were obtained
 */
public record ExpectedData(Optional<TensorData> value, Map<String, TensorData> gradients, String source) {
    public ExpectedData {
        gradients = Collections.unmodifiableMap(new TreeMap<>(gradients));
        source = source == null ? "" : source;
    }
}
