package org.lossparity.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRegistryTest {

    @Test
    void aProviderWhoseClassCannotLoadIsReportedNotDropped(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LossEngineProvider.class.getName()), "org.example.MissingEngineProvider\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            try (EngineRegistry registry = EngineRegistry.start(List.of(), EngineConfig.of(java.util.Map.of()))) {
                assertEquals(1, registry.unavailable().size(), registry.unavailable().toString());
                assertTrue(registry.unavailable().get(0).reason().contains("org.example.MissingEngineProvider"),
                        registry.unavailable().get(0).reason());
                assertTrue(registry.engines().isEmpty());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void anUnknownEngineNameIsUnavailableWithTheNamesThatExist() {
        try (EngineRegistry registry = EngineRegistry.start(List.of("nosuch"), EngineConfig.of(java.util.Map.of()))) {
            assertEquals("nosuch", registry.unavailable().get(0).name());
            assertTrue(registry.unavailable().get(0).reason().contains("no engine named 'nosuch'"));
        }
    }
}
