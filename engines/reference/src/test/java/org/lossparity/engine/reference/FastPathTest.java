package org.lossparity.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/** The fast double path against the exact path, and the size switch between them. */
class FastPathTest {
    private final ReferenceEngine engine = Fixtures.engine();

    static Stream<Arguments> specs() {
        List<Arguments> out = new ArrayList<>();
        for (LossKind kind : LossKind.values()) {
            for (Convention c : Convention.values()) {
                Reduction r = c == Convention.KERAS ? Reduction.SUM_OVER_BATCH_SIZE : Reduction.MEAN;
                out.add(Arguments.of(Fixtures.spec(kind, r, c, DType.FLOAT64)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fastPathAgreesWithExactPathWithinAFewUlps(LossSpec spec) throws Exception {
        Map<String, Tensor> in = Fixtures.randomInputs(spec, 40, 12, 99, spec.loss() != LossKind.TRIPLET_MARGIN);
        LossResult exact = engine.evaluateExact(spec, in);
        LossResult fast = engine.evaluateFast(spec, in);
        assertEquals("arbitrary-precision", exact.notes().get("path"));
        assertEquals("fast-double", fast.notes().get("path"));
        assertClose(exact.value(), fast.value(), spec + " value");
        for (String input : spec.loss().differentiableInputs()) {
            assertClose(exact.gradients().get(input), fast.gradients().get(input), spec + " d/d" + input);
        }
    }

    private static void assertClose(Tensor exact, Tensor fast, String what) {
        assertArrayEquals(exact.shape(), fast.shape(), what);
        for (int i = 0; i < exact.size(); i++) {
            double e = exact.getDouble(i);
            double f = fast.getDouble(i);
            // A few ULPs, or (for terms that cancel to nearly 0) a few ULPs of the inputs' scale.
            double ulps = Numbers.ulpDistance(e, f, DType.FLOAT64);
            assertTrue(ulps <= 8 || Math.abs(e - f) <= 1e-15, () -> what + exact.indexOf(0) + ": exact "
                    + Numbers.format(e, DType.FLOAT64) + " fast " + Numbers.format(f, DType.FLOAT64) + " (" + ulps
                    + " ULPs)");
        }
    }

    @Test
    void largeInputsTakeTheFastPathAndTheLimitIsConfigurable() throws Exception {
        LossSpec spec = Fixtures.spec(LossKind.HUBER, Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        Map<String, Tensor> in = Fixtures.randomInputs(spec, 10, 20, 5, false);
        ReferenceEngine small = new ReferenceEngine(EngineConfig.of(Map.of(ReferenceEngine.EXACT_LIMIT_KEY, "100")));
        assertEquals("fast-double", small.evaluate(spec, in).notes().get("path"));
        assertEquals("arbitrary-precision", engine.evaluate(spec, in).notes().get("path"));
        assertEquals(small.evaluate(spec, in).value(), engine.evaluate(spec, in).value(),
                "float32 value identical on both paths");
    }

    @Test
    void aMillionElementsRunOnTheFastPath() throws Exception {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 1000) / 1000.0;
            y[i] = ((i * 7) % 1000) / 1000.0;
        }
        LossSpec spec = Fixtures.spec(LossKind.BCE_WITH_LOGITS, Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        LossResult r = engine.evaluate(spec, Fixtures.inputs(Inputs.PREDICTION, Fixtures.vec(DType.FLOAT32, x),
                Inputs.TARGET, Fixtures.vec(DType.FLOAT32, y)));
        assertEquals("fast-double", r.notes().get("path"));
        assertEquals(n, r.gradients().get(Inputs.PREDICTION).size());
        assertTrue(r.value().getDouble(0) > 0 && Double.isFinite(r.value().getDouble(0)));
    }
}
