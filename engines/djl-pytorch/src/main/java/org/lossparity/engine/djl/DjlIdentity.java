package org.lossparity.engine.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.tensor.DType;

/** The identity both engines of this module report: DJL and libtorch versions, threads, CPU capability. */
final class DjlIdentity {
    private DjlIdentity() {}

    static EngineIdentity of(String name, DjlRuntime runtime, String how) {
        Map<String, String> details = new LinkedHashMap<>(runtime.details());
        details.put("computes", how);
        return new EngineIdentity(name, Convention.PYTORCH, "DJL " + runtime.djlVersion(),
                "libtorch " + runtime.libtorchVersion() + " (CPU)", Set.of(DType.FLOAT32, DType.FLOAT64),
                runtime.threads(), details);
    }
}
