package org.lossparity.engine.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineUnavailableException;

/**
 * The process-wide DJL PyTorch runtime: puts DJL in offline mode with a private cache directory before DJL's
 * {@link Engine} class initialises, makes sure the native library can come from the classpath jar (so DJL has
 * no reason to download anything), loads it, and pins the intra-op thread count.
 *
 * <p>libtorch is a per-process singleton, so this class is too; both engines of this module share it.
 */
final class DjlRuntime {
    /** EngineConfig key: where DJL extracts the native library (default: java.io.tmpdir/lossparity-djl-cache). */
    static final String CACHE_DIR = "lossparity.djl.cacheDir";

    private static final String PLATFORM = "linux-x86_64";
    private static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    private static final String JNI_LIBRARY = "jnilib/" + PLATFORM + "/cpu/libdjl_torch.so";

    private static DjlRuntime instance;

    private final String djlVersion;
    private final String libtorchVersion;
    private final Path cacheDir;
    private final Map<String, String> details;
    private int threads;

    private DjlRuntime(String djlVersion, String libtorchVersion, Path cacheDir, Map<String, String> details) {
        this.djlVersion = djlVersion;
        this.libtorchVersion = libtorchVersion;
        this.cacheDir = cacheDir;
        this.details = details;
    }

    /**
     * Starts libtorch once per process (later calls reuse it) and sets the intra-op thread count from the
     * config. The thread count is process-wide in libtorch: the last engine created decides it.
     */
    static synchronized DjlRuntime start(EngineConfig config) throws EngineUnavailableException {
        if (instance == null) {
            instance = load(config);
        }
        instance.pinThreads(config.threads());
        return instance;
    }

    private static DjlRuntime load(EngineConfig config) throws EngineUnavailableException {
        Path cacheDir = configureOffline(config);
        checkPlatform();
        Properties nativeProps = requireNativeJars(DjlRuntime.class.getClassLoader());
        String override = System.getenv("PYTORCH_VERSION");
        if (override != null && !override.isBlank()) {
            throw new EngineUnavailableException("environment variable PYTORCH_VERSION=" + override
                    + " would make DJL download another libtorch; unset it (this engine runs offline only)");
        }
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException("DJL could not load libtorch " + nativeProps.getProperty("version")
                    + " from the pytorch-native-cpu " + PLATFORM + " jar (extracted to " + cacheDir + "): " + e, e);
        }
        Map<String, String> details = new TreeMap<>();
        details.put("libtorchPath", LibUtils.getLibtorchPath());
        details.put("cpuCapability", cpuCapability());
        details.put("interOpThreads", Integer.toString(JniUtils.getNumInteropThreads()));
        details.put("offline", "true");
        details.put("graphOptimizer", "false");
        details.put("cacheDir", cacheDir.toString());
        return new DjlRuntime(Engine.getDjlVersion(), engine.getVersion(), cacheDir, details);
    }

    /** DJL reads these when its classes initialise, so they must be set before the first DJL call. */
    private static Path configureOffline(EngineConfig config) throws EngineUnavailableException {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
        // The graph optimizer profiles the first calls and re-specialises; results must not depend on call count.
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        String configured = config.get(CACHE_DIR).orElse(System.getProperty("DJL_CACHE_DIR"));
        Path dir = configured != null && !configured.isBlank()
                ? Paths.get(configured)
                : Paths.get(System.getProperty("java.io.tmpdir"), "lossparity-djl-cache");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot create the DJL cache directory " + dir + " (set "
                    + CACHE_DIR + " to a writable directory): " + e, e);
        }
        String path = dir.toAbsolutePath().toString();
        System.setProperty("DJL_CACHE_DIR", path);
        System.setProperty("ENGINE_CACHE_DIR", path);
        return dir.toAbsolutePath();
    }

    private static void checkPlatform() throws EngineUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new EngineUnavailableException("the bundled libtorch is for " + PLATFORM + " only; this JVM runs on "
                    + os + "/" + arch);
        }
    }

    /**
     * Fails unless the loader can serve libtorch and DJL's JNI bridge from the classpath jars; if it could not,
     * DJL would fall back to downloading them.
     *
     * @return the libtorch descriptor (version, flavor, classifier, libraries)
     */
    static Properties requireNativeJars(ClassLoader loader) throws EngineUnavailableException {
        Properties p = findOnClasspath(loader, NATIVE_PROPERTIES, "the libtorch native library descriptor");
        for (String library : p.getProperty("libraries", "").split(",")) {
            if (!library.isBlank()) {
                findOnClasspath(loader, "pytorch/cpu/" + PLATFORM + "/" + library.trim(), "libtorch's " + library.trim());
            }
        }
        findOnClasspath(loader, JNI_LIBRARY, "DJL's JNI bridge libdjl_torch.so");
        return p;
    }

    private static Properties findOnClasspath(ClassLoader loader, String resource, String what)
            throws EngineUnavailableException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new EngineUnavailableException(what + " (/" + resource + ") is not on the class path; it comes from "
                    + "the jars ai.djl.pytorch:pytorch-native-cpu (classifier " + PLATFORM + ") and "
                    + "ai.djl.pytorch:pytorch-jni; without them DJL would try to download libtorch, which this engine "
                    + "never allows. Searched: " + describe(loader));
        }
        Properties p = new Properties();
        if (resource.endsWith(".properties")) {
            try (InputStream in = url.openStream()) {
                p.load(in);
            } catch (IOException e) {
                throw new EngineUnavailableException("cannot read " + url + ": " + e, e);
            }
            if (!PLATFORM.equals(p.getProperty("classifier")) || !"cpu".equals(p.getProperty("flavor"))) {
                throw new EngineUnavailableException(url + " describes libtorch " + p + ", expected the cpu flavour for "
                        + PLATFORM);
            }
        }
        return p;
    }

    private static String describe(ClassLoader loader) {
        if (loader instanceof java.net.URLClassLoader urls) {
            return java.util.Arrays.toString(urls.getURLs());
        }
        return "class path " + System.getProperty("java.class.path");
    }

    /**
     * The vectorised kernel set ATen dispatches to. DJL does not expose {@code at::get_cpu_capability}, so this
     * repeats ATen's choice: the ATEN_CPU_CAPABILITY override if set, else the best of AVX512 / AVX2 / DEFAULT
     * that the CPU flags allow.
     */
    private static String cpuCapability() {
        String env = System.getenv("ATEN_CPU_CAPABILITY");
        if (env != null && !env.isBlank()) {
            return env.toUpperCase(Locale.ROOT) + " (ATEN_CPU_CAPABILITY)";
        }
        java.util.Set<String> flags = new java.util.HashSet<>();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    flags.addAll(java.util.Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    break;
                }
            }
        } catch (IOException e) {
            return "unknown (/proc/cpuinfo unreadable: " + e.getMessage() + ")";
        }
        String derived;
        if (flags.containsAll(java.util.List.of("avx512f", "avx512vl", "avx512bw", "avx512dq", "fma"))) {
            derived = "AVX512";
        } else if (flags.containsAll(java.util.List.of("avx2", "fma"))) {
            derived = "AVX2";
        } else {
            derived = "DEFAULT";
        }
        return derived + " (derived from /proc/cpuinfo flags)";
    }

    private void pinThreads(int wanted) {
        JniUtils.setNumThreads(wanted);
        int actual = JniUtils.getNumThreads();
        if (actual != wanted) {
            throw new IllegalStateException("libtorch refused intra-op threads=" + wanted + " (it reports " + actual + ")");
        }
        threads = actual;
    }

    String djlVersion() {
        return djlVersion;
    }

    String libtorchVersion() {
        return libtorchVersion;
    }

    int threads() {
        return threads;
    }

    Path cacheDir() {
        return cacheDir;
    }

    Map<String, String> details() {
        return details;
    }
}
