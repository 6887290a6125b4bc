package org.lossparity.engine.tensorflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;

/**
 * One loss compiled for one (spec, input shapes): a graph with a placeholder per input, the loss value and its
 * graph-mode gradients, and the session that runs it. Reused for every evaluation with the same key; owns the
 * native graph and session until {@link #close()}.
 */
final class LossGraph implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final Map<String, Placeholder<?>> placeholders;
    private final Map<String, DType> feedTypes;
    private final Output<?> value;
    private final Map<String, Output<?>> gradients;
    private final Map<String, String> notes;

    private LossGraph(Graph graph, Session session, Map<String, Placeholder<?>> placeholders,
                      Map<String, DType> feedTypes, Output<?> value, Map<String, Output<?>> gradients,
                      Map<String, String> notes) {
        this.graph = graph;
        this.session = session;
        this.placeholders = placeholders;
        this.feedTypes = feedTypes;
        this.value = value;
        this.gradients = gradients;
        this.notes = notes;
    }

    /** Builds the graph for {@code spec} on inputs of the given shapes (by input name). */
    static LossGraph build(LossSpec spec, Map<String, long[]> shapes, ConfigProto config) throws EngineException {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Map<String, Placeholder<?>> placeholders = new LinkedHashMap<>();
            Map<String, DType> feedTypes = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                DType type = LossDefinitions.feedType(spec, e.getKey());
                feedTypes.put(e.getKey(), type);
                placeholders.put(e.getKey(), tf.withName(e.getKey()).placeholder(
                        TensorConversions.tfType(type), Placeholder.shape(Shape.of(e.getValue()))));
            }
            LossDefinitions.Defined defined = LossDefinitions.define(tf, spec, placeholders);

            List<String> wrt = new ArrayList<>();
            for (String name : spec.loss().differentiableInputs()) {
                if (placeholders.containsKey(name)) {
                    wrt.add(name);
                }
            }
            Map<String, Output<?>> gradients = new LinkedHashMap<>();
            if (!wrt.isEmpty()) {
                Output<?>[] xs = wrt.stream().map(n -> placeholders.get(n).output()).toArray(Output<?>[]::new);
                Output<?>[] dxs = graph.addGradients(defined.gradientTarget().asOutput(), xs);
                for (int i = 0; i < xs.length; i++) {
                    gradients.put(wrt.get(i), dxs[i]);
                }
            }
            Session session = new Session(graph, config);
            return new LossGraph(graph, session, placeholders, feedTypes, defined.value().asOutput(), gradients,
                    defined.notes());
        } catch (RuntimeException e) {
            graph.close();
            throw new EngineException("TensorFlow could not build the graph for " + spec.displayName()
                    + " on input shapes " + describe(shapes) + ": " + e.getMessage(), e);
        }
    }

    /** Runs the compiled loss on {@code inputs}; every native tensor made or returned here is closed here. */
    LossResult run(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        List<org.tensorflow.Tensor> fed = new ArrayList<>(placeholders.size());
        try {
            Session.Runner runner = session.runner();
            for (Map.Entry<String, Placeholder<?>> e : placeholders.entrySet()) {
                org.tensorflow.Tensor t = TensorConversions.toNative(inputs.get(e.getKey()), feedTypes.get(e.getKey()));
                fed.add(t);
                runner.feed(e.getValue(), t);
            }
            runner.fetch(value);
            gradients.values().forEach(runner::fetch);
            try (Result result = runner.run()) {
                Tensor v = TensorConversions.fromNative(result.get(0));
                Map<String, Tensor> grads = new LinkedHashMap<>();
                int i = 1;
                for (String name : gradients.keySet()) {
                    grads.put(name, TensorConversions.fromNative(result.get(i++)));
                }
                return new LossResult(v, grads, notes);
            }
        } catch (TensorFlowException | IllegalArgumentException | IllegalStateException e) {
            throw new EngineException("TensorFlow failed to evaluate " + spec.displayName() + ": " + e.getMessage(), e);
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }

    private static String describe(Map<String, long[]> shapes) {
        StringBuilder sb = new StringBuilder("{");
        shapes.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append('=').append(Arrays.toString(v)));
        return sb.append('}').toString();
    }
}
