package org.lossparity.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lossparity.engine.tensorflow.EngineFixture.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/**
 * Evaluates a rotation of specs many times (value and gradient, so tensors are created and closed on every call)
 * and checks that resident memory levels off: no reading after the 20% mark exceeds the reading at the mark by
 * more than a generous bound. 100,000 evaluations by default (the pom sets {@code lossparity.tf.soak.evaluations});
 * the surefire heap is fixed and pre-touched so the readings measure native memory. Prints every reading.
 */
class ResidentMemoryTest {

    private static final long ALLOWED_GROWTH_KB = 48 * 1024;

    @Test
    void residentMemoryDoesNotKeepGrowing() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "needs /proc/self/status (Linux)");
        int evaluations = Integer.getInteger("lossparity.tf.soak.evaluations", 10_000);
        DType d = DType.FLOAT32;
        Tensor x = t(d, shape(4, 3), 0.2, 0.5, 0.3, 0.1, 0.6, 0.3, 0.7, 0.2, 0.1, 0.3, 0.3, 0.4);
        Tensor y = t(d, shape(4, 3), 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0);
        Tensor w = t(d, shape(4), 1, 2, 0.5, 1);
        List<LossSpec> specs = List.of(
                keras(LossKind.MSE, Reduction.SUM_OVER_BATCH_SIZE, d),
                keras(LossKind.CATEGORICAL_CE, Reduction.NONE, d, "from_logits", false),
                keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, d),
                keras(LossKind.BCE, Reduction.SUM_OVER_BATCH_SIZE, DType.FLOAT64, "label_smoothing", 0.1));
        Map<String, Tensor> dense = inputs(Inputs.PREDICTION, x, Inputs.TARGET, y, Inputs.SAMPLE_WEIGHT, w);
        Map<String, Tensor> dense64 = inputs(Inputs.PREDICTION, widened(x), Inputs.TARGET, widened(y),
                Inputs.SAMPLE_WEIGHT, widened(w));
        Map<String, Tensor> sparse = inputs(Inputs.PREDICTION, x, Inputs.TARGET, labels(shape(4), 1, 0, 2, 1));

        int checkpoints = 10;
        long[] readings = new long[checkpoints + 1];
        int markIndex = 2;
        try (TensorFlowEngine engine = EngineFixture.start()) {
            readings[0] = settledRssKb(status);
            for (int i = 0; i < evaluations; i++) {
                LossSpec spec = specs.get(i % specs.size());
                Map<String, Tensor> in = spec.loss() == LossKind.SPARSE_CATEGORICAL_CE ? sparse
                        : spec.dtype() == DType.FLOAT64 ? dense64 : dense;
                engine.evaluate(spec, in);
                if ((i + 1) % (evaluations / checkpoints) == 0 && (i + 1) / (evaluations / checkpoints) <= checkpoints) {
                    readings[(i + 1) / (evaluations / checkpoints)] = settledRssKb(status);
                }
            }
            assertTrue(engine.graphBuilds() == specs.size(), "each spec should compile once, built "
                    + engine.graphBuilds());
        }
        long mark = readings[markIndex];
        long worst = mark;
        StringBuilder trace = new StringBuilder();
        for (int c = 0; c <= checkpoints; c++) {
            trace.append(String.format("%n  after %,7d evaluations: VmRSS %,d kB", (long) c * evaluations / checkpoints,
                    readings[c]));
            if (c > markIndex) {
                worst = Math.max(worst, readings[c]);
            }
        }
        long growth = worst - mark;
        System.out.println("lossparity TF resident memory over " + evaluations + " evaluations (growth after the "
                + "20% mark: " + growth + " kB):" + trace);
        assertTrue(growth < ALLOWED_GROWTH_KB, "resident memory grew by " + growth + " kB after the 20% mark; bound "
                + ALLOWED_GROWTH_KB + " kB" + trace);
    }

    /** RSS after a collection and a pause, so native buffers released by finalizing references are gone. */
    private static long settledRssKb(Path status) throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(50);
        return rssKb(status);
    }

    private static long rssKb(Path status) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in " + status);
    }

    /** The same numbers as a float64 tensor (float32 values are exact in float64). */
    private static Tensor widened(Tensor t) {
        return Tensor.ofFloats(DType.FLOAT64, t.shape(), t.toDoubleArray());
    }
}
