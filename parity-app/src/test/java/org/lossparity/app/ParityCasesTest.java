package org.lossparity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The suite's argument source and its verdict-to-outcome mapping, on a temporary fixture directory. */
@ExtendWith(SharedEnginesResolver.class)
class ParityCasesTest {

    @Test
    void aBadFixtureBecomesAFailingTestNamingFileAndPointer(@TempDir Path dir, SharedEngines engines) throws IOException {
        Files.writeString(dir.resolve("a-broken.json"), BadFixtureResilienceTest.BAD);
        Files.writeString(dir.resolve("b-good.json"), BadFixtureResilienceTest.GOOD);
        List<Arguments> args = ParityCases.arguments(engines.runner(), dir, 0).toList();
        String firstName = (String) args.get(0).get()[0];
        assertTrue(firstName.startsWith("fixture problem a-broken.json#/cases/0"), firstName);
        ParityCases.ParityCheck problem = (ParityCases.ParityCheck) args.get(0).get()[1];
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> new ParitySuiteTest().parity(firstName, problem));
        assertTrue(failed.getMessage().contains("a-broken.json") && failed.getMessage().contains("/cases/0"),
                failed.getMessage());

        List<String> names = args.stream().skip(1).map(a -> (String) a.get()[0]).toList();
        assertTrue(names.contains("mse mean float64 pytorch [tiny] reference vs expected value"), names.toString());
        assertTrue(names.contains("mse mean float64 pytorch [tiny] pytorch vs reference value"), names.toString());
        assertTrue(names.contains("mse mean float64 pytorch [tiny] pytorch vs tensorflow gradient:prediction"),
                names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("djl vs tensorflow") || n.contains("pytorch vs djl")),
                "only pytorch-tensorflow pairs are in the suite: " + names);
        // The hand-verified case passes through the real engines.
        for (Arguments a : args.subList(1, args.size())) {
            ParityCases.ParityCheck check = (ParityCases.ParityCheck) a.get()[1];
            if (check.comparison().kind() == org.lossparity.core.result.ComparisonKind.REFERENCE_VS_EXPECTED) {
                new ParitySuiteTest().parity((String) a.get()[0], check);
            }
        }
    }

    @Test
    void largeCasesAreSkippedVisiblyWhenLimited(@TempDir Path dir, SharedEngines engines) throws IOException {
        Files.writeString(dir.resolve("b-good.json"), BadFixtureResilienceTest.GOOD);
        List<Arguments> limited = ParityCases.arguments(engines.runner(), dir, 3).toList();
        assertEquals(1, limited.size());
        ParityCases.ParityCheck skip = (ParityCases.ParityCheck) limited.get(0).get()[1];
        TestAbortedException aborted = assertThrows(TestAbortedException.class,
                () -> new ParitySuiteTest().parity((String) limited.get(0).get()[0], skip));
        assertTrue(aborted.getMessage().contains("more than lossparity.suite.maxElements=3"), aborted.getMessage());
        assertTrue(ParityCases.arguments(engines.runner(), dir, 0).count() > 1);
    }

    @Test
    void aWrongExpectedValueFailsWithTheMismatchMessage(@TempDir Path dir, SharedEngines engines) throws IOException {
        Files.writeString(dir.resolve("b-good.json"), BadFixtureResilienceTest.GOOD.replace("[0.625]", "[0.626]"));
        Arguments wrong = ParityCases.arguments(engines.runner(), dir, 0)
                .filter(a -> ((String) a.get()[0]).endsWith("reference vs expected value")).findFirst().orElseThrow();
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> new ParitySuiteTest().parity((String) wrong.get()[0], (ParityCases.ParityCheck) wrong.get()[1]));
        assertTrue(e.getMessage().contains("Mismatched elements: 1 / 1") && e.getMessage().contains("b-good.json#/cases/0"),
                e.getMessage());
    }
}
