package org.lossparity.engine.tensorflow;

import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossEngineProvider;

/** Discovers the TensorFlow Java engine. Cheap to construct; the native runtime loads in {@link #create}. */
public final class TensorFlowEngineProvider implements LossEngineProvider {

    public static final String NAME = "tensorflow";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "TensorFlow Java (native TensorFlow runtime): Keras-convention framework losses, graph gradients";
    }

    @Override
    public LossEngine create(EngineConfig config) throws EngineUnavailableException {
        String nativeVersion = NativeRuntime.load();
        try {
            return new TensorFlowEngine(config, nativeVersion);
        } catch (LinkageError e) {
            throw NativeRuntime.unavailable(e);
        }
    }
}
