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

    /** Every provider on the class path that could be instantiated. */
    public static List<LossEngineProvider> providers() {
        return discover().providers();
    }

    /** What ServiceLoader found: providers, and the registrations whose class could not even be loaded. */
    private record Discovery(List<LossEngineProvider> providers, List<Unavailable> broken) {}

    private static Discovery discover() {
        List<LossEngineProvider> out = new ArrayList<>();
        List<Unavailable> broken = new ArrayList<>();
        var it = ServiceLoader.load(LossEngineProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // The provider's name is unknown when its class cannot load; the error text names the class.
                broken.add(new Unavailable("(provider failed to load)", e.toString()));
            }
        }
        out.sort(Comparator.comparing(LossEngineProvider::name));
        return new Discovery(out, broken);
    }

    /**
     * Starts the named engines (all discovered ones when {@code names} is empty). Names that match no provider are
     * recorded as unavailable.
     */
    public static EngineRegistry start(List<String> names, EngineConfig config) {
        EngineRegistry registry = new EngineRegistry();
        Discovery discovery = discover();
        List<LossEngineProvider> all = discovery.providers();
        // A registration that cannot load is reported, never dropped silently: it may be the engine the user wanted.
        registry.unavailable.addAll(discovery.broken());
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
