package org.lossparity.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.tensor.Numbers;

/**
 * Runs many evaluations of one spec per engine and prints the process's resident set size (VmRSS) and the Java
 * heap in use after a collection at regular checkpoints, as a table. Native memory that an engine fails to free
 * (tensors, graphs, sessions, autograd state) shows as VmRSS that keeps growing while the heap stays flat; a
 * steady engine levels off after its first checkpoints.
 *
 * <p>Heap pages the JVM touches count in VmRSS too; run with {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch} so that
 * the heap is resident from the start and VmRSS moves only with native memory (the committed heap is printed to
 * check). "heap used" is read after {@code System.gc()}, so it is what is still reachable.
 *
 * <p>Engines run one after another in this process, so the native libraries of an earlier engine stay loaded:
 * compare the growth column (since the engine's own first reading), or run one engine per invocation for
 * absolute numbers. Exit status: 0 when every engine ran, 1 when one could not, 2 on a bad command line.
 */
public final class ResidentMemoryHarness {
    private static final double MIB = 1024.0 * 1024.0;
    private static final String ROW = "%-16s %12s %11s %11s %14s %14s %10s%n";

    private final HarnessOptions options;
    private final PrintStream out;

    ResidentMemoryHarness(HarnessOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(HarnessOptions.USAGE);
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        boolean allRan = new ResidentMemoryHarness(options, System.out).run();
        System.exit(allRan ? 0 : 1);
    }

    /** Runs every engine of the options; false when one of them could not run. */
    boolean run() {
        out.printf(Locale.ROOT, "workload %s (%s), %,d evaluations per engine, memory read every %,d%n",
                options.workload().id(), options.workload().spec(options.dtype()).displayName(),
                options.evaluations(), options.every());
        out.printf(Locale.ROOT, "JVM %s, max heap %.0f MiB, %d processors%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() / MIB, Runtime.getRuntime().availableProcessors());
        out.printf(ROW, "engine", "evaluations", "VmRSS MiB", "growth MiB", "heap used MiB", "heap commit MiB",
                "µs/eval");
        boolean allRan = true;
        for (String engine : options.engines()) {
            try {
                runOne(engine);
            } catch (OpenEngine.EngineNotUsableException | EngineException e) {
                out.printf("%-16s %s%n", engine, e.getMessage());
                allRan = false;
            }
        }
        return allRan;
    }

    private void runOne(String engine) throws EngineException {
        Readings readings;
        LossResult first;
        LossResult last;
        EngineIdentity identity;
        try (PreparedEvaluation evaluation = PreparedEvaluation.prepare(engine, options.workload(), options.dtype())) {
            identity = evaluation.engine().identity();
            first = evaluation.firstResult();
            last = first;
            readings = new Readings(engine);
            readings.record(1, 0);
            long intervalStart = System.nanoTime();
            long intervalFrom = 1;
            for (long done = 2; done <= options.evaluations(); done++) {
                last = evaluation.evaluate();
                if (done % options.every() == 0 || done == options.evaluations()) {
                    long nanos = System.nanoTime() - intervalStart;
                    readings.record(done, nanos / 1000.0 / (done - intervalFrom));
                    intervalFrom = done;
                    intervalStart = System.nanoTime();
                }
            }
        }
        readings.recordClosed();
        out.printf("%-16s %s, %s, threads %d; value %s, %s the first evaluation's%n", "", identity.library(),
                identity.runtime(), identity.threads(),
                Numbers.format(last.value().getDouble(0), last.value().dtype()),
                last.value().bitEquals(first.value()) ? "bit-identical to" : "DIFFERENT from");
    }

    /** Prints one table row per checkpoint and remembers the engine's first VmRSS for the growth column. */
    private final class Readings {
        private final String engine;
        private OptionalLong baseline = OptionalLong.empty();

        Readings(String engine) {
            this.engine = engine;
        }

        void record(long evaluations, double microsPerEvaluation) {
            row(String.format(Locale.ROOT, "%,d", evaluations),
                    microsPerEvaluation > 0 ? String.format(Locale.ROOT, "%.1f", microsPerEvaluation) : "-");
        }

        void recordClosed() {
            row("closed", "-");
        }

        private void row(String evaluations, String micros) {
            long heap = ProcessMemory.heapUsedAfterGcBytes();
            OptionalLong rss = ProcessMemory.residentBytes();
            if (baseline.isEmpty()) {
                baseline = rss;
            }
            String rssText = rss.isPresent() ? mib(rss.getAsLong()) : "n/a";
            String growth = rss.isPresent() && baseline.isPresent()
                    ? String.format(Locale.ROOT, "%+.1f", (rss.getAsLong() - baseline.getAsLong()) / MIB) : "n/a";
            out.printf(Locale.ROOT, ROW, engine, evaluations, rssText, growth, mib(heap),
                    mib(ProcessMemory.heapCommittedBytes()), micros);
            out.flush();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }
}
