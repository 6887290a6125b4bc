package org.lossparity.engine.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.InputCheck;
import org.lossparity.core.engine.UnsupportedCaseException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;
import org.tensorflow.proto.ConfigProto;

/**
 * Evaluates loss specs with the native TensorFlow runtime through TensorFlow Java: the framework's Keras loss
 * classes (and subclasses of its loss base for the custom losses) in graph mode, with gradients from
 * {@code Graph.addGradients}. One thread at a time, as the SPI says.
 */
public final class TensorFlowEngine implements LossEngine {

    /** Maximum number of compiled (spec, shapes) graphs kept alive. */
    public static final String GRAPH_CACHE = "lossparity.tensorflow.graphCache";
    static final int DEFAULT_GRAPH_CACHE = 64;

    private final EngineIdentity identity;
    private final GraphCache graphs;
    private boolean closed;

    TensorFlowEngine(EngineConfig config, String nativeVersion) {
        int threads = config.threads();
        ConfigProto session = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
        int capacity;
        try {
            capacity = config.get(GRAPH_CACHE).map(String::trim).map(Integer::parseInt).orElse(DEFAULT_GRAPH_CACHE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GRAPH_CACHE + " must be a positive integer, got '"
                    + config.get(GRAPH_CACHE).orElse("") + "'");
        }
        this.graphs = new GraphCache(capacity, session);
        this.identity = identity(threads, nativeVersion);
    }

    private static EngineIdentity identity(int threads, String nativeVersion) {
        String javaVersion = NativeRuntime.artifactVersion(org.tensorflow.TensorFlow.class, "org.tensorflow",
                "tensorflow-core-api");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("tensorflow_framework", NativeRuntime.artifactVersion(
                org.tensorflow.framework.losses.Loss.class, "org.tensorflow", "tensorflow-framework"));
        details.put("protobuf_java", NativeRuntime.artifactVersion(com.google.protobuf.Message.class,
                "com.google.protobuf", "protobuf-java"));
        details.put("intra_op_threads", Integer.toString(threads));
        details.put("inter_op_threads", Integer.toString(threads));
        details.put("execution", "graph mode, one cached Session per (spec, input shapes)");
        details.put("deterministic_ops", RuntimeEnvironment.deterministicOps());
        details.put("onednn_opts", RuntimeEnvironment.oneDnn());
        details.put("tf_cpp_min_log_level", RuntimeEnvironment.logLevel());
        details.put("device", "CPU");
        return new EngineIdentity(TensorFlowEngineProvider.NAME, Convention.KERAS, "TensorFlow Java " + javaVersion,
                "TensorFlow " + nativeVersion, Set.of(DType.FLOAT32, DType.FLOAT64), threads, details);
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public Support supports(LossSpec spec) {
        try {
            return TensorFlowSupport.of(spec);
        } catch (RuntimeException e) {
            return Support.no("support check failed: " + e);
        }
    }

    @Override
    public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        if (closed) {
            throw new EngineException("the TensorFlow engine is closed");
        }
        Support support = supports(spec);
        if (!support.supported()) {
            throw new EngineException("TensorFlow does not evaluate " + spec.displayName() + ": " + support.reason());
        }
        Map<String, long[]> shapes = shapesOf(spec, inputs);
        return graphs.get(spec, shapes).run(spec, inputs);
    }

    /** Input shapes in a canonical order; refuses inputs the loss does not take here instead of ignoring them. */
    private static Map<String, long[]> shapesOf(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        List<String> accepted = new ArrayList<>(spec.loss().requiredInputs());
        accepted.addAll(acceptedOptionalInputs(spec));
        for (String required : spec.loss().requiredInputs()) {
            if (!inputs.containsKey(required)) {
                throw new EngineException(spec.displayName() + " needs input '" + required + "'; got "
                        + inputs.keySet());
            }
        }
        for (String name : inputs.keySet()) {
            if (!accepted.contains(name)) {
                throw new UnsupportedCaseException("input '" + name + "' is not accepted for " + spec.displayName()
                        + " by the TensorFlow engine (accepted: " + accepted + ")" + whyNot(spec));
            }
        }
        // Refused rather than converted: a float32 input fed to a float64 graph would be a different problem.
        InputCheck.requireDtypes(spec, inputs);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : accepted) {
            Tensor t = inputs.get(name);
            if (t != null) {
                shapes.put(name, t.shape());
            }
        }
        return shapes;
    }

    private static String whyNot(LossSpec spec) {
        return spec.convention() == Convention.KERAS
                ? ": Keras loss classes take only labels, predictions and sample weights"
                : ": the loss has no such input";
    }

    private static List<String> acceptedOptionalInputs(LossSpec spec) {
        if (spec.convention() == Convention.KERAS) {
            return spec.loss().optionalInputs().contains(Inputs.SAMPLE_WEIGHT) ? List.of(Inputs.SAMPLE_WEIGHT)
                    : List.of();
        }
        return TorchStyleSupport.optionalInputs(spec);
    }

    /** Compiled graphs currently alive (for tests of the cache bound). */
    int cachedGraphs() {
        return graphs.size();
    }

    long graphBuilds() {
        return graphs.builds();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            graphs.close();
        }
    }
}
