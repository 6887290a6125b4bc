package org.lossparity.core.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.tensor.DType;

/**
 * Who computed a number.
 *
 * @param name        provider name, e.g. {@code pytorch}
 * @param convention  the convention whose specs the engine evaluates natively
 * @param library     Java library and version, e.g. {@code DJL 0.36.0}
 * @param runtime     native runtime and version, e.g. {@code libtorch 2.7.1}; "pure Java" for the reference
 * @param dtypes      dtypes it computes in
 * @param threads     intra-op threads used (0 when not applicable)
 * @param details     anything else worth recording (inter-op threads, CPU capability, deterministic ops)
 */
public record EngineIdentity(String name, Convention convention, String library, String runtime, Set<DType> dtypes,
                             int threads, Map<String, String> details) {

    public EngineIdentity {
        dtypes = Set.copyOf(dtypes);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
