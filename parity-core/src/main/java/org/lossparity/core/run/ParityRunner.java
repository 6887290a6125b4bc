package org.lossparity.core.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.fixture.FixtureCase;
import org.lossparity.core.fixture.FixtureProblem;
import org.lossparity.core.fixture.FixtureSet;
import org.lossparity.core.result.CaseRef;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.Environment;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ExpectedData;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.LoadProblem;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.RunInfo;
import org.lossparity.core.result.RunSettings;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.tensor.Tensor;

/**
 * Runs fixture cases through engines and classifies every comparison. Robust by construction: an unsupported
 * spec, an engine exception or a native error becomes a recorded evaluation, never an aborted run.
 *
 * <p>Per case: the reference evaluates the case in both conventions (when expressible); every other engine
 * evaluates the case in its own convention, or in the case's convention when it only supports that; then
 * REFERENCE_VS_EXPECTED (when the case has hand-verified values), ENGINE_VS_REFERENCE per engine, and
 * ENGINE_PAIR per pair of non-reference engines (pytorch first), each for the value and every gradient.
 *
 * <p>Not thread-safe: engines are used from the calling thread only.
 */
public final class ParityRunner {
    /** The engine that defines the truth. */
    public static final String REFERENCE = "reference";

    private final Map<String, LossEngine> engines;
    private final List<EngineStatus> statuses;
    private final List<DivergenceRule> catalogue;
    private final List<KnownDefect> defects;
    private final Classifier classifier;

    /**
     * @param engines     started engines by name
     * @param unavailable engines asked for that did not start, with the reason
     * @param catalogue   divergence rules (fixtures/divergences.json)
     * @param defects     known engine defects (fixtures/known-defects.json)
     */
    public ParityRunner(Map<String, LossEngine> engines, List<EngineRegistry.Unavailable> unavailable,
                        List<DivergenceRule> catalogue, List<KnownDefect> defects) {
        this.engines = new TreeMap<>(engines);
        List<EngineStatus> s = new ArrayList<>();
        this.engines.forEach((name, e) -> s.add(new EngineStatus(name, true, "", Optional.of(e.identity()))));
        for (EngineRegistry.Unavailable u : unavailable) {
            s.add(new EngineStatus(u.name(), false, u.reason(), Optional.empty()));
        }
        s.sort(Comparator.comparing(EngineStatus::name));
        this.statuses = List.copyOf(s);
        for (DivergenceRule rule : catalogue) {
            if (!DivergenceDetectors.known(rule.detector())) {
                throw new IllegalArgumentException("divergence rule '" + rule.id() + "' names detector '"
                        + rule.detector() + "', which the runner does not know");
            }
        }
        this.catalogue = List.copyOf(catalogue);
        this.defects = List.copyOf(defects);
        this.classifier = new Classifier(catalogue, defects);
    }

    public static ParityRunner of(EngineRegistry registry, List<DivergenceRule> catalogue, List<KnownDefect> defects) {
        return new ParityRunner(registry.engines(), registry.unavailable(), catalogue, defects);
    }

    public List<EngineStatus> engineStatuses() {
        return statuses;
    }

    /**
     * Runs every case of the set whose loss id matches {@code settings.lossFilter()} (a regular expression found
     * anywhere in the id; empty for all).
     *
     * @param root the fixtures directory, to make file names in the report relative
     */
    public ParityRun run(FixtureSet fixtures, Path root, RunSettings settings, String toolVersion,
                         ProgressListener progress) {
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Pattern filter = Pattern.compile(settings.lossFilter().isEmpty() ? ".*" : settings.lossFilter());
        List<FixtureCase> selected = fixtures.cases().stream()
                .filter(c -> filter.matcher(c.spec().loss().id()).find()).toList();
        List<CaseResult> results = new ArrayList<>();
        int done = 0;
        for (FixtureCase c : selected) {
            CaseResult r = runCase(c, root);
            results.add(r);
            progress.caseFinished(++done, selected.size(), r);
        }
        results.sort(Comparator.comparing(CaseResult::ref));
        List<LoadProblem> problems = new ArrayList<>();
        for (FixtureProblem p : fixtures.problems()) {
            problems.add(new LoadProblem(relative(root, p.file()), p.pointer(), p.message()));
        }
        problems.sort(Comparator.comparing(LoadProblem::file).thenComparing(LoadProblem::pointer)
                .thenComparing(LoadProblem::message));
        RunInfo info = new RunInfo(toolVersion, started, Environment.current());
        return new ParityRun(info, settings, statuses, results, problems, catalogue, defects);
    }

    /** The file name relative to the fixtures directory, '/'-separated. */
    public static String relative(Path root, Path file) {
        Path f = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        Path rel = f.startsWith(r) ? r.relativize(f) : f;
        return rel.toString().replace('\\', '/');
    }

    public static CaseRef caseRef(FixtureCase c, Path root) {
        return new CaseRef(relative(root, c.file()), c.pointer(), c.id(), c.label(), c.displayName(), c.spec(),
                c.effectiveTolerance(), c.fixture(), c.group());
    }

    /** Evaluates and classifies one case. Never throws for engine trouble. */
    public CaseResult runCase(FixtureCase c, Path root) {
        CaseRef ref = caseRef(c, root);
        List<Quantity> quantities = new ArrayList<>();
        quantities.add(Quantity.VALUE);
        c.spec().loss().differentiableInputs().forEach(i -> quantities.add(Quantity.gradient(i)));

        Map<Convention, EngineOutcome> references = new TreeMap<>();
        LossEngine refEngine = engines.get(REFERENCE);
        if (refEngine != null) {
            for (Convention conv : Convention.values()) {
                references.put(conv, CaseEvaluator.evaluate(REFERENCE, refEngine, c, conv));
            }
        }
        Map<String, EngineOutcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, LossEngine> e : engines.entrySet()) {
            if (!e.getKey().equals(REFERENCE)) {
                outcomes.put(e.getKey(), evaluateEngine(e.getKey(), e.getValue(), c));
            }
        }

        List<Comparison> comparisons = new ArrayList<>();
        String refKeyOwn = Evaluation.key(REFERENCE, c.spec().convention());
        if (c.expected().isPresent()) {
            var exp = c.expected().get();
            Map<Quantity, Tensor> expected = new LinkedHashMap<>();
            expected.put(Quantity.VALUE, exp.value());
            exp.gradients().forEach((k, v) -> expected.put(Quantity.gradient(k), v));
            Optional<EngineOutcome> own = Optional.ofNullable(references.get(c.spec().convention()));
            for (Map.Entry<Quantity, Tensor> e : expected.entrySet()) {
                Quantity q = e.getKey();
                Comparison cmp;
                if (own.isEmpty()) {
                    cmp = Classifier.notCompared(ComparisonKind.REFERENCE_VS_EXPECTED, q, refKeyOwn, Comparison.EXPECTED,
                            Verdict.ERROR, "the reference engine is unavailable");
                } else {
                    cmp = Classifier.missing(ComparisonKind.REFERENCE_VS_EXPECTED, q, refKeyOwn, Comparison.EXPECTED,
                                    own.get(), refKeyOwn)
                            .map(m -> m.verdict() == Verdict.UNSUPPORTED ? Classifier.notCompared(m.kind(), m.quantity(),
                                    m.subject(), m.against(), Verdict.ERROR, m.explanation()) : m)
                            .orElseGet(() -> Classifier.plain(ComparisonKind.REFERENCE_VS_EXPECTED, q, refKeyOwn,
                                    Comparison.EXPECTED, own.get().get(q).orElseThrow(), e.getValue(),
                                    Classifier.toleranceFor(ref.tolerance(), q, e.getValue())));
                }
                comparisons.add(cmp);
            }
        }
        for (EngineOutcome o : outcomes.values()) {
            Convention conv = o.evaluation().convention();
            comparisons.addAll(classifier.engineVsReference(ref, quantities, o,
                    Optional.ofNullable(references.get(conv)), Evaluation.key(REFERENCE, conv)));
        }
        List<String> names = new ArrayList<>(outcomes.keySet());
        names.sort(Comparator.comparing((String n) -> !n.equals("pytorch")).thenComparing(n -> n));
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                EngineOutcome a = outcomes.get(names.get(i));
                EngineOutcome b = outcomes.get(names.get(j));
                Optional<EngineOutcome> ra = Optional.ofNullable(references.get(a.evaluation().convention()))
                        .filter(EngineOutcome::ok);
                Optional<EngineOutcome> rb = Optional.ofNullable(references.get(b.evaluation().convention()))
                        .filter(EngineOutcome::ok);
                Optional<DivergenceDetectors.Sides> sides = ra.isPresent() && rb.isPresent()
                        ? Classifier.sides(ra.get(), rb.get(), c.inputs()) : Optional.empty();
                for (Quantity q : quantities) {
                    comparisons.add(classifier.pair(ref, q, a, b, ra, rb, sides));
                }
            }
        }

        List<Evaluation> evaluations = new ArrayList<>();
        references.values().forEach(o -> evaluations.add(o.evaluation()));
        outcomes.values().forEach(o -> evaluations.add(o.evaluation()));
        evaluations.sort(Comparator.comparing(Evaluation::engine).thenComparing(Evaluation::convention));
        Map<String, TensorData> inputs = new TreeMap<>();
        c.inputs().forEach((k, v) -> inputs.put(k, TensorData.of(v)));
        Optional<ExpectedData> expected = c.expected().map(e -> {
            Map<String, TensorData> g = new TreeMap<>();
            e.gradients().forEach((k, v) -> g.put(k, TensorData.of(v)));
            return new ExpectedData(Optional.of(TensorData.of(e.value())), g, e.source());
        });
        return new CaseResult(ref, inputs, expected, evaluations, comparisons);
    }

    /** The engine's own convention first; the case's convention when the engine only supports that. */
    private static EngineOutcome evaluateEngine(String name, LossEngine engine, FixtureCase c) {
        Convention own;
        try {
            own = engine.identity().convention();
        } catch (RuntimeException | LinkageError e) {
            return CaseEvaluator.error(name, c.spec().convention(), null, "",
                    "identity() threw " + CaseEvaluator.describe(e));
        }
        EngineOutcome first = CaseEvaluator.evaluate(name, engine, c, own);
        if (first.evaluation().status() != Evaluation.Status.UNSUPPORTED || own == c.spec().convention()) {
            return first;
        }
        EngineOutcome second = CaseEvaluator.evaluate(name, engine, c, c.spec().convention());
        if (second.evaluation().status() != Evaluation.Status.UNSUPPORTED) {
            return second;
        }
        return CaseEvaluator.unsupported(name, own, first.counterpart(), first.evaluation().inputNote(),
                "in the " + own + " convention: " + first.evaluation().message() + "; in the case's "
                        + c.spec().convention() + " convention: " + second.evaluation().message());
    }
}
