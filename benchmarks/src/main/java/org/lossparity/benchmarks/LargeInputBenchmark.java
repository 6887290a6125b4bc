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
 * One evaluation (value and gradient) of mse on 10^6 elements ([1000, 1000]) per engine and dtype. The reference
 * engine takes its fast double path here on its own (the input is above its exact-path limit), so this compares
 * that path with the native engines on a size where conversion of the inputs and the per-element work dominate
 * any fixed per-call cost.
 *
 * <p>Short by default (1 fork, 2×1 s warm-up, 3×1 s measurement); see the README for longer runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class LargeInputBenchmark {

    @Param({"reference", "tensorflow", "pytorch", "djl"})
    public String engine;

    @Param({"mse_1m"})
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
