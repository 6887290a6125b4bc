package org.lossparity.engine.djl;

import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossEngineProvider;

/** {@code djl}: DJL's own Loss API (L1Loss, L2Loss, SigmoidBinaryCrossEntropyLoss, SoftmaxCrossEntropyLoss). */
public final class DjlEngineProvider implements LossEngineProvider {
    public static final String NAME = "djl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DJL's ai.djl.training.loss classes as DJL users call them, on the PyTorch engine (CPU)";
    }

    @Override
    public LossEngine create(EngineConfig config) throws EngineUnavailableException {
        return new DjlLossApiEngine(DjlRuntime.start(config), NAME);
    }
}
