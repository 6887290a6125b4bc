package org.lossparity.engine.tensorflow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.spec.LossSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Compiled loss graphs by (spec, input shapes), least recently used first out. Building a graph and its session
 * costs far more than running it, and the parity suite evaluates the same spec on many same-shaped cases; the
 * bound keeps a long run from accumulating native graphs. Evicted graphs are closed at once.
 */
final class GraphCache implements AutoCloseable {

    /** What makes two evaluations share a graph. Shapes are lists so that equality is by value. */
    record Key(LossSpec spec, Map<String, List<Long>> shapes) {
        static Key of(LossSpec spec, Map<String, long[]> shapes) {
            Map<String, List<Long>> copy = new LinkedHashMap<>();
            shapes.forEach((k, v) -> copy.put(k, Arrays.stream(v).boxed().toList()));
            return new Key(spec, copy);
        }
    }

    private final int capacity;
    private final ConfigProto config;
    private final LinkedHashMap<Key, LossGraph> graphs = new LinkedHashMap<>(16, 0.75f, true);
    private long builds;

    GraphCache(int capacity, ConfigProto config) {
        if (capacity < 1) {
            throw new IllegalArgumentException("graph cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.config = config;
    }

    LossGraph get(LossSpec spec, Map<String, long[]> shapes) throws EngineException {
        Key key = Key.of(spec, shapes);
        LossGraph graph = graphs.get(key);
        if (graph == null) {
            graph = LossGraph.build(spec, shapes, config);
            builds++;
            graphs.put(key, graph);
            if (graphs.size() > capacity) {
                var eldest = graphs.entrySet().iterator().next();
                graphs.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return graph;
    }

    int size() {
        return graphs.size();
    }

    /** How many graphs were built so far (a cache hit builds none). */
    long builds() {
        return builds;
    }

    @Override
    public void close() {
        for (LossGraph g : graphs.values()) {
            g.close();
        }
        graphs.clear();
    }
}
