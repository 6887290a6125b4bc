package org.lossparity.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lossparity.core.result.ParityRun;
import org.lossparity.reports.json.JsonReportReader;
import org.lossparity.reports.json.ReportDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parity diff}: the gate before accepting a new engine version. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two report.json files case by case: how each engine's error moved.",
                "Fails (exit 1) when a comparison that passed now fails, or when an engine's error against the "
                        + "reference grows past the budget (default: 0.25 of the tolerance)."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE.json")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT.json")
    Path current;

    @Option(names = "--budget-ulps", paramLabel = "N", description = "allowed growth of an engine's error, in ULPs")
    Double budgetUlps;

    @Option(names = "--budget-fraction", paramLabel = "F",
            description = "allowed growth of an engine's error, in fractions of the tolerance")
    Double budgetFraction;

    @Option(names = "--all", description = "also list comparisons that did not move")
    boolean all;

    @Override
    public Integer call() {
        if ((budgetUlps != null && !(budgetUlps >= 0)) || (budgetFraction != null && !(budgetFraction >= 0))) {
            throw new ParityCli.ConfigurationException("budgets must be non-negative numbers");
        }
        ReportDiff.Budget budget = budgetUlps == null && budgetFraction == null ? ReportDiff.Budget.DEFAULT
                : new ReportDiff.Budget(Optional.ofNullable(budgetUlps), Optional.ofNullable(budgetFraction));
        ParityRun before = read(baseline);
        ParityRun after = read(current);
        ReportDiff.Result result = ReportDiff.diff(before, after, budget);
        var out = spec.commandLine().getOut();
        if (all) {
            result.entries().stream().filter(e -> e.movement() == ReportDiff.Movement.UNCHANGED)
                    .forEach(e -> out.println(e.describe()));
        }
        out.print(result.render());
        out.flush();
        return result.passed() ? ParityCli.OK : ParityCli.PARITY_FAILURE;
    }

    private static ParityRun read(Path file) {
        try {
            return JsonReportReader.read(file);
        } catch (IOException e) {
            throw new ParityCli.ConfigurationException("cannot read report " + file + ": " + e.getMessage(), e);
        }
    }
}
