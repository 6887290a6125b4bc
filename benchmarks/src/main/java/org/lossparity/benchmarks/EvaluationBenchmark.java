package org.lossparity.benchmarks;

import java.util.concurrent.TimeUnit;
import org.lossparity.core.tensor.DType;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

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
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark extends PreparedEvaluationBenchmark {

    @Param({"reference", "reference-fast", "tensorflow", "pytorch", "djl"})
    public String engine;

    @Param({"mse_64x128", "bce_with_logits_64x128", "sparse_ce_32x1000", "triplet_64x128"})
    public String workload;

    @Override
    protected PreparedEvaluation prepare() {
        return PreparedEvaluation.prepare(engine, Workload.fromId(workload), DType.fromJsonName(dtype));
    }
}
