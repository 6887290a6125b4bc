package org.lossparity.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.LossEngineProvider;
import org.lossparity.core.fixture.FixtureLoader;
import org.lossparity.core.fixture.FixtureSet;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.Summary;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.run.ParityRunner;
import org.lossparity.core.run.ProgressListener;
import org.lossparity.reports.json.JsonReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity run}: every fixture case through every selected engine, then report.json and report.html. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the fixtures through the engines and write report.json and report.html.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--fixtures", paramLabel = "DIR",
            description = "fixture directory (default: the repository's fixtures/data)")
    Path fixtures;

    @Option(names = "--engines", split = ",", paramLabel = "NAME",
            description = "engines to run, comma-separated (default: every engine on the class path); the "
                    + "reference is always added")
    List<String> engines = new ArrayList<>();

    @Option(names = "--loss", paramLabel = "REGEX", defaultValue = "",
            description = "only losses whose id contains a match of this regular expression")
    String loss;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output directory for report.json and report.html (default: reports/out in the "
                    + "repository when run through ./parity, else ./parity-report)")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "intra-op threads for the engines (default: lossparity.threads or 1)")
    Integer threads;

    @Option(names = "--divergences", paramLabel = "FILE",
            description = "divergence catalogue (default: divergences.json beside the fixtures)")
    Path divergences;

    @Option(names = "--known-defects", paramLabel = "FILE",
            description = "known engine defects (default: known-defects.json beside the fixtures)")
    Path knownDefects;

    @Option(names = "--quiet", description = "no per-case progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = fixtures != null ? fixtures : FixtureLoader.defaultDirectory();
        if (!Files.isDirectory(dir)) {
            throw new ParityCli.ConfigurationException("fixture directory " + dir.toAbsolutePath() + " does not exist");
        }
        try {
            Pattern.compile(loss);
        } catch (PatternSyntaxException e) {
            throw new ParityCli.ConfigurationException("--loss: not a regular expression: " + e.getMessage());
        }
        List<String> known = EngineRegistry.providers().stream().map(LossEngineProvider::name).toList();
        for (String name : engines) {
            if (!known.contains(name)) {
                throw new ParityCli.ConfigurationException("--engines: no engine named '" + name + "' (available: "
                        + known + ")");
            }
        }
        List<String> wanted = new ArrayList<>(engines);
        if (!wanted.isEmpty() && !wanted.contains(ParityRunner.REFERENCE)) {
            wanted.add(0, ParityRunner.REFERENCE);
        }
        Catalogues.Loaded catalogues;
        try {
            catalogues = Catalogues.load(dir, Optional.ofNullable(divergences), Optional.ofNullable(knownDefects));
        } catch (IOException e) {
            throw new ParityCli.ConfigurationException(e.getMessage(), e);
        }
        err.println("parity: fixtures " + dir + "; " + catalogues.sources());
        FixtureSet set = new FixtureLoader().loadDirectory(dir);
        for (var p : set.problems()) {
            err.println("parity: fixture problem: " + p);
        }
        Map<String, String> config = new TreeMap<>(EngineConfig.fromSystemProperties().asMap());
        if (threads != null) {
            if (threads < 1) {
                throw new ParityCli.ConfigurationException("--threads must be at least 1");
            }
            config.put(EngineConfig.THREADS, threads.toString());
        }
        ParityRun run;
        try (EngineRegistry registry = EngineRegistry.start(wanted, EngineConfig.of(config))) {
            registry.unavailable().forEach(u -> err.println("parity: engine " + u.name() + " unavailable: " + u.reason()));
            registry.engines().forEach((name, e) -> err.println("parity: engine " + name + ": " + e.identity().library()
                    + " / " + e.identity().runtime() + ", threads " + e.identity().threads()));
            ParityRunner runner;
            try {
                runner = ParityRunner.of(registry, catalogues.divergences(), catalogues.knownDefects());
            } catch (IllegalArgumentException e) {
                throw new ParityCli.ConfigurationException(e.getMessage(), e);
            }
            ProgressListener progress = quiet ? ProgressListener.NONE : (done, total, result) -> {
                err.printf("[%d/%d] %s: %s%n", done, total, result.ref().displayName(), verdicts(result));
                err.flush();
            };
            run = runner.run(set, dir, new RunSettings(dir.toString(), engines, loss), ParityCli.version(), progress);
        }
        if (run.cases().isEmpty() && set.problems().isEmpty()) {
            throw new ParityCli.ConfigurationException("no fixture case in " + dir + " matches --loss '" + loss + "'");
        }
        if (out == null) {
            String root = System.getProperty("lossparity.repo.root");
            out = root != null && !root.isBlank() ? Path.of(root, "reports", "out") : Path.of("parity-report");
        }
        Files.createDirectories(out);
        Path json = out.resolve("report.json");
        JsonReportWriter.write(run, json);
        Path html = out.resolve("report.html");
        boolean htmlWritten = HtmlOutput.write(run, html, err);
        Summary s = run.summary();
        err.println();
        for (CaseResult c : run.cases()) {
            for (Comparison cmp : c.comparisons()) {
                if (!cmp.verdict().countsAsPass()) {
                    err.println(cmp.verdict().label().toUpperCase() + ": " + c.ref().displayName() + " " + cmp.label()
                            + " (" + c.ref().location() + ")");
                    err.println("  " + cmp.explanation().replace("\n", "\n  "));
                }
            }
        }
        PrintWriter outw = spec.commandLine().getOut();
        outw.println(summaryLine(s));
        outw.println("report: " + json + (htmlWritten ? ", " + html : ""));
        boolean missingEngine = run.engines().stream().anyMatch(e -> !e.available() && engines.contains(e.name()));
        if (missingEngine) {
            err.println("parity: an engine asked for with --engines is unavailable; parity is not established");
        }
        return s.passed() && !missingEngine ? ParityCli.OK : ParityCli.PARITY_FAILURE;
    }

    static String summaryLine(Summary s) {
        StringBuilder sb = new StringBuilder(s.passed() ? "PASSED" : "FAILED");
        sb.append(": ").append(s.cases()).append(" cases, ").append(s.comparisons()).append(" comparisons");
        for (Verdict v : Verdict.values()) {
            if (s.count(v) > 0) {
                sb.append(", ").append(s.count(v)).append(' ').append(v.label());
            }
        }
        if (s.loadProblems() > 0) {
            sb.append(", ").append(s.loadProblems()).append(" fixture load problem(s)");
        }
        return sb.toString();
    }

    private static String verdicts(CaseResult r) {
        Map<Verdict, Integer> counts = new TreeMap<>();
        r.comparisons().forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        counts.forEach((v, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(v.label()));
        return sb.length() == 0 ? "no comparisons" : sb.toString();
    }
}
