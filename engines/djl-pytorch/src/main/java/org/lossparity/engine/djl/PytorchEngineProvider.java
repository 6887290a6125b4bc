package org.lossparity.engine.djl;

import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossEngineProvider;

/** {@code pytorch}: torch's own ATen loss kernels, run through DJL 0.36 on libtorch (CPU), offline. */
public final class PytorchEngineProvider implements LossEngineProvider {
    public static final String NAME = "pytorch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PyTorch semantics: torch's ATen loss kernels via TorchScript modules, through DJL on libtorch (CPU)";
    }

    @Override
    public LossEngine create(EngineConfig config) throws EngineUnavailableException {
        return new PytorchLossEngine(DjlRuntime.start(config), NAME);
    }
}
