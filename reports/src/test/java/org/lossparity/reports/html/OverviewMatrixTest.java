package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossKind;

class OverviewMatrixTest {
    private static final ParityRun RUN = SampleRun.build();
    private static final OverviewMatrix M = OverviewMatrix.of(RUN);

    @Test
    void rowsFollowTheLossCatalogueAndColumnsGoReferenceEnginesPairs() {
        assertEquals(List.of(LossKind.MSE, LossKind.MAE, LossKind.HUBER, LossKind.SMOOTH_L1, LossKind.BCE,
                LossKind.SPARSE_CATEGORICAL_CE, LossKind.CATEGORICAL_CE, LossKind.KL_DIV, LossKind.TRIPLET_MARGIN),
                M.rows());
        assertEquals(List.of("reference", "pytorch", "djl", "tensorflow", "pytorch vs tensorflow"),
                M.columns().stream().map(OverviewMatrix.Column::label).toList());
        assertEquals(List.of(ComparisonKind.REFERENCE_VS_EXPECTED, ComparisonKind.ENGINE_VS_REFERENCE,
                ComparisonKind.ENGINE_VS_REFERENCE, ComparisonKind.ENGINE_VS_REFERENCE, ComparisonKind.ENGINE_PAIR),
                M.columns().stream().map(OverviewMatrix.Column::kind).toList());
    }

    @Test
    void aCellCountsEveryQuantityAndCaseAndTakesTheWorstVerdict() {
        OverviewMatrix.Column tfVsRef = new OverviewMatrix.Column(ComparisonKind.ENGINE_VS_REFERENCE, "tensorflow",
                "reference");
        OverviewMatrix.Cell mse = M.cell(LossKind.MSE, tfVsRef).orElseThrow();
        assertEquals(Map.of(Verdict.PASS, 2), mse.counts(), "value and gradient of the one mse case tensorflow ran");
        assertEquals(Verdict.PASS, mse.worst());
        OverviewMatrix.Column djl = new OverviewMatrix.Column(ComparisonKind.ENGINE_VS_REFERENCE, "djl", "reference");
        assertEquals(Verdict.UNEXPECTED_PASS, M.cell(LossKind.TRIPLET_MARGIN, djl).orElseThrow().worst());
        assertTrue(M.cell(LossKind.MAE, djl).isEmpty(), "no comparison, no cell");
        assertEquals(2, M.cases(LossKind.MSE));
    }

    @Test
    void worstUlpsIgnoresComparisonsThatComparedNothing() {
        OverviewMatrix.Column tf = new OverviewMatrix.Column(ComparisonKind.ENGINE_VS_REFERENCE, "tensorflow",
                "reference");
        assertTrue(Double.isNaN(M.cell(LossKind.SPARSE_CATEGORICAL_CE, tf).orElseThrow().worstUlps()));
        assertEquals(Double.POSITIVE_INFINITY, M.cell(LossKind.KL_DIV, tf).orElseThrow().worstUlps(),
                "a NaN against a number is infinitely many ULPs");
    }

    @Test
    void worstFirstOrderCoversEveryVerdictOnce() {
        assertEquals(Verdict.values().length, VerdictStyles.WORST_FIRST.size());
        assertEquals(Verdict.values().length, new java.util.HashSet<>(VerdictStyles.WORST_FIRST).size());
        assertEquals(Verdict.FAILURE, VerdictStyles.worse(Verdict.PASS, Verdict.FAILURE));
        assertEquals(Verdict.ERROR, VerdictStyles.worse(Verdict.ERROR, Verdict.FAILURE));
        assertEquals(Verdict.NUMERICAL, VerdictStyles.worse(null, Verdict.NUMERICAL));
    }
}
