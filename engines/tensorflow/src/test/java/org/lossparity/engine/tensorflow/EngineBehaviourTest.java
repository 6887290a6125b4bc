package org.lossparity.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossparity.engine.tensorflow.EngineFixture.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.EngineUnavailableException;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class EngineBehaviourTest {

    private static final DType F32 = DType.FLOAT32;

    @Test
    void discoveredByServiceLoaderAndStartedByTheRegistry() {
        assertTrue(EngineRegistry.providers().stream().anyMatch(p -> p.name().equals("tensorflow")));
        try (EngineRegistry registry = EngineRegistry.start(List.of("tensorflow"), EngineConfig.of(Map.of()))) {
            assertTrue(registry.unavailable().isEmpty(), registry.unavailable().toString());
            assertTrue(registry.engines().containsKey("tensorflow"));
        }
    }

    @Test
    void identityNamesVersionsThreadsAndDeterminism() {
        try (TensorFlowEngine engine = (TensorFlowEngine) startWith(Map.of(EngineConfig.THREADS, "2"))) {
            EngineIdentity id = engine.identity();
            assertEquals("tensorflow", id.name());
            assertEquals(Convention.KERAS, id.convention());
            assertEquals("TensorFlow Java 1.1.0", id.library(), "read from the jar's pom.properties");
            assertTrue(id.runtime().matches("TensorFlow \\d+\\.\\d+\\.\\d+.*"), id.runtime());
            assertEquals(2, id.threads());
            assertEquals("2", id.details().get("intra_op_threads"));
            assertEquals("2", id.details().get("inter_op_threads"));
            // The module's surefire configuration sets TF_DETERMINISTIC_OPS=1 for the native library.
            String deterministic = id.details().get("deterministic_ops");
            assertTrue(deterministic.startsWith("1".equals(System.getenv("TF_DETERMINISTIC_OPS")) ? "on" : "off"),
                    deterministic);
            assertEquals("1", System.getenv("TF_DETERMINISTIC_OPS"), "surefire should run with deterministic ops");
            assertEquals("2", System.getenv("TF_CPP_MIN_LOG_LEVEL"), "surefire should silence TF INFO/WARNING logs");
            assertEquals("3.21.9", id.details().get("protobuf_java"));
            assertEquals(java.util.Set.of(DType.FLOAT32, DType.FLOAT64), id.dtypes());
        }
        try (TensorFlowEngine engine = EngineFixture.start()) {
            assertEquals(1, engine.identity().threads(), "one intra-op thread by default");
        }
    }

    @Test
    void failedNativeLoadBecomesUnavailableWithTheReason() {
        EngineUnavailableException e = NativeRuntime.unavailable(
                new ExceptionInInitializerError(new UnsatisfiedLinkError("no jnitensorflow in java.library.path")));
        assertTrue(e.getMessage().contains("TensorFlow native library could not be loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("no jnitensorflow in java.library.path"), e.getMessage());
        assertTrue(e.getMessage().contains("tensorflow-core-native"), e.getMessage());
        EngineUnavailableException thrown = assertThrows(EngineUnavailableException.class, () -> NativeRuntime.load(
                () -> {
                    throw new UnsatisfiedLinkError("libtensorflow_cc.so.2: cannot open shared object file");
                }));
        assertTrue(thrown.getMessage().contains("cannot open shared object file"), thrown.getMessage());
        assertTrue(thrown.getCause() instanceof UnsatisfiedLinkError);
        EngineUnavailableException direct = NativeRuntime.unavailable(new NoClassDefFoundError(
                "Could not initialize class org.tensorflow.TensorFlow"));
        assertTrue(direct.getMessage().contains("Could not initialize class"), direct.getMessage());
    }

    @Test
    void everySpecIsEitherSupportedWithAHowOrRefusedWithAReason() {
        try (TensorFlowEngine engine = EngineFixture.start()) {
            for (LossKind loss : LossKind.values()) {
                for (Convention c : Convention.values()) {
                    for (Reduction r : Reduction.values()) {
                        if (!r.definedIn(c) || (r == Reduction.BATCHMEAN && loss != LossKind.KL_DIV
                                && loss != LossKind.DISTILLATION_KL)) {
                            continue;
                        }
                        var spec = org.lossparity.core.spec.LossSpec.of(loss, Map.of(), r, c, F32);
                        Support s = engine.supports(spec);
                        assertFalse(s.reason().isBlank(), spec + " needs a how or a why");
                        if (c == Convention.PYTORCH) {
                            assertTrue(s.reason().startsWith("built from TF ops"), spec + ": " + s.reason());
                        }
                    }
                }
            }
        }
    }

    @Test
    void inputsOfAnotherFloatDtypeAreRefusedNotConverted() {
        try (TensorFlowEngine engine = EngineFixture.start()) {
            var spec = torch(LossKind.SPARSE_CATEGORICAL_CE, Reduction.MEAN, DType.FLOAT64, "ignore_index", 0L);
            EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(spec,
                    inputs(Inputs.PREDICTION, t(DType.FLOAT64, shape(1, 2), 0, 1), Inputs.TARGET, labels(shape(1), 0),
                            Inputs.SAMPLE_WEIGHT, t(F32, shape(1), 1))));
            assertTrue(e.getMessage().contains("'sample_weight'") && e.getMessage().contains("must be float64")
                    && e.getMessage().contains("got float32"), e.getMessage());
        }
    }

    @Test
    void inputsWithoutMeaningAreRefusedNotIgnored() {
        try (TensorFlowEngine engine = EngineFixture.start()) {
            var spec = keras(LossKind.BCE_WITH_LOGITS, Reduction.SUM, F32);
            Tensor x = t(F32, shape(2), 0, 1);
            EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(spec,
                    inputs(Inputs.PREDICTION, x, Inputs.TARGET, x, Inputs.POS_WEIGHT, t(F32, shape(2), 2, 2))));
            assertTrue(e.getMessage().contains("pos_weight"), e.getMessage());
            EngineException missing = assertThrows(EngineException.class, () -> engine.evaluate(spec,
                    inputs(Inputs.PREDICTION, x)));
            assertTrue(missing.getMessage().contains("target"), missing.getMessage());
            EngineException floatLabels = assertThrows(EngineException.class, () -> engine.evaluate(
                    keras(LossKind.SPARSE_CATEGORICAL_CE, Reduction.SUM, F32),
                    inputs(Inputs.PREDICTION, t(F32, shape(1, 2), 0, 1), Inputs.TARGET, t(F32, shape(1), 1))));
            assertTrue(floatLabels.getMessage().contains("int64"), floatLabels.getMessage());
        }
    }

    @Test
    void runtimeFailuresBecomeEngineExceptionsNamingTheSpec() {
        try (TensorFlowEngine engine = EngineFixture.start()) {
            // Probabilities outside [0, 1] trip the framework's range check at run time.
            var spec = keras(LossKind.BCE, Reduction.SUM, F32);
            EngineException e = assertThrows(EngineException.class, () -> engine.evaluate(spec,
                    inputs(Inputs.PREDICTION, t(F32, shape(2), 0.5, 1.5), Inputs.TARGET, t(F32, shape(2), 0, 1))));
            assertTrue(e.getMessage().contains(spec.displayName()), e.getMessage());
            // Mismatched shapes fail while building the graph.
            EngineException shapes = assertThrows(EngineException.class, () -> engine.evaluate(
                    keras(LossKind.MSE, Reduction.SUM, F32),
                    inputs(Inputs.PREDICTION, t(F32, shape(2), 0, 1), Inputs.TARGET, t(F32, shape(3), 0, 1, 2))));
            assertTrue(shapes.getMessage().contains("input shapes"), shapes.getMessage());
        }
    }

    @Test
    void graphsAreReusedPerSpecAndShapeAndTheCacheIsBounded() throws Exception {
        try (TensorFlowEngine engine = (TensorFlowEngine) startWith(Map.of(TensorFlowEngine.GRAPH_CACHE, "2"))) {
            var mse = keras(LossKind.MSE, Reduction.SUM, F32);
            Tensor a = t(F32, shape(2), 0, 1);
            Tensor b = t(F32, shape(2), 5, 7);
            double first = engine.evaluate(mse, inputs(Inputs.PREDICTION, a, Inputs.TARGET, b)).value().getDouble(0);
            double again = engine.evaluate(mse, inputs(Inputs.PREDICTION, b, Inputs.TARGET, a)).value().getDouble(0);
            assertEquals(first, again);
            assertEquals(1, engine.graphBuilds(), "same spec and shapes share one graph");
            engine.evaluate(mse, inputs(Inputs.PREDICTION, t(F32, shape(3), 0, 1, 2), Inputs.TARGET,
                    t(F32, shape(3), 0, 1, 2)));
            engine.evaluate(keras(LossKind.MAE, Reduction.SUM, F32), inputs(Inputs.PREDICTION, a, Inputs.TARGET, b));
            assertEquals(3, engine.graphBuilds());
            assertEquals(2, engine.cachedGraphs(), "least recently used graph closed beyond the bound");
            // The evicted graph is rebuilt on demand and still gives the same value.
            assertEquals(first, engine.evaluate(mse, inputs(Inputs.PREDICTION, a, Inputs.TARGET, b)).value()
                    .getDouble(0));
            assertEquals(4, engine.graphBuilds());
        }
    }

    @Test
    void closedEngineRefusesWork() {
        TensorFlowEngine engine = EngineFixture.start();
        engine.close();
        engine.close();
        assertThrows(EngineException.class, () -> engine.evaluate(keras(LossKind.MSE, Reduction.SUM, F32),
                inputs(Inputs.PREDICTION, t(F32, shape(1), 0), Inputs.TARGET, t(F32, shape(1), 0))));
    }

    private static org.lossparity.core.engine.LossEngine startWith(Map<String, String> config) {
        try {
            return new TensorFlowEngineProvider().create(EngineConfig.of(config));
        } catch (EngineUnavailableException e) {
            throw new AssertionError(e);
        }
    }
}
