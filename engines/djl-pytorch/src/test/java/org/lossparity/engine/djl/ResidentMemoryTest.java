package org.lossparity.engine.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.djl.Engines.inputs;
import static org.lossparity.engine.djl.Engines.shape;
import static org.lossparity.engine.djl.Engines.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * Every evaluation frees its native arrays: the process's resident memory (VmRSS) stays flat over many
 * evaluations of both engines: 10,000 in the default build, 100,000 with {@code -Psoak}
 * ({@code -Dlossparity.djl.soakEvaluations=N} for any other count), after a warm-up of a tenth as many (at least
 * 20,000: a one-off step of about 20 MB appears around the 12,000th evaluation, consistent with the JIT's C2
 * tier compiling the hot paths, then VmRSS is flat). The surefire heap is fixed and pre-touched, so VmRSS moves
 * with native memory only. A leak of one evaluation's arrays (~30 KB) would add 150 MB over the second half of
 * 10,000 evaluations; the bounds are deliberately generous.
 */
class ResidentMemoryTest {
    /** Over all measured evaluations: room for the allocator and the JIT compiler settling. */
    private static final long ALLOWED_GROWTH_KB = 64 * 1024;
    /** Over the second half, when growth has stopped unless something leaks (a leak grows RSS linearly). */
    private static final long ALLOWED_SECOND_HALF_GROWTH_KB = 16 * 1024;

    @Test
    void residentMemoryDoesNotGrowOverManyEvaluations() throws Exception {
        int evaluations = Integer.getInteger("lossparity.djl.soakEvaluations", 10_000);
        SplittableRandom random = new SplittableRandom(7);
        double[] x = new double[1000];
        double[] y = new double[1000];
        long[] labels = new long[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-2, 2);
            y[i] = random.nextDouble();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(10);
        }
        Map<String, Tensor> regression = inputs(Inputs.PREDICTION, Tensor.ofFloats(DType.FLOAT32, shape(100, 10), x),
                Inputs.TARGET, Tensor.ofFloats(DType.FLOAT32, shape(100, 10), y));
        Map<String, Tensor> classes = inputs(Inputs.PREDICTION, Tensor.ofFloats(DType.FLOAT32, shape(100, 10), x),
                Inputs.TARGET, Tensor.ofInt64(shape(100), labels));
        LossSpec mse = spec(LossKind.MSE, Map.of(), Reduction.MEAN, DType.FLOAT32);
        LossSpec ce = spec(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.MEAN, DType.FLOAT32);
        LossSpec huber = spec(LossKind.CUSTOM_HUBER, Map.of(), Reduction.NONE, DType.FLOAT32);
        LossSpec bce = spec(LossKind.BCE_WITH_LOGITS, Map.of(), Reduction.SUM, DType.FLOAT32);
        List<Long> samples = new ArrayList<>();
        try (LossEngine pytorch = Engines.pytorch(); LossEngine djl = Engines.djl()) {
            Runnable[] work = {
                () -> run(pytorch, mse, regression), () -> run(pytorch, ce, classes),
                () -> run(pytorch, huber, regression), () -> run(djl, bce, regression), () -> run(djl, ce, classes)};
            int warmUp = Math.max(evaluations / 10, 20_000);
            for (int i = 0; i < warmUp; i++) {
                work[i % work.length].run();
            }
            System.gc();
            long start = rssKb();
            samples.add(start);
            for (int i = 0; i < evaluations; i++) {
                work[i % work.length].run();
                if ((i + 1) % (evaluations / 10) == 0) {
                    samples.add(rssKb());
                }
            }
            long end = samples.get(samples.size() - 1);
            long mid = samples.get(samples.size() / 2);
            String report = "VmRSS after " + warmUp + " warm-up evaluations and then every " + evaluations / 10
                    + " of " + evaluations + " evaluations (kB): " + samples + "; second half: "
                    + (end - mid) * 1024 / (evaluations / 2) + " bytes per evaluation";
            System.out.println(report);
            assertTrue(end - start < ALLOWED_GROWTH_KB, report);
            assertTrue(end - mid < ALLOWED_SECOND_HALF_GROWTH_KB, report);
        }
    }

    private static void run(LossEngine engine, LossSpec spec, Map<String, Tensor> in) {
        try {
            engine.evaluate(spec, in);
        } catch (Exception e) {
            throw new AssertionError(spec + " failed", e);
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
