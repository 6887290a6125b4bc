package org.lossparity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lossparity.core.fixture.FixtureLoader;
import org.lossparity.core.fixture.FixtureSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.run.ProgressListener;

/** A bad fixture file is reported with its file and JSON pointer; the good ones still run through the engines. */
class BadFixtureResilienceTest {

    /** Hand-verified: ((0.5 - 0)^2 + (1 - 2)^2) / 2 = (0.25 + 1) / 2 = 0.625; d/dx = (x - y) = [0.5, -1]. */
    static final String GOOD = """
            {"fixture": "mse", "cases": [{
              "id": "tiny", "label": "tiny",
              "spec": {"loss": "mse", "reduction": "mean", "convention": "pytorch", "dtype": "float64"},
              "inputs": {
                "prediction": {"dtype": "float64", "shape": [2], "data": [0.5, 1.0]},
                "target": {"dtype": "float64", "shape": [2], "data": [0.0, 2.0]}
              },
              "expected": {"value": {"dtype": "float64", "shape": [], "data": [0.625]},
                           "gradients": {"prediction": {"dtype": "float64", "shape": [2], "data": [0.5, -1.0]}},
                           "source": "hand-verified: ((0.5)^2 + (-1)^2) / 2"}
            }]}
            """;

    static final String BAD = """
            {"fixture": "broken", "cases": [{
              "id": "nope", "label": "nope",
              "spec": {"loss": "no_such_loss", "reduction": "mean", "convention": "pytorch", "dtype": "float64"},
              "inputs": {
                "prediction": {"dtype": "float64", "shape": [1], "data": [0.5]},
                "target": {"dtype": "float64", "shape": [1], "data": [0.0]}
              }
            }]}
            """;

    @Test
    @ExtendWith(SharedEnginesResolver.class)
    void theRunGoesOnWhenOneFixtureIsBad(@TempDir Path dir, SharedEngines engines) throws IOException {
        Files.writeString(dir.resolve("a-broken.json"), BAD);
        Files.writeString(dir.resolve("b-good.json"), GOOD);
        FixtureSet set = new FixtureLoader().loadDirectory(dir);
        ParityRun run = engines.runner().run(set, dir, new RunSettings(dir.toString(), List.of(), ""), "test",
                ProgressListener.NONE);

        assertEquals(1, run.loadProblems().size(), run.loadProblems().toString());
        assertEquals("a-broken.json", run.loadProblems().get(0).file());
        assertTrue(run.loadProblems().get(0).pointer().startsWith("/cases/0"), run.loadProblems().get(0).pointer());
        assertFalse(run.passed(), "a fixture that does not load fails the run");

        assertEquals(1, run.cases().size());
        CaseResult good = run.cases().get(0);
        assertEquals("b-good.json", good.ref().file());
        assertTrue(good.comparisons().stream().anyMatch(c -> c.kind() == ComparisonKind.REFERENCE_VS_EXPECTED
                && c.verdict() == Verdict.PASS), good.comparisons().toString());
        assertTrue(good.comparisons().stream().filter(c -> c.kind() == ComparisonKind.ENGINE_VS_REFERENCE)
                .anyMatch(c -> c.verdict() == Verdict.PASS), "the engines ran on the good fixture");
    }
}
