package org.lossparity.benchmarks;

import java.util.concurrent.TimeUnit;
import org.lossparity.core.tensor.DType;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

/**
 * One evaluation (value and gradient) of mse on 10^6 elements ([1000, 1000]) per engine and dtype. The reference
 * engine takes its fast double path here on its own (the input is above its exact-path limit), so this compares
 * that path with the native engines on a size where conversion of the inputs and the per-element work dominate
 * any fixed per-call cost.
 *
 * <p>Short by default (1 fork, 2×1 s warm-up, 3×1 s measurement); see the README for longer runs.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LargeInputBenchmark extends PreparedEvaluationBenchmark {

    @Param({"reference", "tensorflow", "pytorch", "djl"})
    public String engine;

    @Param({"mse_1m"})
    public String workload;

    @Override
    protected PreparedEvaluation prepare() {
        return PreparedEvaluation.prepare(engine, Workload.fromId(workload), DType.fromJsonName(dtype));
    }
}
