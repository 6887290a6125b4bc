package org.lossparity.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.Tensor;

/**
 * One engine started by name through {@link EngineRegistry}, the way the parity suite starts it, with the
 * settings of {@link EngineConfig#fromSystemProperties()}. Closing it closes the engine and its native resources.
 *
 * <p>Besides the provider names ({@code reference}, {@code tensorflow}, {@code pytorch}, {@code djl}) it accepts
 * {@value #REFERENCE_FAST}: the reference engine with its exact-path limit set to 0, so that every evaluation takes
 * the IEEE double path that it otherwise uses only above 65,536 elements.
 */
public final class OpenEngine implements AutoCloseable {
    public static final String REFERENCE_FAST = "reference-fast";
    private static final String REFERENCE = "reference";
    private static final String EXACT_LIMIT_KEY = "lossparity.reference.exactLimit";

    private final String name;
    private final EngineRegistry registry;
    private final LossEngine engine;

    private OpenEngine(String name, EngineRegistry registry, LossEngine engine) {
        this.name = name;
        this.registry = registry;
        this.engine = engine;
    }

    /**
     * Starts the named engine.
     *
     * @throws EngineNotUsableException when no provider has that name or it cannot start here, with the reason
     */
    public static OpenEngine start(String name) {
        String provider = name.equals(REFERENCE_FAST) ? REFERENCE : name;
        Map<String, String> settings = new LinkedHashMap<>(EngineConfig.fromSystemProperties().asMap());
        if (name.equals(REFERENCE_FAST)) {
            settings.put(EXACT_LIMIT_KEY, "0");
        }
        EngineRegistry registry = EngineRegistry.start(List.of(provider), EngineConfig.of(settings));
        LossEngine engine = registry.engines().get(provider);
        if (engine == null) {
            String reason = registry.unavailable().stream()
                    .filter(u -> u.name().equals(provider))
                    .map(EngineRegistry.Unavailable::reason)
                    .findFirst().orElse("the registry gave no reason");
            registry.close();
            throw new EngineNotUsableException("engine '" + name + "' is unavailable, skipped: " + reason);
        }
        return new OpenEngine(name, registry, engine);
    }

    public String name() {
        return name;
    }

    public LossEngine engine() {
        return engine;
    }

    /**
     * Checks that the engine supports the spec and evaluates it once on the inputs, so that a benchmark fails
     * in its setup, with the reason, instead of measuring an exception.
     */
    public LossResult prepare(LossSpec spec, Map<String, Tensor> inputs) {
        Support support = engine.supports(spec);
        if (!support.supported()) {
            throw new EngineNotUsableException("engine '" + name + "' does not support " + spec.displayName()
                    + ", skipped: " + support.reason());
        }
        try {
            return engine.evaluate(spec, inputs);
        } catch (EngineException e) {
            throw new EngineNotUsableException("engine '" + name + "' failed on " + spec.displayName()
                    + ", skipped: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        registry.close();
    }

    /** The engine cannot take part in a benchmark; the message says which engine and why. */
    public static final class EngineNotUsableException extends RuntimeException {
        public EngineNotUsableException(String message) {
            super(message);
        }

        public EngineNotUsableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
