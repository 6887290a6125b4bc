package org.lossparity.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.fixture.FixtureLoader;
import org.lossparity.core.run.ParityRunner;

/**
 * The real engines, started once per test JVM and closed when the whole test plan ends (JUnit closes resources
 * in the root store last). DJL allows one gradient collector per process and TensorFlow's native runtime is
 * heavy, so every test class shares this one registry.
 */
final class SharedEngines implements ExtensionContext.Store.CloseableResource {
    private final EngineRegistry registry;
    private final Catalogues.Loaded catalogues;
    private final ParityRunner runner;
    private final Path fixtures;

    private SharedEngines() {
        fixtures = FixtureLoader.defaultDirectory();
        try {
            catalogues = Catalogues.load(fixtures, Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the divergence catalogue or known defects: " + e.getMessage(), e);
        }
        registry = EngineRegistry.start(List.of(), EngineConfig.fromSystemProperties());
        runner = ParityRunner.of(registry, catalogues.divergences(), catalogues.knownDefects());
    }

    static SharedEngines get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedEngines.class, k -> new SharedEngines(), SharedEngines.class);
    }

    EngineRegistry registry() {
        return registry;
    }

    ParityRunner runner() {
        return runner;
    }

    Catalogues.Loaded catalogues() {
        return catalogues;
    }

    /** The repository's fixtures/data (or -Dlossparity.fixtures.dir). */
    Path fixtures() {
        return fixtures;
    }

    @Override
    public void close() {
        registry.close();
    }
}
