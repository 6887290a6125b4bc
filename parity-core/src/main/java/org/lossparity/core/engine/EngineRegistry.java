package org.lossparity.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Discovers providers with {@link ServiceLoader} and starts the engines, keeping every engine that cannot start
 * as an {@link Unavailable} entry with its reason instead of failing the run. Closing the registry closes every
 * engine it started.
 */
public final class EngineRegistry implements AutoCloseable {

    /** An engine that could not be discovered or started, and why. */
    public record Unavailable(String name, String reason) {}

    private final Map<String, LossEngine> engines = new LinkedHashMap<>();
    private final List<Unavailable> unavailable = new ArrayList<>();

    private EngineRegistry() {}

    /** Every provider on the class path. */
    public static List<LossEngineProvider> providers() {
        List<LossEngineProvider> out = new ArrayList<>();
        ServiceLoader.Provider<LossEngineProvider> current = null;
        var it = ServiceLoader.load(LossEngineProvider.class).stream().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                current = it.next();
                out.add(current.get());
            } catch (ServiceConfigurationError | LinkageError e) {
                // A provider whose class cannot even load is reported when engines start; discovery goes on.
                System.err.println("lossparity: engine provider failed to load: " + e);
            }
        }
        out.sort(Comparator.comparing(LossEngineProvider::name));
        return out;
    }

    /**
     * Starts the named engines (all discovered ones when {@code names} is empty). Names that match no provider are
     * recorded as unavailable.
     */
    public static EngineRegistry start(List<String> names, EngineConfig config) {
        EngineRegistry registry = new EngineRegistry();
        List<LossEngineProvider> all = providers();
        List<String> wanted = names.isEmpty() ? all.stream().map(LossEngineProvider::name).toList() : names;
        for (String name : wanted) {
            LossEngineProvider provider = all.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (provider == null) {
                registry.unavailable.add(new Unavailable(name, "no engine named '" + name + "' on the class path (found: "
                        + all.stream().map(LossEngineProvider::name).toList() + ")"));
                continue;
            }
            try {
                registry.engines.put(name, provider.create(config));
            } catch (EngineUnavailableException e) {
                registry.unavailable.add(new Unavailable(name, e.getMessage()));
            } catch (RuntimeException | LinkageError e) {
                registry.unavailable.add(new Unavailable(name, "failed to start: " + e));
            }
        }
        return registry;
    }

    public Map<String, LossEngine> engines() {
        return Collections.unmodifiableMap(engines);
    }

    public List<Unavailable> unavailable() {
        return Collections.unmodifiableList(unavailable);
    }

    @Override
    public void close() {
        for (LossEngine engine : engines.values()) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                System.err.println("lossparity: closing engine " + engine.identity().name() + " failed: " + e);
            }
        }
        engines.clear();
    }
}
