package org.lossparity.engine.tensorflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.Supplier;
import org.lossparity.core.engine.EngineUnavailableException;
import org.tensorflow.TensorFlow;

/**
 * Loads the native TensorFlow runtime once per process and reports what was loaded. Loading happens on the first
 * touch of {@link TensorFlow}; a missing or broken native library surfaces there as a {@link LinkageError}
 * (UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError on a second attempt), which is turned
 * into an {@link EngineUnavailableException} naming the reason.
 */
final class NativeRuntime {

    private static final String NATIVE_ARTIFACT = "org.tensorflow:tensorflow-core-native (classifier linux-x86_64)";

    private NativeRuntime() {}

    /** Loads the runtime and installs the gradients TensorFlow Java lacks; returns the native version. */
    static String load() throws EngineUnavailableException {
        return load(() -> {
            String version = TensorFlow.version();
            SparseSoftmaxGradient.registerOnce();
            return version;
        });
    }

    /** Runs {@code loader} (which touches the native library), turning a failed load into unavailability. */
    static String load(Supplier<String> loader) throws EngineUnavailableException {
        try {
            return loader.get();
        } catch (LinkageError e) {
            throw unavailable(e);
        }
    }

    /** The message a failed native load becomes: what failed, on which platform, and what is needed. */
    static EngineUnavailableException unavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == cause ? String.valueOf(cause) : cause + " caused by " + root;
        return new EngineUnavailableException("TensorFlow native library could not be loaded on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (needs " + NATIVE_ARTIFACT
                + " on the class path): " + detail, cause);
    }

    /**
     * Version of a Maven artifact on the class path, read from the pom.properties its jar carries, so that the
     * identity follows the jar actually loaded (e.g. after {@code -Dtensorflow.version=...}).
     */
    static String artifactVersion(Class<?> anchor, String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                Package p = anchor.getPackage();
                String v = p == null ? null : p.getImplementationVersion();
                return v == null ? "unknown (no " + resource + ")" : v;
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
