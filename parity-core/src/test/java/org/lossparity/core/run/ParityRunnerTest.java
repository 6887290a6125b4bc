package org.lossparity.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.fixture.FixtureCase;
import org.lossparity.core.fixture.FixtureProblem;
import org.lossparity.core.fixture.FixtureSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.run.TestEngines.FormulaTestEngine;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class ParityRunnerTest {
    private static final Path ROOT = Path.of("fixtures-under-test");
    private static final DoubleUnaryOperator EXACT = v -> v;
    private static final DivergenceRule BCE_CLIP = new DivergenceRule("bce-clip-vs-log-clamp", "clip vs clamp",
            List.of("bce"), "max(log p, -100)", "clip(p, eps, 1 - eps)", "p < 1e-7 or p > 1 - 1e-7", "probabilities-0-and-1",
            "bce-clipping");

    private static FixtureCase mseCase(String id, Convention convention, Optional<Tolerance> tol) {
        LossSpec spec = LossSpec.of(LossKind.MSE, Map.of(), convention == Convention.PYTORCH ? Reduction.MEAN
                : Reduction.SUM_OVER_BATCH_SIZE, convention, DType.FLOAT64);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("prediction", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 2, 3, 4}));
        inputs.put("target", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {0, 0, 0, 0}));
        return new FixtureCase(ROOT.resolve("data/mse.json"), "/cases/0", "mse", id, id, id, spec, inputs, tol, Optional.empty());
    }

    private static FixtureCase bceCase(double[] p) {
        LossSpec spec = LossSpec.of(LossKind.BCE, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT64);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("prediction", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, p));
        inputs.put("target", Tensor.ofFloats(DType.FLOAT64, new long[] {2, 2}, new double[] {1, 0, 1, 0}));
        return new FixtureCase(ROOT.resolve("data/bce.json"), "/cases/1", "bce", "bce-case", "probabilities-0-and-1",
                "g", spec, inputs, Optional.empty(), Optional.empty());
    }

    private static ParityRunner runner(Map<String, LossEngine> engines, List<DivergenceRule> rules,
                                       List<KnownDefect> defects) {
        return new ParityRunner(engines, List.of(), rules, defects);
    }

    private static Map<String, LossEngine> engines(LossEngine... es) {
        Map<String, LossEngine> m = new LinkedHashMap<>();
        m.put(ParityRunner.REFERENCE, new FormulaTestEngine(ParityRunner.REFERENCE, Convention.PYTORCH, EXACT));
        for (LossEngine e : es) {
            m.put(e.identity().name(), e);
        }
        return m;
    }

    private static Comparison only(CaseResult r, ComparisonKind kind, String subjectEngine, Quantity q) {
        List<Comparison> found = r.comparisons().stream().filter(c -> c.kind() == kind
                && c.subjectEngine().equals(subjectEngine) && c.quantity().equals(q)).toList();
        assertEquals(1, found.size(), () -> "comparisons " + kind + " " + subjectEngine + " " + q + " in " + r.comparisons());
        return found.get(0);
    }

    @Test
    void exactEngineMatchesTheReference() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT)), List.of(), List.of());
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison c = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "pytorch", Quantity.VALUE);
        assertEquals(Verdict.PASS, c.verdict(), c.explanation());
        assertEquals(0.0, c.ulps());
        assertEquals("pytorch[pytorch]", c.subject());
        assertEquals("reference[pytorch]", c.against());
        assertEquals("data/mse.json", r.ref().file());
    }

    @Test
    void wrongEngineFailsWithTheMismatchMessage() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, v -> v * 1.01)),
                List.of(), List.of());
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison c = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "pytorch", Quantity.VALUE);
        assertEquals(Verdict.FAILURE, c.verdict());
        assertTrue(c.explanation().contains("Mismatched elements: 1 / 1"), c.explanation());
        // 7.5 * 1.01 = 7.575: |diff| = 0.075, allowed 1e-7 + 1e-7 * 7.5
        assertEquals(0.075 / (1e-7 + 7.5e-7), c.toleranceFraction(), 1e-3);
        assertTrue(c.detail().isPresent());
        assertFalse(r.passed());
    }

    @Test
    void engineGradientThatIsNotReportedIsUnsupportedNotSkipped() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT)), List.of(), List.of());
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison g = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "pytorch", Quantity.gradient("prediction"));
        assertEquals(Verdict.UNSUPPORTED, g.verdict());
        assertTrue(g.explanation().contains("no gradient:prediction"), g.explanation());
    }

    @Test
    void anEngineExceptionIsRecordedAndTheRunGoesOn() {
        ParityRunner runner = runner(engines(new TestEngines.ThrowingTestEngine()), List.of(), List.of());
        FixtureSet set = new FixtureSet(List.of(mseCase("a", Convention.PYTORCH, Optional.empty()),
                mseCase("b", Convention.PYTORCH, Optional.empty())), List.of());
        ParityRun run = runner.run(set, ROOT, new RunSettings("x", List.of(), ""), "test", ProgressListener.NONE);
        assertEquals(2, run.cases().size());
        for (CaseResult r : run.cases()) {
            Evaluation e = r.evaluation("throwing").orElseThrow();
            assertEquals(Evaluation.Status.ERROR, e.status());
            assertTrue(e.message().contains("deliberate test failure") && e.message().contains("native crash stand-in"),
                    e.message());
            assertEquals(Verdict.ERROR, only(r, ComparisonKind.ENGINE_VS_REFERENCE, "throwing", Quantity.VALUE).verdict());
        }
        assertFalse(run.passed());
    }

    @Test
    void unsupportedSpecIsRecordedWithTheEnginesReason() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("tensorflow", Convention.KERAS, EXACT)), List.of(), List.of());
        LossSpec huber = LossSpec.of(LossKind.HUBER, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        FixtureCase c = mseCase("x", Convention.PYTORCH, Optional.empty());
        FixtureCase h = new FixtureCase(c.file(), c.pointer(), "huber", "h", "h", "h", huber,
                Map.of("prediction", Tensor.scalar(DType.FLOAT32, 1), "target", Tensor.scalar(DType.FLOAT32, 0)),
                Optional.empty(), Optional.empty());
        CaseResult r = runner.runCase(h, ROOT);
        Comparison v = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "tensorflow", Quantity.VALUE);
        assertEquals(Verdict.UNSUPPORTED, v.verdict());
        assertTrue(v.explanation().contains("computes mse and bce only"), v.explanation());
        assertTrue(r.passed(), "unsupported is not a failure");
    }

    @Test
    void conventionsThatDefineDifferentNumbersAreASemanticDivergenceWithRuleAndRegion() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT),
                new FormulaTestEngine("tensorflow", Convention.KERAS, EXACT)), List.of(BCE_CLIP), List.of());
        CaseResult r = runner.runCase(bceCase(new double[] {0.0, 0.25, 0.5, 1.0}), ROOT);
        Comparison pair = only(r, ComparisonKind.ENGINE_PAIR, "pytorch", Quantity.VALUE);
        assertEquals("tensorflow[keras]", pair.against());
        assertEquals(Verdict.SEMANTIC_DIVERGENCE, pair.verdict(), pair.explanation());
        assertEquals(Optional.of("bce-clip-vs-log-clamp"), pair.divergenceRuleId());
        // p = 0 with y = 1 (index [0, 0]) and p = 1 with y = 0 (index [1, 1]) are clipped by Keras.
        assertTrue(pair.regions().get(0).contains("[[0, 0], [1, 1]]"), pair.regions().toString());
        // PyTorch: (100 + log 4/3... ) the reference values are printed in full: both sides present.
        assertTrue(pair.explanation().contains("reference[pytorch] = ") && pair.explanation().contains("reference[keras] = "),
                pair.explanation());
        assertTrue(r.passed());
    }

    @Test
    void aDifferenceBetweenConventionsWithoutACataloguedRuleFails() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT),
                new FormulaTestEngine("tensorflow", Convention.KERAS, EXACT)), List.of(), List.of());
        CaseResult r = runner.runCase(bceCase(new double[] {0.0, 0.25, 0.5, 1.0}), ROOT);
        Comparison pair = only(r, ComparisonKind.ENGINE_PAIR, "pytorch", Quantity.VALUE);
        assertEquals(Verdict.FAILURE, pair.verdict());
        assertTrue(pair.explanation().contains("no rule of fixtures/divergences.json applies"), pair.explanation());
    }

    @Test
    void sameDefinitionDifferentRoundingIsNumericalAndNamesTheCloserEngine() {
        // Reference 7.5; tolerance 1e-7 + 1e-7 * 7.5 = 8.5e-7. pytorch is 0.5 of it above, djl 0.9 below:
        // each within tolerance of the reference, 1.4 tolerances apart.
        double allowed = 1e-7 + 1e-7 * 7.5;
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, v -> v + 0.5 * allowed),
                new FormulaTestEngine("djl", Convention.PYTORCH, v -> v - 0.9 * allowed)), List.of(), List.of());
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison pair = only(r, ComparisonKind.ENGINE_PAIR, "pytorch", Quantity.VALUE);
        assertEquals("djl[pytorch]", pair.against());
        assertEquals(Verdict.NUMERICAL, pair.verdict(), pair.explanation());
        assertEquals(Optional.of("pytorch"), pair.closerToTruth());
        assertTrue(pair.subjectUlpsToTruth() < pair.againstUlpsToTruth());
    }

    @Test
    void knownDefectTurnsAFailureIntoAnExpectedFailure() {
        KnownDefect defect = new KnownDefect("djl-mse-off", "djl", "mse", "mean", "float64", Optional.of("ordin"),
                "value", "ai.djl.training.loss.L2Loss", "weight=1", "1.01 times the loss", "data/mse.json");
        ParityRunner runner = runner(engines(new FormulaTestEngine("djl", Convention.PYTORCH, v -> v * 1.01)),
                List.of(), List.of(defect));
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison c = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "djl", Quantity.VALUE);
        assertEquals(Verdict.EXPECTED_FAILURE, c.verdict());
        assertEquals(Optional.of("djl-mse-off"), c.knownDefectId());
        assertTrue(c.explanation().contains("Mismatched elements"), "the full mismatch message stays: " + c.explanation());
        assertTrue(r.passed());
    }

    @Test
    void knownDefectThatNoLongerShowsIsAnUnexpectedPass() {
        KnownDefect defect = new KnownDefect("djl-mse-off", "djl", "mse", "", "", Optional.empty(), "value",
                "ai.djl.training.loss.L2Loss", "", "1.01 times the loss", "data/mse.json");
        ParityRunner runner = runner(engines(new FormulaTestEngine("djl", Convention.PYTORCH, EXACT)), List.of(), List.of(defect));
        CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison c = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "djl", Quantity.VALUE);
        assertEquals(Verdict.UNEXPECTED_PASS, c.verdict());
        assertTrue(c.explanation().contains("update fixtures/known-defects.json"), c.explanation());
        assertFalse(r.passed());
    }

    @Test
    void referenceIsCheckedAgainstHandVerifiedValues() {
        FixtureCase base = mseCase("hand", Convention.PYTORCH, Optional.empty());
        // (1 + 4 + 9 + 16) / 4 = 7.5 by hand; 7.6 is deliberately wrong.
        for (double expected : new double[] {7.5, 7.6}) {
            FixtureCase c = new FixtureCase(base.file(), base.pointer(), base.fixture(), base.id(), base.label(),
                    base.group(), base.spec(), base.inputs(), Optional.empty(), Optional.of(
                    new org.lossparity.core.fixture.ExpectedValues(Tensor.scalar(DType.FLOAT64, expected), Map.of(),
                            "hand-verified: (1 + 4 + 9 + 16) / 4")));
            CaseResult r = runner(engines(), List.of(), List.of()).runCase(c, ROOT);
            Comparison x = only(r, ComparisonKind.REFERENCE_VS_EXPECTED, "reference", Quantity.VALUE);
            assertEquals(expected == 7.5 ? Verdict.PASS : Verdict.FAILURE, x.verdict(), x.explanation());
            assertEquals("expected", x.against());
        }
    }

    @Test
    void missingReferenceMakesEveryEngineCheckAnError() {
        Map<String, LossEngine> onlyEngine = Map.of("pytorch", new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT));
        ParityRunner runner = new ParityRunner(onlyEngine, List.of(new EngineRegistry.Unavailable("reference", "not built")),
                List.of(), List.of());
        CaseResult r = runner.runCase(mseCase("a", Convention.PYTORCH, Optional.empty()), ROOT);
        Comparison c = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "pytorch", Quantity.VALUE);
        assertEquals(Verdict.ERROR, c.verdict());
        assertTrue(runner.engineStatuses().stream().anyMatch(s -> s.name().equals("reference") && !s.available()
                && s.reason().equals("not built")));
    }

    @Test
    void runIsSortedFiltersLossesAndKeepsLoadProblems() {
        ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT)), List.of(), List.of());
        FixtureSet set = new FixtureSet(List.of(bceCase(new double[] {0.5, 0.5, 0.5, 0.5}),
                mseCase("m", Convention.PYTORCH, Optional.empty())),
                List.of(new FixtureProblem(ROOT.resolve("data/bad.json"), "/cases/0/spec/loss", "unknown loss 'nope'")));
        List<String> seen = new java.util.ArrayList<>();
        ParityRun run = runner.run(set, ROOT, new RunSettings("x", List.of(), "^mse$"), "test",
                (done, total, res) -> seen.add(done + "/" + total + " " + res.ref().id()));
        assertEquals(List.of("1/1 m"), seen);
        assertEquals(1, run.cases().size());
        assertEquals("data/bad.json", run.loadProblems().get(0).file());
        assertEquals("/cases/0/spec/loss", run.loadProblems().get(0).pointer());
        assertFalse(run.passed(), "a fixture that did not load fails the run");
    }

    @Test
    void labelsEqualToIgnoreIndexHaveNoKerasCounterpart() {
        ParityRunner runner = runner(engines(), List.of(), List.of());
        LossSpec spec = LossSpec.of(LossKind.SPARSE_CATEGORICAL_CE, Map.of(), Reduction.MEAN, Convention.PYTORCH,
                DType.FLOAT32);
        FixtureCase c = new FixtureCase(ROOT.resolve("data/scce.json"), "/cases/2", "scce", "ig", "ignore-index", "ig",
                spec, Map.of("prediction", Tensor.ofFloats(DType.FLOAT32, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}),
                "target", Tensor.ofInt64(new long[] {2}, new long[] {-100, 1})), Optional.empty(), Optional.empty());
        Evaluation keras = runner.runCase(c, ROOT).evaluation(ParityRunner.REFERENCE, Convention.KERAS).orElseThrow();
        assertEquals(Evaluation.Status.UNSUPPORTED, keras.status());
        assertTrue(keras.message().contains("no ignore_index") && keras.message().contains("[0]"), keras.message());
    }

    @Test
    void anEngineThatCannotTakeThisCaseIsUnsupportedNotAnError() {
        ParityRunner runner = runner(engines(new TestEngines.NoWeightsTestEngine()), List.of(), List.of());
        FixtureCase base = mseCase("w", Convention.PYTORCH, Optional.empty());
        Map<String, Tensor> inputs = new LinkedHashMap<>(base.inputs());
        inputs.put("sample_weight", Tensor.ofFloats(DType.FLOAT64, new long[] {2}, new double[] {1, 2}));
        FixtureCase c = new FixtureCase(base.file(), base.pointer(), base.fixture(), base.id(), base.label(),
                base.group(), base.spec(), inputs, Optional.empty(), Optional.empty());
        CaseResult r = runner.runCase(c, ROOT);
        Comparison v = only(r, ComparisonKind.ENGINE_VS_REFERENCE, "noweights", Quantity.VALUE);
        assertEquals(Verdict.UNSUPPORTED, v.verdict());
        assertTrue(v.explanation().contains("takes no sample_weight"), v.explanation());
        assertEquals(Evaluation.Status.UNSUPPORTED, r.evaluation("noweights").orElseThrow().status());
    }

    @Test
    void aPairFailingOnlyThroughAKnownDefectIsAnExpectedFailureAndAnUnknownOneAFailure() {
        KnownDefect defect = new KnownDefect("djl-mse-off", "djl", "mse", "", "", Optional.empty(), "value",
                "L2Loss", "", "1.01 times the loss", "data/mse.json");
        for (boolean known : new boolean[] {true, false}) {
            ParityRunner runner = runner(engines(new FormulaTestEngine("pytorch", Convention.PYTORCH, EXACT),
                    new FormulaTestEngine("djl", Convention.PYTORCH, v -> v * 1.01)), List.of(),
                    known ? List.of(defect) : List.of());
            CaseResult r = runner.runCase(mseCase("ordinary", Convention.PYTORCH, Optional.empty()), ROOT);
            Comparison pair = only(r, ComparisonKind.ENGINE_PAIR, "pytorch", Quantity.VALUE);
            assertEquals(known ? Verdict.EXPECTED_FAILURE : Verdict.FAILURE, pair.verdict(), pair.explanation());
            assertTrue(pair.explanation().contains("djl is beyond tolerance from the reference of its own convention"),
                    pair.explanation());
        }
    }
}
