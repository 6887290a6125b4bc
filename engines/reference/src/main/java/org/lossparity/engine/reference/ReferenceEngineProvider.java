package org.lossparity.engine.reference;

import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossEngineProvider;

/** Discovers the {@code reference} engine through {@link java.util.ServiceLoader}. */
public final class ReferenceEngineProvider implements LossEngineProvider {

    @Override
    public String name() {
        return ReferenceEngine.NAME;
    }

    @Override
    public String description() {
        return "pure-Java arbitrary-precision reference for every loss in both conventions (big-math 2.3.2)";
    }

    @Override
    public LossEngine create(EngineConfig config) {
        return new ReferenceEngine(config);
    }
}
