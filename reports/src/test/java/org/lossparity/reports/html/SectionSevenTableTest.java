package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;

class SectionSevenTableTest {

    private static CaseResult huber(int index, Reduction reduction, Tensor pt, Tensor tf, Verdict v) {
        LossSpec spec = LossSpec.of(LossKind.HUBER, Map.of(), reduction, Convention.PYTORCH, DType.FLOAT32);
        return new SampleRun.CaseBuilder("huber.json", index, "c" + index, spec)
                .ok("pytorch", Convention.PYTORCH, pt, Map.of()).ok("tensorflow", Convention.KERAS, tf, Map.of())
                .pair(Quantity.VALUE, v, pt, tf, "", null, null, Double.NaN, Double.NaN).build();
    }

    @Test
    void theFirstCaseWithScalarValuesRepresentsTheLossAndEveryPairComparisonIsCounted() {
        List<CaseResult> cases = new ArrayList<>();
        cases.add(huber(0, Reduction.NONE, SampleRun.f32(1f, 2f), SampleRun.f32(1f, 2f), Verdict.SEMANTIC_DIVERGENCE));
        cases.add(huber(1, Reduction.MEAN, SampleRun.scalar32(1.5f), SampleRun.scalar32(1.25f), Verdict.FAILURE));
        cases.add(huber(2, Reduction.SUM, SampleRun.scalar32(3f), SampleRun.scalar32(3f), Verdict.PASS));
        List<SectionSevenTable.Row> rows = SectionSevenTable.rows(SampleRun.run(cases));

        assertEquals(SectionSevenTable.SHARED_LOSSES.size(), rows.size(), "one row per shared loss, one dtype here");
        SectionSevenTable.Row huber = rows.get(2);
        assertEquals(LossKind.HUBER, huber.loss());
        assertEquals("c1", huber.representative().orElseThrow().ref().label(), "first scalar case, not case 0");
        assertEquals(Verdict.FAILURE, huber.comparison().orElseThrow().verdict());
        assertEquals(0.25, huber.difference().orElseThrow());
        assertEquals(Map.of(Verdict.SEMANTIC_DIVERGENCE, 1, Verdict.FAILURE, 1, Verdict.PASS, 1), huber.all());

        SectionSevenTable.Row mse = rows.get(0);
        assertTrue(mse.dtype().isEmpty() && mse.representative().isEmpty(), "no mse case in this run");
    }

    @Test
    void aCaseWhereTheConventionsDifferOnPurposeIsShownOnlyWhenNoOtherHasScalars() {
        List<CaseResult> cases = new ArrayList<>();
        cases.add(huber(0, Reduction.SUM, SampleRun.scalar32(6f), SampleRun.scalar32(2f), Verdict.SEMANTIC_DIVERGENCE));
        cases.add(huber(1, Reduction.MEAN, SampleRun.scalar32(1f), SampleRun.scalar32(1f), Verdict.PASS));
        assertEquals("c1", SectionSevenTable.rows(SampleRun.run(cases)).get(2).representative().orElseThrow()
                .ref().label());
        assertEquals("c0", SectionSevenTable.rows(SampleRun.run(cases.subList(0, 1))).get(2).representative()
                .orElseThrow().ref().label());
    }

    @Test
    void withoutScalarValuesTheFirstComparedCaseIsShownWithoutADifference() {
        List<CaseResult> cases = List.of(
                huber(0, Reduction.NONE, SampleRun.f32(1f, 2f), SampleRun.f32(1f, 2f), Verdict.PASS));
        SectionSevenTable.Row huber = SectionSevenTable.rows(SampleRun.run(cases)).get(2);
        assertEquals("c0", huber.representative().orElseThrow().ref().label());
        assertTrue(huber.difference().isEmpty());
    }

    @Test
    void withoutAPairTheRowShowsTheEngineThatRanAndTheMissingEngineIsNamed() {
        LossSpec spec = LossSpec.of(LossKind.MAE, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT32);
        CaseResult c = new SampleRun.CaseBuilder("mae.json", 0, "x", spec)
                .ok("tensorflow", Convention.KERAS, SampleRun.scalar32(2f), Map.of()).build();
        ParityRun run = SampleRun.run(List.of(c));
        SectionSevenTable.Row mae = SectionSevenTable.rows(run).get(1);
        assertEquals("x", mae.representative().orElseThrow().ref().label());
        assertTrue(mae.pytorch().isEmpty() && mae.comparison().isEmpty() && mae.difference().isEmpty());
        assertEquals(2.0, mae.tensorflow().orElseThrow().values()[0]);

        ParityRun noPytorch = new ParityRun(run.info(), run.settings(), run.engines().stream()
                .filter(e -> !e.name().equals("pytorch")).toList(), run.cases(), List.of(), List.of(), List.of());
        assertEquals(List.of("The pytorch engine was not part of this run."),
                SectionSevenTable.missingEngines(noPytorch));
        assertEquals(List.of(), SectionSevenTable.missingEngines(run));
    }

    @Test
    void onlyPytorchAgainstTensorflowPairsCount() {
        LossSpec spec = LossSpec.of(LossKind.MSE, Map.of(), Reduction.MEAN, Convention.PYTORCH, DType.FLOAT64);
        Tensor v = SampleRun.scalar64(1);
        CaseResult c = new SampleRun.CaseBuilder("mse.json", 0, "x", spec)
                .compare(ComparisonKind.ENGINE_PAIR, Quantity.VALUE, "pytorch[pytorch]", "djl[pytorch]", Verdict.PASS,
                        v, v, "").build();
        SectionSevenTable.Row mse = SectionSevenTable.rows(SampleRun.run(List.of(c))).get(0);
        assertEquals(DType.FLOAT64, mse.dtype().orElseThrow());
        assertTrue(mse.representative().isEmpty() && mse.all().isEmpty());
    }
}
