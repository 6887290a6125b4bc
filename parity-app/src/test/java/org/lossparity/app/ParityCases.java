package org.lossparity.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.lossparity.core.fixture.FixtureLoader;
import org.lossparity.core.fixture.FixtureProblem;
import org.lossparity.core.fixture.FixtureSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.run.ParityRunner;
import org.lossparity.core.tensor.Tensor;

/**
 * Arguments of the parity suite, straight from the fixture files: for every case, the reference against the
 * hand-verified values, every engine against the reference of its convention, and pytorch against tensorflow,
 * for the value and every gradient. Each argument is (display name, {@link ParityCheck}). Cases are evaluated
 * lazily, one at a time, as JUnit asks for the next test.
 *
 * <p>Cases whose inputs hold more than {@code lossparity.suite.maxElements} elements (0, the default: no limit)
 * become one skipped test each, so that nobody mistakes them for covered.
 */
public final class ParityCases implements ArgumentsProvider {
    static final String MAX_ELEMENTS = "lossparity.suite.maxElements";

    /** What one test checks: a classified comparison, a case left out by the size limit, or a fixture that did not load. */
    public record ParityCheck(String location, Comparison comparison, String skipReason, FixtureProblem problem) {
        static ParityCheck of(CaseResult c, Comparison cmp) {
            return new ParityCheck(c.ref().location(), cmp, null, null);
        }
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        SharedEngines shared = SharedEngines.get(context);
        return arguments(shared.runner(), shared.fixtures(), Long.getLong(MAX_ELEMENTS, 0L));
    }

    /** The suite's arguments for the fixtures in {@code dir}: load problems first, then cases in file order. */
    static Stream<Arguments> arguments(ParityRunner runner, Path dir, long maxElements) {
        FixtureSet set = new FixtureLoader().loadDirectory(dir);
        Stream<Arguments> problems = set.problems().stream().map(p -> Arguments.of(
                "fixture problem " + ParityRunner.relative(dir, p.file()) + (p.pointer().isEmpty() ? "" : "#" + p.pointer()),
                new ParityCheck(p.file() + "#" + p.pointer(), null, null, p)));
        Stream<Arguments> cases = set.cases().stream().flatMap(c -> {
            long elements = c.inputs().values().stream().mapToLong(Tensor::size).sum();
            if (maxElements > 0 && elements > maxElements) {
                return Stream.of(Arguments.of(c.displayName() + " (all comparisons)", new ParityCheck(c.location(),
                        null, c.displayName() + " has " + elements + " input elements, more than " + MAX_ELEMENTS
                        + "=" + maxElements + "; run without -D" + MAX_ELEMENTS + " to include it", null)));
            }
            CaseResult r = runner.runCase(c, dir);
            return selected(r).stream().map(cmp -> Arguments.of(c.displayName() + " " + cmp.label(),
                    ParityCheck.of(r, cmp)));
        });
        return Stream.concat(problems, cases);
    }

    /** Reference vs expected, engines vs reference, and the pytorch-tensorflow pairs. */
    static List<Comparison> selected(CaseResult r) {
        List<Comparison> out = new ArrayList<>();
        for (Comparison c : r.comparisons()) {
            boolean pair = c.kind() == ComparisonKind.ENGINE_PAIR;
            if (!pair || (c.subjectEngine().equals("pytorch") && c.againstEngine().equals("tensorflow"))) {
                out.add(c);
            }
        }
        return out;
    }

}
