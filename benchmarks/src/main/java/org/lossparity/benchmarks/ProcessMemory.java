package org.lossparity.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Memory of this process: resident set size from the kernel, Java heap in use from the JVM. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** VmRSS in bytes, from {@code /proc/self/status}; empty where that file does not exist (not Linux). */
    public static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(parseKilobytes(line) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The number of a status line such as {@code "VmRSS:     123456 kB"}. */
    static long parseKilobytes(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        if (parts.length != 3 || !parts[2].equals("kB")) {
            throw new IllegalArgumentException("unexpected /proc/self/status line: '" + statusLine + "'");
        }
        return Long.parseLong(parts[1]);
    }

    /**
     * Heap in use after a full collection, so that garbage awaiting collection does not hide or fake a leak.
     * {@code System.gc()} is a request; with the default collectors it runs a full collection.
     */
    public static long heapUsedAfterGcBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Heap the JVM has reserved from the operating system. Touched heap pages count in VmRSS, so VmRSS minus this
     * bounds the memory outside the heap; with {@code -Xms = -Xmx} and {@code -XX:+AlwaysPreTouch} it is constant
     * and every VmRSS change is off-heap.
     */
    public static long heapCommittedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
