package org.lossparity.engine.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.LossEngineProvider;

/** Discovery, the unavailable path, offline settings and the archive layout. */
class RuntimeTest {

    @Test
    void bothProvidersAreDiscoveredByServiceLoader() {
        List<String> names = EngineRegistry.providers().stream().map(LossEngineProvider::name).toList();
        assertTrue(names.contains("pytorch") && names.contains("djl"), names.toString());
    }

    @Test
    void missingNativeJarsMakeTheEngineUnavailableAndSayWhatWasLookedForWhere() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {new URL("file:/nonexistent/lib.jar")}, null)) {
            EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                    () -> DjlRuntime.requireNativeJars(empty));
            assertTrue(e.getMessage().contains("native/lib/pytorch.properties"), e.getMessage());
            assertTrue(e.getMessage().contains("pytorch-native-cpu"), e.getMessage());
            assertTrue(e.getMessage().contains("/nonexistent/lib.jar"), e.getMessage());
            assertTrue(e.getMessage().contains("download"), e.getMessage());
        }
    }

    @Test
    void theClasspathServesEveryNativeLibrary() throws Exception {
        var props = DjlRuntime.requireNativeJars(RuntimeTest.class.getClassLoader());
        assertEquals("cpu", props.getProperty("flavor"));
    }

    @Test
    void djlRunsOfflineWithItsCacheUnderConfiguredDirectory() throws Exception {
        try (var engine = Engines.pytorch()) {
            assertEquals("true", System.getProperty("ai.djl.offline"));
            String cache = engine.identity().details().get("cacheDir");
            assertEquals(System.getProperty("DJL_CACHE_DIR"), cache);
            assertTrue(engine.identity().details().get("libtorchPath").startsWith(cache),
                    engine.identity().details().toString());
        }
    }

    @Test
    void archiveHasTheTorchScriptLayoutWithStoredEntries() throws Exception {
        String source = "class M(Module):\n  training : bool\n";
        byte[] zip = TorchScriptArchive.write("M", source);
        assertArrayEquals(zip, TorchScriptArchive.write("M", source), "deterministic bytes");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                byte[] content = in.readAllBytes();
                switch (e.getName()) {
                    case "archive/code/__torch__.py" -> assertEquals(source, new String(content, StandardCharsets.UTF_8));
                    case "archive/version" -> assertEquals("4\n", new String(content, StandardCharsets.US_ASCII));
                    case "archive/constants.pkl" -> assertArrayEquals(new byte[] {(byte) 0x80, 2, ')', '.'}, content);
                    case "archive/data.pkl" -> {
                        String text = new String(content, StandardCharsets.ISO_8859_1);
                        assertTrue(text.startsWith("\u0080\u0002c__torch__\nM\n)\u0081}(X\u0008\u0000\u0000\u0000training"),
                                text);
                        assertTrue(text.endsWith("\u0088ub."), text);
                    }
                    default -> throw new AssertionError("unexpected entry " + e.getName());
                }
            }
        }
        assertEquals(List.of("archive/data.pkl", "archive/code/__torch__.py", "archive/constants.pkl", "archive/version"),
                names);
        assertThrows(IllegalArgumentException.class, () -> TorchScriptArchive.write("not-an-identifier", source));
    }
}
