package org.lossparity.engine.djl;

import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineRegistry;

/** Run in a child JVM by {@link UnavailableEngineTest}: starts both engines and prints what the registry says. */
public final class UnavailableProbe {
    private UnavailableProbe() {}

    public static void main(String[] args) {
        EngineConfig config = EngineConfig.of(Map.of(DjlRuntime.CACHE_DIR, args[0]));
        try (EngineRegistry registry = EngineRegistry.start(List.of("pytorch", "djl"), config)) {
            System.out.println("started=" + registry.engines().keySet());
            registry.unavailable().forEach(u -> System.out.println("unavailable " + u.name() + ": " + u.reason()));
        }
    }
}
