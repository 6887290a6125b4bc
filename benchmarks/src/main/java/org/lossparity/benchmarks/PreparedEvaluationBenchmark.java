package org.lossparity.benchmarks;

import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every evaluation benchmark times: one {@link PreparedEvaluation}, prepared once per trial and closed after
 * it, in both float dtypes, with the short run settings below. JMH's class annotations are inherited, so a
 * subclass states only its engines, workloads and time unit; JMH names each benchmark after its subclass.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public abstract class PreparedEvaluationBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    private PreparedEvaluation evaluation;

    /** The evaluation this trial times, from the subclass's JMH parameters and {@link #dtype}. */
    protected abstract PreparedEvaluation prepare();

    @Setup(Level.Trial)
    public void setUp() {
        evaluation = prepare();
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
