package org.lossparity.reports.html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lossparity.core.compare.ComparisonResult;
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
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Hand-built parity runs for the report tests: every verdict, hostile strings from "fixtures" and "engines", a
 * truncated big tensor, an unavailable engine and a load problem. Comparisons are computed by the core's real
 * TensorComparison on the tensors given, so messages and ULPs are what the runner would write.
 */
final class SampleRun {
    static final String HOSTILE = "<script>alert(1)</script>\"&'";
    static final String HOSTILE_ATTRIBUTE = "x\" onmouseover=\"alert(2)";

    static final Quantity GRAD_PREDICTION = Quantity.gradient("prediction");
    static final float MSE_PYTORCH = 0.1f;
    static final float MSE_TENSORFLOW = 0.100000009f;

    private SampleRun() {}

    static Tensor f32(float... v) {
        return Tensor.ofFloat32(new long[] {v.length}, v);
    }

    static Tensor scalar32(float v) {
        return Tensor.ofFloat32(new long[] {}, new float[] {v});
    }

    static Tensor scalar64(double v) {
        return Tensor.scalar(DType.FLOAT64, v);
    }

    static EngineIdentity identity(String name, Convention c, String library, String runtime, int threads) {
        return new EngineIdentity(name, c, library, runtime, Set.of(DType.FLOAT64, DType.FLOAT32), threads,
                Map.of("inter-op threads", "1", "note", "deterministic " + HOSTILE));
    }

    static ParityRun build() {
        List<CaseResult> cases = new ArrayList<>();
        cases.add(mse());
        cases.add(bceSemantic());
        cases.add(huberNumerical());
        cases.add(klFailure());
        cases.add(smoothL1ExpectedFailure());
        cases.add(tripletUnexpectedPass());
        cases.add(sparseUnsupported());
        cases.add(categoricalError());
        cases.add(hostile());
        cases.add(bigInput());
        cases.sort(java.util.Comparator.comparing(CaseResult::ref));
        return run(cases);
    }

    static ParityRun run(List<CaseResult> cases) {
        List<EngineStatus> engines = List.of(
                new EngineStatus("djl", true, "", Optional.of(identity("djl", Convention.PYTORCH, "DJL 0.36.0",
                        "libtorch 2.7.1", 2))),
                new EngineStatus("onnx", false, "native library missing: " + HOSTILE, Optional.empty()),
                new EngineStatus("pytorch", true, "", Optional.of(identity("pytorch", Convention.PYTORCH,
                        "DJL 0.36.0", "libtorch 2.7.1", 2))),
                new EngineStatus("reference", true, "", Optional.of(identity("reference", Convention.PYTORCH,
                        "lossparity", "pure Java", 0))),
                new EngineStatus("tensorflow", true, "", Optional.of(identity("tensorflow", Convention.KERAS,
                        "TensorFlow Java 1.1.0", "TensorFlow 2.18.0", 2))));
        List<DivergenceRule> rules = List.of(new DivergenceRule("bce-clip-vs-log-clamp",
                "BCE on probabilities: Keras clips p, PyTorch clamps each log at -100", List.of("bce"),
                "l = -(y * max(log p, -100) + (1 - y) * max(log(1 - p), -100))",
                "p' = clip(p, eps, 1 - eps) with eps < 1e-7 & " + HOSTILE, "elements with p < 1e-7",
                "probabilities-0-and-1", "bce-clipping"));
        List<KnownDefect> defects = List.of(
                new KnownDefect("djl-smooth-l1-beta", "djl", "smooth_l1", "", "", Optional.empty(), "any",
                        "ai.djl.training.loss.L1Loss", "weight=1", "ignores beta <b>", "smooth_l1.json"),
                new KnownDefect("djl-triplet-margin", "djl", "triplet_margin", "mean", "float64",
                        Optional.of("rand.*"), "value", "ai.djl.training.loss.TripletLoss", "margin=1",
                        "squared distances", "triplet_margin.json"));
        List<LoadProblem> problems = List.of(new LoadProblem("broken/" + HOSTILE + ".json", "/cases/2/inputs",
                "expected an array, got " + HOSTILE));
        RunInfo info = new RunInfo("0.1.0-SNAPSHOT", Instant.parse("2026-12-04T20:00:00Z"),
                new Environment("17.0.13 (Test VM)", "Linux 6.1 amd64", "Test CPU @ 2.0GHz", 2));
        RunSettings settings = new RunSettings("fixtures/data", List.of(), "");
        return new ParityRun(info, settings, engines, cases, problems, rules, defects);
    }

    // --- the cases -----------------------------------------------------------------------------------------

    private static CaseResult mse() {
        LossSpec spec = LossSpec.of(LossKind.MSE, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        CaseBuilder b = new CaseBuilder("mse.json", 0, "random", spec)
                .input("prediction", f32(0.5f, -1.25f, 2f)).input("target", f32(0.25f, -1f, 2.5f))
                .expected(scalar32(0.125f), "closed form");
        Tensor gp = f32(0.166666672f, -0.166666672f, -0.333333343f);
        Tensor gt = f32(0.166666672f, -0.166666657f, -0.333333343f);
        b.ok("reference", Convention.PYTORCH, scalar32(MSE_PYTORCH), gp)
                .ok("reference", Convention.KERAS, scalar32(MSE_TENSORFLOW), gp)
                .ok("pytorch", Convention.PYTORCH, scalar32(MSE_PYTORCH), gp)
                .ok("tensorflow", Convention.KERAS, scalar32(MSE_TENSORFLOW), gt);
        b.compare(ComparisonKind.REFERENCE_VS_EXPECTED, Quantity.VALUE, "reference[pytorch]", "expected",
                Verdict.PASS, scalar32(0.125f), scalar32(0.125f), "");
        for (Quantity q : List.of(Quantity.VALUE, GRAD_PREDICTION)) {
            Tensor mine = q.isGradient() ? gp : scalar32(MSE_PYTORCH);
            Tensor theirs = q.isGradient() ? gt : scalar32(MSE_TENSORFLOW);
            b.compare(ComparisonKind.ENGINE_VS_REFERENCE, q, "pytorch[pytorch]", "reference[pytorch]", Verdict.PASS,
                    mine, mine, "");
            b.compare(ComparisonKind.ENGINE_VS_REFERENCE, q, "tensorflow[keras]", "reference[keras]", Verdict.PASS,
                    theirs, q.isGradient() ? gp : theirs, "");
            b.pair(q, Verdict.PASS, mine, theirs, "", null, null, Double.NaN, Double.NaN);
        }
        return b.build();
    }

    private static CaseResult bceSemantic() {
        LossSpec spec = LossSpec.of(LossKind.BCE, Map.of(), Reduction.SUM, Convention.PYTORCH, DType.FLOAT64);
        Tensor pt = scalar64(100.0);
        Tensor tf = scalar64(15.333420378162176);
        CaseBuilder b = new CaseBuilder("bce.json", 3, "probabilities-0-and-1", spec)
                .input("prediction", Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {0.0, 1.0}))
                .input("target", Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {1.0, 1.0}))
                .ok("pytorch", Convention.PYTORCH, pt, scalar64(0)).ok("tensorflow", Convention.KERAS, tf, scalar64(0));
        b.pair(Quantity.VALUE, Verdict.SEMANTIC_DIVERGENCE, pt, tf,
                "reference[pytorch] = 100.0, reference[keras] = 15.333420378162176; rule: clip vs clamp",
                "bce-clip-vs-log-clamp", null, 0, 0, List.of("elements with p < 1e-7: indices [0]"));
        return b.build();
    }

    private static CaseResult huberNumerical() {
        LossSpec spec = LossSpec.of(LossKind.HUBER, Map.of("delta", 1.0), Reduction.MEAN, Convention.PYTORCH,
                DType.FLOAT32);
        Tensor pt = scalar32(0.3333333f);
        Tensor tf = scalar32(0.33333397f);
        CaseBuilder b = new CaseBuilder("huber.json", 1, "ties-at-delta", spec)
                .input("prediction", f32(1f, 2f, 3f)).input("target", f32(0f, 2f, 4f))
                .ok("pytorch", Convention.PYTORCH, pt, f32(0.333f, 0f, -0.333f))
                .ok("tensorflow", Convention.KERAS, tf, f32(0.333f, 0f, -0.333f));
        b.pair(Quantity.VALUE, Verdict.NUMERICAL, pt, tf, "same definition, rounding differs", null, "pytorch", 1, 12);
        return b.build();
    }

    private static CaseResult klFailure() {
        LossSpec spec = LossSpec.of(LossKind.KL_DIV, Map.of(), Reduction.BATCHMEAN, Convention.PYTORCH, DType.FLOAT32);
        Tensor ref = f32(0.1f, 0.2f, 0.3f, 0.4f);
        Tensor tf = f32(0.1f, 0.2f, 0.31f, Float.NaN);
        CaseBuilder b = new CaseBuilder("kl_div.json", 0, "random", spec)
                .input("prediction", f32(-1.2f, -0.9f, -1.6f, -2.3f)).input("target", f32(0.3f, 0.4f, 0.2f, 0.1f))
                .ok("reference", Convention.KERAS, scalar32(0.5f), ref)
                .ok("tensorflow", Convention.KERAS, scalar32(0.5f), tf);
        ComparisonResult r = TensorComparison.compare(tf, ref, Tolerance.FLOAT32);
        b.compare(ComparisonKind.ENGINE_VS_REFERENCE, GRAD_PREDICTION, "tensorflow[keras]", "reference[keras]",
                Verdict.FAILURE, tf, ref, r.message());
        return b.build();
    }

    private static CaseResult smoothL1ExpectedFailure() {
        LossSpec spec = LossSpec.of(LossKind.SMOOTH_L1, Map.of("beta", 0.5), Reduction.MEAN, Convention.PYTORCH,
                DType.FLOAT32);
        CaseBuilder b = new CaseBuilder("smooth_l1.json", 0, "beta-half", spec)
                .input("prediction", f32(1f, 2f)).input("target", f32(0f, 0f))
                .ok("djl", Convention.PYTORCH, scalar32(1.5f), f32(0.5f, 0.5f))
                .ok("reference", Convention.PYTORCH, scalar32(1.25f), f32(0.5f, 0.5f));
        b.compare(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "djl[pytorch]", "reference[pytorch]",
                Verdict.EXPECTED_FAILURE, scalar32(1.5f), scalar32(1.25f), "matches known defect djl-smooth-l1-beta",
                null, "djl-smooth-l1-beta");
        return b.build();
    }

    private static CaseResult tripletUnexpectedPass() {
        LossSpec spec = LossSpec.of(LossKind.TRIPLET_MARGIN, Map.of(), Reduction.MEAN, Convention.PYTORCH,
                DType.FLOAT64);
        Tensor v = scalar64(0.75);
        CaseBuilder b = new CaseBuilder("triplet_margin.json", 0, "random", spec)
                .input("anchor", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 2, 3, 4}))
                .input("positive", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 2, 3, 5}))
                .input("negative", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {0, 2, 3, 4}))
                .ok("djl", Convention.PYTORCH, v, Map.of())
                .ok("pytorch", Convention.PYTORCH, v, Map.of())
                .ok("tensorflow", Convention.KERAS, scalar64(0.7500000000000001), Map.of());
        b.compare(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "djl[pytorch]", "reference[pytorch]",
                Verdict.UNEXPECTED_PASS, v, v, "known defect djl-triplet-margin no longer shows", null,
                "djl-triplet-margin");
        b.pair(Quantity.VALUE, Verdict.PASS, v, scalar64(0.7500000000000001), "", null, "pytorch", 0, 1);
        return b.build();
    }

    private static CaseResult sparseUnsupported() {
        LossSpec spec = LossSpec.of(LossKind.SPARSE_CATEGORICAL_CE, Map.of("ignore_index", 0L), Reduction.MEAN,
                Convention.PYTORCH, DType.FLOAT32);
        CaseBuilder b = new CaseBuilder("sparse_categorical_crossentropy.json", 0, "ignore-index", spec)
                .input("prediction", Tensor.ofFloat32(new long[] {2, 3}, new float[] {1, 2, 3, 0, 0, 1}))
                .input("target", Tensor.ofInt64(new long[] {2}, new long[] {0, 2}))
                .failed("tensorflow", Convention.KERAS, Evaluation.Status.UNSUPPORTED,
                        "the keras convention has no ignore_index");
        b.notCompared(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "tensorflow[keras]", "reference[keras]",
                Verdict.UNSUPPORTED, "the keras convention has no ignore_index");
        return b.build();
    }

    private static CaseResult categoricalError() {
        LossSpec spec = LossSpec.of(LossKind.CATEGORICAL_CE, Map.of(), Reduction.MEAN, Convention.PYTORCH,
                DType.FLOAT32);
        CaseBuilder b = new CaseBuilder("categorical_crossentropy.json", 0, "random", spec)
                .input("prediction", Tensor.ofFloat32(new long[] {1, 3}, new float[] {1, 2, 3}))
                .input("target", Tensor.ofFloat32(new long[] {1, 3}, new float[] {0, 0, 1}))
                .failed("pytorch", Convention.PYTORCH, Evaluation.Status.ERROR,
                        "ai.djl.engine.EngineException: " + HOSTILE);
        b.notCompared(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "pytorch[pytorch]", "reference[pytorch]",
                Verdict.ERROR, "pytorch threw: " + HOSTILE);
        return b.build();
    }

    private static CaseResult hostile() {
        LossSpec spec = LossSpec.of(LossKind.MAE, Map.of(), Reduction.SUM, Convention.KERAS, DType.FLOAT32);
        CaseRef ref = new CaseRef("evil/" + HOSTILE + ".json", "/cases/0", HOSTILE_ATTRIBUTE, HOSTILE,
                "mae sum float32 keras [" + HOSTILE + "]", spec,
                Tolerance.override(1e-5, 1e-5, "because " + HOSTILE), HOSTILE, HOSTILE_ATTRIBUTE);
        CaseBuilder b = new CaseBuilder(ref).input("prediction", f32(1f)).input("target", f32(2f))
                .expected(scalar32(1f), HOSTILE);
        Evaluation e = new Evaluation("tensorflow", Convention.KERAS, Optional.of(spec), "prediction: " + HOSTILE,
                Evaluation.Status.OK, Optional.of(TensorData.of(scalar32(1f))),
                Map.of("prediction", TensorData.of(f32(-1f))), Map.of(HOSTILE, HOSTILE_ATTRIBUTE), HOSTILE);
        b.evaluations.add(e);
        b.compare(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "tensorflow[keras]", "reference[keras]",
                Verdict.FAILURE, scalar32(1f), scalar32(2f), "</pre>" + HOSTILE, "no-such-rule-" + HOSTILE,
                HOSTILE_ATTRIBUTE);
        return b.build();
    }

    private static CaseResult bigInput() {
        LossSpec spec = LossSpec.of(LossKind.MSE, Map.of(), Reduction.NONE, Convention.PYTORCH, DType.FLOAT64);
        double[] big = new double[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        Tensor t = Tensor.ofFloats(DType.FLOAT64, new long[] {50, 100}, big);
        CaseBuilder b = new CaseBuilder("mse.json", 7, "large", spec).input("prediction", t).input("target", t)
                .ok("pytorch", Convention.PYTORCH, t, t).ok("reference", Convention.PYTORCH, t, t);
        b.compare(ComparisonKind.ENGINE_VS_REFERENCE, Quantity.VALUE, "pytorch[pytorch]", "reference[pytorch]",
                Verdict.PASS, t, t, "");
        return b.build();
    }

    /** {@code n} passing MSE cases of the shape a generated fixture has, for the size check. */
    static ParityRun large(int n) {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LossSpec spec = LossSpec.of(LossKind.MSE, Map.of(), Reduction.MEAN, Convention.PYTORCH,
                    i % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64);
            float[] p = new float[64];
            float[] q = new float[64];
            for (int k = 0; k < p.length; k++) {
                p[k] = (float) Math.sin(i + k);
                q[k] = (float) Math.cos(i * k);
            }
            Tensor tp = Tensor.ofFloat32(new long[] {8, 8}, p);
            Tensor tq = Tensor.ofFloat32(new long[] {8, 8}, q);
            Tensor v = scalar32(0.5f + i * 1e-4f);
            Tensor v1 = scalar32(Math.nextUp(0.5f + i * 1e-4f));
            CaseBuilder b = new CaseBuilder("generated/mse.json", i, "seed-" + i, spec)
                    .input("prediction", tp).input("target", tq)
                    .ok("reference", Convention.PYTORCH, v, tp).ok("reference", Convention.KERAS, v, tp)
                    .ok("pytorch", Convention.PYTORCH, v, tp).ok("djl", Convention.PYTORCH, v, tp)
                    .ok("tensorflow", Convention.KERAS, v1, tq);
            for (Quantity qn : List.of(Quantity.VALUE, GRAD_PREDICTION, Quantity.gradient("target"))) {
                Tensor a = qn.isGradient() ? tp : v;
                for (String eng : List.of("djl[pytorch]", "pytorch[pytorch]", "tensorflow[keras]")) {
                    b.compare(ComparisonKind.ENGINE_VS_REFERENCE, qn, eng, "reference[pytorch]", Verdict.PASS, a, a,
                            "");
                }
                b.compare(ComparisonKind.ENGINE_PAIR, qn, "pytorch[pytorch]", "djl[pytorch]", Verdict.PASS, a, a, "");
                b.pair(qn, Verdict.PASS, a, qn.isGradient() ? a : v1, "", null, "pytorch", 0, 1);
                b.compare(ComparisonKind.ENGINE_PAIR, qn, "djl[pytorch]", "tensorflow[keras]", Verdict.PASS, a,
                        qn.isGradient() ? a : v1, "");
            }
            cases.add(b.build());
        }
        return run(cases);
    }

    // --- builder -------------------------------------------------------------------------------------------

    static final class CaseBuilder {
        final CaseRef ref;
        final Map<String, TensorData> inputs = new TreeMap<>();
        Optional<ExpectedData> expected = Optional.empty();
        final List<Evaluation> evaluations = new ArrayList<>();
        final List<Comparison> comparisons = new ArrayList<>();

        CaseBuilder(String file, int index, String label, LossSpec spec) {
            this(new CaseRef(file, "/cases/" + index, file.replace(".json", "") + "-" + index, label,
                    spec.displayName() + " [" + label + "]", spec, Tolerance.defaultFor(spec.dtype()),
                    spec.loss().id(), "g" + index));
        }

        CaseBuilder(CaseRef ref) {
            this.ref = ref;
        }

        CaseBuilder input(String name, Tensor t) {
            inputs.put(name, TensorData.of(t));
            return this;
        }

        CaseBuilder expected(Tensor value, String source) {
            expected = Optional.of(new ExpectedData(Optional.of(TensorData.of(value)), Map.of(), source));
            return this;
        }

        CaseBuilder ok(String engine, Convention c, Tensor value, Tensor gradPrediction) {
            return ok(engine, c, value, Map.of("prediction", gradPrediction));
        }

        CaseBuilder ok(String engine, Convention c, Tensor value, Map<String, Tensor> grads) {
            Map<String, TensorData> g = new TreeMap<>();
            grads.forEach((k, v) -> g.put(k, TensorData.of(v)));
            evaluations.add(new Evaluation(engine, c, Optional.of(ref.spec()), "", Evaluation.Status.OK,
                    Optional.of(TensorData.of(value)), g, Map.of("path", "native " + engine), ""));
            return this;
        }

        CaseBuilder failed(String engine, Convention c, Evaluation.Status status, String message) {
            evaluations.add(new Evaluation(engine, c, Optional.empty(), "", status, Optional.empty(), Map.of(),
                    Map.of(), message));
            return this;
        }

        CaseBuilder compare(ComparisonKind kind, Quantity q, String subject, String against, Verdict v, Tensor actual,
                            Tensor expectedTensor, String explanation) {
            return compare(kind, q, subject, against, v, actual, expectedTensor, explanation, null, null);
        }

        CaseBuilder compare(ComparisonKind kind, Quantity q, String subject, String against, Verdict v, Tensor actual,
                            Tensor expectedTensor, String explanation, String rule, String defect) {
            return add(kind, q, subject, against, v, actual, expectedTensor, explanation, rule, defect, null,
                    Double.NaN, Double.NaN, List.of());
        }

        CaseBuilder pair(Quantity q, Verdict v, Tensor pt, Tensor tf, String explanation, String rule, String closer,
                         double ua, double ub) {
            return pair(q, v, pt, tf, explanation, rule, closer, ua, ub, List.of());
        }

        CaseBuilder pair(Quantity q, Verdict v, Tensor pt, Tensor tf, String explanation, String rule, String closer,
                         double ua, double ub, List<String> regions) {
            return add(ComparisonKind.ENGINE_PAIR, q, "pytorch[pytorch]", "tensorflow[keras]", v, pt, tf, explanation,
                    rule, null, closer, ua, ub, regions);
        }

        private CaseBuilder add(ComparisonKind kind, Quantity q, String subject, String against, Verdict v,
                                Tensor actual, Tensor expectedTensor, String explanation, String rule, String defect,
                                String closer, double ua, double ub, List<String> regions) {
            ComparisonResult r = TensorComparison.compare(actual, expectedTensor, ref.tolerance());
            comparisons.add(new Comparison(kind, q, subject, against, v, Optional.of(r), r.maxUlps(),
                    r.toleranceFraction(), Optional.of(histogram(actual, expectedTensor)), explanation,
                    Optional.ofNullable(rule), Optional.ofNullable(defect), Optional.ofNullable(closer), ua, ub,
                    regions));
            return this;
        }

        CaseBuilder notCompared(ComparisonKind kind, Quantity q, String subject, String against, Verdict v,
                                String explanation) {
            comparisons.add(new Comparison(kind, q, subject, against, v, Optional.empty(), Double.NaN, Double.NaN,
                    Optional.empty(), explanation, Optional.empty(), Optional.empty(), Optional.empty(), Double.NaN,
                    Double.NaN, List.of()));
            return this;
        }

        static ErrorHistogram histogram(Tensor a, Tensor e) {
            long[] counts = new long[ErrorHistogram.LABELS.size()];
            for (int i = 0; i < e.size(); i++) {
                counts[ErrorHistogram.binOf(Numbers.ulpDistance(a.getDouble(i), e.getDouble(i), e.dtype()))]++;
            }
            return ErrorHistogram.of(counts);
        }

        CaseResult build() {
            return new CaseResult(ref, inputs, expected, evaluations, comparisons);
        }
    }
}
