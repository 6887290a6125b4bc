package org.lossparity.reports.json;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.compare.TensorComparison;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.result.CaseRef;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.Environment;
import org.lossparity.core.result.ErrorHistogram;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ExpectedData;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.LoadProblem;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.RunInfo;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

/** Hand-built runs for report tests, exercising every optional part and every special number. */
final class SampleRuns {
    private SampleRuns() {}

    static final LossSpec HUBER = LossSpec.of(LossKind.HUBER, Map.of("delta", 1.0), Reduction.MEAN, Convention.PYTORCH,
            DType.FLOAT32);

    /** A run whose pytorch value is {@code pytorchValue} against a reference of 0.5 (float32). */
    static ParityRun run(Instant when, float pytorchValue) {
        Tensor ref = Tensor.scalar(DType.FLOAT32, 0.5);
        Tensor pt = Tensor.scalar(DType.FLOAT32, pytorchValue);
        Tolerance tol = Tolerance.FLOAT32;
        var detail = TensorComparison.compare(pt, ref, tol);
        Verdict v = detail.passed() ? Verdict.PASS : Verdict.FAILURE;
        Tensor special = Tensor.ofFloats(DType.FLOAT32, new long[] {5},
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1.4e-45});
        Tensor big = Tensor.ofFloats(DType.FLOAT64, new long[] {3000}, new double[3000]);
        Tensor labels = Tensor.ofInt64(new long[] {2}, new long[] {3, 0});
        CaseRef ref1 = new CaseRef("data/huber.json", "/cases/10", "ties", "ties-at-delta <b>&\"", HUBER.displayName()
                + " [ties-at-delta]", HUBER, tol, "huber", "g1");
        EngineIdentity id = new EngineIdentity("pytorch", Convention.PYTORCH, "DJL 0.36.0", "libtorch 2.7.1",
                EnumSet.of(DType.FLOAT32, DType.FLOAT64), 1, Map.of("cpu", "AVX2"));
        Comparison c1 = new Comparison(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "pytorch[pytorch]",
                "reference[pytorch]", v, Optional.of(detail), detail.maxUlps(), detail.toleranceFraction(),
                Optional.of(ErrorHistogram.of(new long[] {1, 0, 0, 0, 0, 0, 0, 0})), detail.message(), Optional.empty(),
                Optional.empty(), Optional.empty(), Double.NaN, Double.NaN, List.of());
        Comparison c2 = new Comparison(ComparisonKind.ENGINE_PAIR, Quantity.gradient("prediction"), "pytorch[pytorch]",
                "tensorflow[keras]", Verdict.SEMANTIC_DIVERGENCE, Optional.empty(), Double.POSITIVE_INFINITY, Double.NaN,
                Optional.empty(), "rule r1 explains it", Optional.of("r1"), Optional.empty(), Optional.of("pytorch"), 0, 3,
                List.of("r1: indices [0]"));
        Comparison c3 = new Comparison(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "djl[pytorch]",
                "reference[pytorch]", Verdict.UNSUPPORTED, Optional.empty(), Double.NaN, Double.NaN, Optional.empty(),
                "djl unsupported: no Huber in DJL", Optional.empty(), Optional.empty(), Optional.empty(), Double.NaN,
                Double.NaN, List.of());
        Evaluation e1 = new Evaluation("pytorch", Convention.PYTORCH, Optional.of(HUBER), "", Evaluation.Status.OK,
                Optional.of(TensorData.of(pt)), Map.of("prediction", TensorData.of(special)), Map.of("op", "huber_loss"), "");
        Evaluation e2 = new Evaluation("djl", Convention.PYTORCH, Optional.empty(), "", Evaluation.Status.UNSUPPORTED,
                Optional.empty(), Map.of(), Map.of(), "no Huber in DJL");
        CaseResult case1 = new CaseResult(ref1, Map.of("prediction", TensorData.of(special), "target", TensorData.of(big),
                "labels", TensorData.of(labels)),
                Optional.of(new ExpectedData(Optional.of(TensorData.of(ref)), Map.of(), "hand-verified: 0.5")),
                List.of(e2, e1), List.of(c1, c2, c3));
        return new ParityRun(new RunInfo("0.1.0-test", when, new Environment("17", "Linux", "cpu", 2)),
                new RunSettings("fixtures/data", List.of("pytorch"), "huber"),
                List.of(new EngineStatus("djl", false, "native library missing", Optional.empty()),
                        new EngineStatus("pytorch", true, "", Optional.of(id))),
                List.of(case1), List.of(new LoadProblem("data/bad.json", "/cases/0", "unknown loss 'x'")),
                List.of(new DivergenceRule("r1", "title", List.of("huber"), "a", "b", "c", "ties-at-delta", "none")),
                List.of(new KnownDefect("k1", "djl", "mse", "mean", "", Optional.of("x.*"), "any", "L2Loss", "weight=1",
                        "half", "data/mse.json")));
    }
}
