package org.lossparity.core.engine;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settings handed to every provider. Keys are namespaced ({@code lossparity.threads},
 * {@code lossparity.djl.cacheDir}, ...); the CLI and the test suite fill them from system properties.
 */
public final class EngineConfig {
    /** Intra-op threads for engines that reduce in parallel; pinned so float32 reductions are reproducible. */
    public static final String THREADS = "lossparity.threads";
    public static final int DEFAULT_THREADS = 1;

    private final Map<String, String> values;

    private EngineConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static EngineConfig of(Map<String, String> values) {
        return new EngineConfig(new TreeMap<>(values));
    }

    /** Every system property that starts with {@code lossparity.}. */
    public static EngineConfig fromSystemProperties() {
        Map<String, String> m = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("lossparity.")) {
                m.put(k.toString(), v.toString());
            }
        });
        return new EngineConfig(m);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int threads() {
        String raw = values.get(THREADS);
        if (raw == null) {
            return DEFAULT_THREADS;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS + " must be a positive integer, got '" + raw + "'");
        }
    }

    public Map<String, String> asMap() {
        return values;
    }
}
