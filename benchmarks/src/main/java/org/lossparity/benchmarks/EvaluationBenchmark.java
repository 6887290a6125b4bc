package org.lossparity.benchmarks;

import java.util.concurrent.TimeUnit;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one evaluation (value and gradients) through the {@code LossEngine} API, per engine, workload and
 * dtype: what the parity suite pays per case, including the conversion of the inputs to the engine's tensors and
 * of the results back. Engines are picked by name ({@code reference-fast} is the reference engine held to its IEEE
 * double path, see {@link OpenEngine}); one that is absent or cannot start fails its own setup with the reason and
 * JMH goes on with the other parameter combinations. At these sizes the plain {@code reference} takes its exact
 * (BigDecimal) path, which is orders of magnitude slower by design.
 *
 * <p>Short by default (1 fork, 2×1 s warm-up, 3×1 s measurement); see the README for longer runs and for
 * throughput ({@code -bm thrpt}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class EvaluationBenchmark {

    @Param({"reference", "reference-fast", "tensorflow", "pytorch", "djl"})
    public String engine;

    @Param({"mse_64x128", "bce_with_logits_64x128", "sparse_ce_32x1000", "triplet_64x128"})
    public String workload;

    @Param({"float32", "float64"})
    public String dtype;

    private PreparedEvaluation evaluation;

    @Setup(Level.Trial)
    public void setUp() {
        evaluation = PreparedEvaluation.prepare(engine, Workload.fromId(workload), DType.fromJsonName(dtype));
    }

    @Benchmark
    public LossResult evaluate() throws EngineException {
        return evaluation.evaluate();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (evaluation != null) {
            evaluation.close();
        }
    }
}
