package org.lossparity.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.lossparity.core.engine.EngineRegistry;

/**
 * CI must not skip engines silently: on linux-x86_64 (the platform whose natives the build ships) every engine in
 * {@code lossparity.requiredEngines} (reference, pytorch, djl, tensorflow by default) has to start.
 */
class EnginesAvailableTest {

    static final class Required implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            String list = System.getProperty("lossparity.requiredEngines", "reference,pytorch,djl,tensorflow");
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Arguments::of);
        }
    }

    static boolean linuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @DisplayName("required engine")
    @ParameterizedTest(name = "engine {0} is available")
    @ArgumentsSource(Required.class)
    @ExtendWith(SharedEnginesResolver.class)
    void requiredEngineStarts(String name, SharedEngines shared) {
        EngineRegistry registry = shared.registry();
        Assumptions.assumeTrue(linuxX86(), "the build ships native libraries for linux-x86_64 only; this is "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        String why = registry.unavailable().stream().filter(u -> u.name().equals(name))
                .map(u -> u.reason()).findFirst().orElse("it was not discovered (no provider on the class path)");
        assertTrue(registry.engines().containsKey(name), "engine '" + name + "' is unavailable: " + why);
    }
}
