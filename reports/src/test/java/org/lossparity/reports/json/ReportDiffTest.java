package org.lossparity.reports.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lossparity.core.result.ParityRun;
import org.lossparity.reports.json.ReportDiff.Budget;
import org.lossparity.reports.json.ReportDiff.Movement;

class ReportDiffTest {
    private static final float REF = 0.5f;

    private static ReportDiff.Entry pytorchValue(ReportDiff.Result r) {
        return r.entries().stream().filter(e -> e.label().equals("pytorch vs reference value")).findFirst().orElseThrow();
    }

    @Test
    void identicalReportsPassUnchanged() {
        ParityRun a = SampleRuns.run(Instant.EPOCH, REF);
        ReportDiff.Result r = ReportDiff.diff(a, SampleRuns.run(Instant.now(), REF), Budget.DEFAULT);
        assertTrue(r.passed(), r.render());
        assertEquals(Movement.UNCHANGED, pytorchValue(r).movement());
        assertEquals(r.entries().size(), r.count(Movement.UNCHANGED));
    }

    @Test
    void aComparisonThatPassedAndNowFailsFailsTheGate() {
        ParityRun before = SampleRuns.run(Instant.EPOCH, REF);
        ParityRun after = SampleRuns.run(Instant.EPOCH, Math.nextUp(REF) + 1e-3f);
        ReportDiff.Result r = ReportDiff.diff(before, after, Budget.DEFAULT);
        assertEquals(Movement.REGRESSED, pytorchValue(r).movement());
        assertFalse(r.passed());
        assertTrue(r.render().contains("GATE FAILED"), r.render());
        // And the other way round it is a fix.
        assertEquals(Movement.FIXED, pytorchValue(ReportDiff.diff(after, before, Budget.DEFAULT)).movement());
    }

    @Test
    void errorGrowthWithinToleranceIsJudgedByTheBudget() {
        ParityRun before = SampleRuns.run(Instant.EPOCH, REF);
        // 8 ULP of 0.5f = 8 * 2^-24 ~ 4.8e-7: within the float32 tolerance (1e-5 + 6.5e-7), fraction ~ 0.045.
        float moved = REF;
        for (int i = 0; i < 8; i++) {
            moved = Math.nextUp(moved);
        }
        ParityRun after = SampleRuns.run(Instant.EPOCH, moved);
        ReportDiff.Result byUlps = ReportDiff.diff(before, after, new Budget(Optional.of(4.0), Optional.empty()));
        assertEquals(Movement.OVER_BUDGET, pytorchValue(byUlps).movement());
        assertEquals(8.0, pytorchValue(byUlps).currentUlps());
        assertFalse(byUlps.passed());
        ReportDiff.Result generous = ReportDiff.diff(before, after, new Budget(Optional.of(8.0), Optional.empty()));
        assertEquals(Movement.WORSENED, pytorchValue(generous).movement());
        assertTrue(generous.passed());
        ReportDiff.Result byFraction = ReportDiff.diff(before, after, new Budget(Optional.empty(), Optional.of(0.01)));
        assertEquals(Movement.OVER_BUDGET, pytorchValue(byFraction).movement());
        assertEquals(Movement.IMPROVED, pytorchValue(ReportDiff.diff(after, before, Budget.DEFAULT)).movement());
    }

    @Test
    void aPassingComparisonThatVanishesFailsTheGate() {
        ParityRun before = SampleRuns.run(Instant.EPOCH, REF);
        ParityRun full = SampleRuns.run(Instant.EPOCH, REF);
        // The current run lost every case (as when an engine or a fixture file went missing).
        ParityRun after = new ParityRun(full.info(), full.settings(), full.engines(), java.util.List.of(),
                full.loadProblems(), full.divergences(), full.knownDefects());
        ReportDiff.Result r = ReportDiff.diff(before, after, Budget.DEFAULT);
        assertEquals(Movement.VANISHED, pytorchValue(r).movement());
        assertFalse(r.passed());
        assertTrue(r.render().contains("GATE FAILED"), r.render());
        // All three comparisons of the sample counted as passing (unsupported does too), so all three vanished.
        assertEquals(3, r.count(Movement.VANISHED));
        assertEquals(Movement.ADDED, pytorchValue(ReportDiff.diff(after, before, Budget.DEFAULT)).movement());
    }
}
