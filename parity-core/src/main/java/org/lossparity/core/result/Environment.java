package org.lossparity.core.result;

/**
 * The machine the run happened on.
 *
 * @param jvm   e.g. {@code 17.0.13 (Eclipse Adoptium OpenJDK 64-Bit Server VM)}
 * @param os    e.g. {@code Linux 6.1.0 amd64}
 * @param cpu   CPU model name when known (from /proc/cpuinfo), else the architecture
 * @param cores available processors
 */
public record Environment(String jvm, String os, String cpu, int cores) {

    /** This JVM and machine. */
    public static Environment current() {
        String jvm = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + " "
                + System.getProperty("java.vm.name") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Environment(jvm, os, cpuModel(), Runtime.getRuntime().availableProcessors());
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture is the best we know.
        }
        return System.getProperty("os.arch");
    }
}
