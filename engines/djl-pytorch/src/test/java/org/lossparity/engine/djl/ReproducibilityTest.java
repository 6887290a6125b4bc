package org.lossparity.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.djl.Engines.inputs;
import static org.lossparity.engine.djl.Engines.spec;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** libtorch's float32 reductions depend on the intra-op thread count; with it pinned, reruns are bit-identical. */
class ReproducibilityTest {

    private static Map<String, Tensor> largeFloat32Case() {
        SplittableRandom random = new SplittableRandom(20240611L);
        int n = 200_000;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            y[i] = (float) random.nextGaussian();
        }
        long[] shape = {n / 100, 100};
        return inputs(Inputs.PREDICTION, Tensor.ofFloat32(shape, x), Inputs.TARGET, Tensor.ofFloat32(shape, y));
    }

    @Test
    void twoRunsWithTheSameThreadCountAreBitIdentical() throws Exception {
        Map<String, Tensor> in = largeFloat32Case();
        LossSpec mse = spec(LossKind.MSE, Map.of(), Reduction.MEAN, DType.FLOAT32);
        LossSpec huber = spec(LossKind.CUSTOM_HUBER, Map.of(), Reduction.SUM, DType.FLOAT32);
        for (int threads : new int[] {1, 2}) {
            LossResult[] first = new LossResult[2];
            LossResult[] second = new LossResult[2];
            try (LossEngine engine = new PytorchEngineProvider().create(Engines.config(threads))) {
                assertEquals(threads, engine.identity().threads());
                first[0] = engine.evaluate(mse, in);
                first[1] = engine.evaluate(huber, in);
            }
            try (LossEngine engine = new PytorchEngineProvider().create(Engines.config(threads))) {
                second[0] = engine.evaluate(mse, in);
                second[1] = engine.evaluate(huber, in);
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(first[i].value().bitEquals(second[i].value()),
                        "threads=" + threads + ": " + first[i].value() + " vs " + second[i].value());
                assertTrue(first[i].gradients().get(Inputs.PREDICTION).bitEquals(second[i].gradients().get(Inputs.PREDICTION)),
                        "threads=" + threads + " gradient");
            }
        }
        // leave the process at the default for the other tests
        new PytorchEngineProvider().create(Engines.config(1)).close();
    }
}
