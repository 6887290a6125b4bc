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
 * @param convention  the convention whose specs the engine evaluates natively (the first of {@code conventions})
 * @param library     Java library and version, e.g. {@code DJL 0.36.0}
 * @param runtime     native runtime and version, e.g. {@code libtorch 2.7.1}; "pure Java" for the reference
 * @param dtypes      dtypes it computes in
 * @param threads     intra-op threads used (0 when not applicable)
 * @param details     anything else worth recording (inter-op threads, CPU capability, deterministic ops)
 * @param conventions every convention whose specs it evaluates natively (the reference: both)
 */
public record EngineIdentity(String name, Convention convention, String library, String runtime, Set<DType> dtypes,
                             int threads, Map<String, String> details, Set<Convention> conventions) {

    public EngineIdentity {
        dtypes = Set.copyOf(dtypes);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        java.util.EnumSet<Convention> all = java.util.EnumSet.of(convention);
        all.addAll(conventions);
        conventions = java.util.Collections.unmodifiableSet(all);
    }

    /** An engine that evaluates one convention natively. */
    public EngineIdentity(String name, Convention convention, String library, String runtime, Set<DType> dtypes,
                          int threads, Map<String, String> details) {
        this(name, convention, library, runtime, dtypes, threads, details, Set.of(convention));
    }

    /** "pytorch", or "pytorch, keras" for an engine that evaluates both. */
    public String conventionsText() {
        return String.join(", ", conventions.stream().map(Convention::jsonName).toList());
    }
}
