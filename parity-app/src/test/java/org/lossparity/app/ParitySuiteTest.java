package org.lossparity.app;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.lossparity.core.result.Comparison;

/**
 * The parity suite: one test per fixture case and comparison, named e.g.
 * {@code huber(delta=1.0) mean float32 pytorch [ties-at-delta] pytorch vs reference value}, so Surefire's XML
 * carries the same verdicts as report.json.
 *
 * <ul>
 *   <li>pass, semantic divergence, numerical, expected failure: the test passes and prints the explanation;</li>
 *   <li>failure, error, unexpected pass: the test fails with the full mismatch message;</li>
 *   <li>unsupported: the test is skipped with the reason.</li>
 * </ul>
 */
class ParitySuiteTest {

    @DisplayName("parity")
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(ParityCases.class)
    void parity(String name, ParityCases.ParityCheck check) {
        if (check.problem() != null) {
            fail("fixture did not load: " + check.problem());
        }
        if (check.skipReason() != null) {
            Assumptions.abort(check.skipReason());
        }
        Comparison c = check.comparison();
        String header = name + " (" + check.location() + "): " + c.verdict().label();
        switch (c.verdict()) {
            case PASS, SEMANTIC_DIVERGENCE, NUMERICAL, EXPECTED_FAILURE -> {
                if (c.verdict() != org.lossparity.core.result.Verdict.PASS) {
                    System.out.println(header + "\n  " + c.explanation().replace("\n", "\n  "));
                }
            }
            case UNSUPPORTED -> Assumptions.abort(c.explanation());
            case FAILURE, ERROR, UNEXPECTED_PASS -> fail(header + "\n" + c.subject() + " vs " + c.against() + ":\n"
                    + c.explanation());
        }
    }
}
