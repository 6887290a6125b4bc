package org.lossparity.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real unavailable path: a JVM whose class path lacks the pytorch-native-cpu jar gets both engines marked
 * unavailable with the reason, the run goes on, and nothing is downloaded into the empty cache directory.
 */
class UnavailableEngineTest {

    @Test
    void withoutTheNativeJarBothEnginesAreUnavailableAndNothingIsDownloaded(@TempDir Path cache) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native-cpu"))
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, UnavailableProbe.class.getName(),
                cache.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish: " + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("started=[]"), output);
        for (String engine : List.of("pytorch", "djl")) {
            assertTrue(output.contains("unavailable " + engine + ": the libtorch native library descriptor "
                    + "(/native/lib/pytorch.properties) is not on the class path"), output);
        }
        assertTrue(output.contains("pytorch-native-cpu (classifier linux-x86_64)"), output);
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(List.of(cache), files.toList(), "the DJL cache directory must stay empty");
        }
    }
}
