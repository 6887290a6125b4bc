package org.lossparity.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.compare.ComparisonResult;
import org.lossparity.core.compare.TensorComparison;
import org.lossparity.core.compare.Tolerance;
import org.lossparity.core.result.CaseRef;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.ErrorHistogram;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Turns evaluations into classified comparisons. The rules (see {@link Verdict}):
 * <ul>
 *   <li>engine vs reference: within tolerance is PASS, beyond is FAILURE; a matching known defect turns these into
 *       UNEXPECTED_PASS and EXPECTED_FAILURE.</li>
 *   <li>engine pair: within tolerance is PASS. Beyond it, each engine is checked against the reference of its own
 *       convention: both within and the references differ, with a catalogued rule that applies to the case:
 *       SEMANTIC_DIVERGENCE (no rule applies: FAILURE, the catalogue is incomplete); both within and the
 *       references agree: NUMERICAL, naming the engine closer to its reference; otherwise FAILURE naming the
 *       engine that is off, or EXPECTED_FAILURE when that is a known defect.</li>
 * </ul>
 */
final class Classifier {
    private final List<DivergenceRule> catalogue;
    private final List<KnownDefect> defects;

    Classifier(List<DivergenceRule> catalogue, List<KnownDefect> defects) {
        this.catalogue = List.copyOf(catalogue);
        this.defects = List.copyOf(defects);
    }

    /** A comparison that could not be made (nothing to compare), with the reason. */
    static Comparison notCompared(ComparisonKind kind, Quantity q, String subject, String against, Verdict verdict,
                                  String why) {
        return new Comparison(kind, q, subject, against, verdict, Optional.empty(), Double.NaN, Double.NaN,
                Optional.empty(), why, Optional.empty(), Optional.empty(), Optional.empty(), Double.NaN, Double.NaN,
                List.of());
    }

    /** Why an outcome cannot be compared, or empty when it has the quantity. */
    static Optional<Comparison> missing(ComparisonKind kind, Quantity q, String subject, String against,
                                        EngineOutcome o, String who) {
        return switch (o.evaluation().status()) {
            case UNSUPPORTED -> Optional.of(notCompared(kind, q, subject, against, Verdict.UNSUPPORTED,
                    who + " unsupported: " + o.evaluation().message()));
            case ERROR -> Optional.of(notCompared(kind, q, subject, against, Verdict.ERROR,
                    who + " failed: " + o.evaluation().message()));
            case OK -> o.get(q).isPresent() ? Optional.empty()
                    : Optional.of(notCompared(kind, q, subject, against, Verdict.UNSUPPORTED,
                    who + " reported no " + q + " (it differentiates only " + o.gradients().keySet() + ")"));
        };
    }

    /** The case's tolerance, scaled to the true gradient's magnitude for gradient quantities. */
    static Tolerance toleranceFor(Tolerance caseTolerance, Quantity q, Tensor truth) {
        return q.isGradient() ? caseTolerance.forGradient(truth) : caseTolerance;
    }

    /** Plain comparison: PASS or FAILURE (reference vs expected, and the raw part of engine vs reference). */
    static Comparison plain(ComparisonKind kind, Quantity q, String subject, String against, Tensor actual,
                            Tensor expected, Tolerance tol) {
        ComparisonResult r = TensorComparison.compare(actual, expected, tol);
        Verdict v = r.passed() ? Verdict.PASS : Verdict.FAILURE;
        return build(kind, q, subject, against, v, r, actual, expected, r.message(), null, null, null, Double.NaN,
                Double.NaN, List.of());
    }

    /**
     * Engine vs reference for every quantity of one engine on one case, applying known defects. A defect with
     * quantity {@code any} is expected to show in at least one quantity: quantities that pass under it stay PASS,
     * unless none fails (then all are UNEXPECTED_PASS).
     */
    List<Comparison> engineVsReference(CaseRef ref, List<Quantity> quantities, EngineOutcome engine,
                                       Optional<EngineOutcome> reference, String referenceKey) {
        List<Comparison> out = new ArrayList<>();
        String subject = engine.key();
        String engineName = engine.evaluation().engine();
        Tolerance tol = ref.tolerance();
        List<Comparison> raw = new ArrayList<>();
        for (Quantity q : quantities) {
            Optional<Comparison> miss = missing(ComparisonKind.ENGINE_VS_REFERENCE, q, subject, referenceKey, engine,
                    engineName);
            if (miss.isEmpty()) {
                if (reference.isEmpty()) {
                    miss = Optional.of(notCompared(ComparisonKind.ENGINE_VS_REFERENCE, q, subject, referenceKey,
                            Verdict.ERROR, "the reference engine is unavailable, so " + engineName + " cannot be checked"));
                } else {
                    miss = missing(ComparisonKind.ENGINE_VS_REFERENCE, q, subject, referenceKey, reference.get(),
                            referenceKey).map(c -> c.verdict() == Verdict.UNSUPPORTED
                            ? notCompared(c.kind(), c.quantity(), c.subject(), c.against(), Verdict.ERROR,
                            c.explanation() + " (the reference must evaluate every spec an engine evaluates)") : c);
                }
            }
            raw.add(miss.orElseGet(() -> plain(ComparisonKind.ENGINE_VS_REFERENCE, q, subject, referenceKey,
                    engine.get(q).orElseThrow(), reference.get().get(q).orElseThrow(),
                    toleranceFor(tol, q, reference.get().get(q).orElseThrow()))));
        }
        for (Comparison c : raw) {
            Optional<KnownDefect> defect = defects.stream().filter(d -> d.matches(engineName, ref, c.quantity())).findFirst();
            if (defect.isEmpty() || (c.verdict() != Verdict.PASS && c.verdict() != Verdict.FAILURE)) {
                out.add(c);
                continue;
            }
            KnownDefect d = defect.get();
            String about = "known defect " + d.id() + ": " + d.djlClass() + (d.parameters().isEmpty() ? "" : " (" + d.parameters() + ")")
                    + " computes " + d.computesInstead();
            if (c.verdict() == Verdict.FAILURE) {
                out.add(with(c, Verdict.EXPECTED_FAILURE, about + "\n" + c.explanation(), d.id()));
            } else {
                boolean anyFails = raw.stream().anyMatch(o -> o.verdict() == Verdict.FAILURE
                        && d.matches(engineName, ref, o.quantity()));
                if (d.quantity().equals("any") && anyFails) {
                    out.add(c);
                } else {
                    out.add(with(c, Verdict.UNEXPECTED_PASS, about + ", but this comparison now passes ("
                            + c.explanation() + "). The defect seems fixed: update fixtures/known-defects.json.", d.id()));
                }
            }
        }
        return out;
    }

    private static Comparison with(Comparison c, Verdict v, String explanation, String defectId) {
        return new Comparison(c.kind(), c.quantity(), c.subject(), c.against(), v, c.detail(), c.ulps(),
                c.toleranceFraction(), c.histogram(), explanation, c.divergenceRuleId(), Optional.of(defectId),
                c.closerToTruth(), c.subjectUlpsToTruth(), c.againstUlpsToTruth(), c.regions());
    }

    /**
     * Engine pair a vs b on one quantity. {@code refA}/{@code refB} are the reference evaluations in a's and b's
     * conventions (empty when the reference is unavailable); {@code sides} describes both conventions' inputs
     * when they differ.
     */
    Comparison pair(CaseRef ref, Quantity q, EngineOutcome a, EngineOutcome b, Optional<EngineOutcome> refA,
                    Optional<EngineOutcome> refB, Optional<DivergenceDetectors.Sides> sides) {
        String sa = a.key();
        String sb = b.key();
        String na = a.evaluation().engine();
        String nb = b.evaluation().engine();
        Optional<Comparison> miss = missing(ComparisonKind.ENGINE_PAIR, q, sa, sb, a, na)
                .or(() -> missing(ComparisonKind.ENGINE_PAIR, q, sa, sb, b, nb));
        if (miss.isPresent()) {
            return miss.get();
        }
        Tensor ta = a.get(q).orElseThrow();
        Tensor tb = b.get(q).orElseThrow();
        Tolerance tol = toleranceFor(ref.tolerance(), q, refB.flatMap(r -> r.get(q)).orElse(tb));
        ComparisonResult diff = TensorComparison.compare(ta, tb, tol);
        Optional<Tensor> ra = refA.flatMap(r -> r.get(q));
        Optional<Tensor> rb = refB.flatMap(r -> r.get(q));
        double ulpsA = ra.map(r -> TensorComparison.compare(ta, r, tol).maxUlps()).orElse(Double.NaN);
        double ulpsB = rb.map(r -> TensorComparison.compare(tb, r, tol).maxUlps()).orElse(Double.NaN);
        Optional<String> closer = closer(na, ulpsA, nb, ulpsB);
        String truth = ra.isPresent() && rb.isPresent()
                ? String.format("%s is %s ULP from the reference of its convention, %s %s ULP", na, ulps(ulpsA), nb, ulps(ulpsB))
                : "the reference could not evaluate both sides";
        if (diff.passed()) {
            return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.PASS, diff, ta, tb,
                    diff.message() + "; " + truth, null, null, closer.orElse(null), ulpsA, ulpsB, List.of());
        }
        if (ra.isEmpty() || rb.isEmpty()) {
            return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.FAILURE, diff, ta, tb,
                    "the engines differ beyond tolerance and cannot be explained because the reference did not "
                            + "evaluate both sides\n" + diff.message(), null, null, null, ulpsA, ulpsB, List.of());
        }
        ComparisonResult errA = TensorComparison.compare(ta, ra.get(), tol);
        ComparisonResult errB = TensorComparison.compare(tb, rb.get(), tol);
        ComparisonResult refDiff = TensorComparison.compare(ra.get(), rb.get(), tol);
        if (errA.passed() && errB.passed()) {
            if (!refDiff.passed()) {
                String refs = referenceValues(refA.get().key(), ra.get(), refB.get().key(), rb.get(), refDiff);
                List<String> regions = new ArrayList<>();
                DivergenceRule primary = null;
                if (sides.isPresent()) {
                    for (DivergenceRule rule : catalogue) {
                        if (!rule.losses().isEmpty() && !rule.losses().contains(ref.spec().loss().id())) {
                            continue;
                        }
                        Optional<String> region = DivergenceDetectors.region(rule.detector(), sides.get());
                        if (region.isPresent()) {
                            regions.add(rule.id() + ": " + region.get());
                            primary = primary == null ? rule : primary;
                        }
                    }
                }
                if (primary == null) {
                    return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.FAILURE, diff, ta, tb,
                            "each engine matches the reference of its own convention, but the two conventions' "
                                    + "references differ and no rule of fixtures/divergences.json applies to this "
                                    + "case; add the rule (or fix the reference). " + refs + "; " + truth + "\n"
                                    + diff.message(), null, null, closer.orElse(null), ulpsA, ulpsB, List.of());
                }
                String text = "semantic divergence " + primary.id() + " (" + primary.title() + "). " + refs + ". PyTorch: "
                        + primary.pytorch() + ". Keras: " + primary.keras() + ". Where: " + String.join(" | ", regions)
                        + ". Each engine matches its own convention: " + truth + ".";
                return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.SEMANTIC_DIVERGENCE, diff, ta, tb, text,
                        primary.id(), null, closer.orElse(null), ulpsA, ulpsB, regions);
            }
            String text = "numerical: same definition (the references agree: " + refDiff.message() + ") but the "
                    + "engines are further apart than the tolerance; " + truth + "; closer to the truth: "
                    + closer.orElse("neither (tie)") + "\n" + diff.message();
            return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.NUMERICAL, diff, ta, tb, text, null, null,
                    closer.orElse(null), ulpsA, ulpsB, List.of());
        }
        List<String> off = new ArrayList<>();
        List<String> offDefects = new ArrayList<>();
        boolean allKnown = true;
        Map<String, ComparisonResult> errors = new java.util.LinkedHashMap<>();
        errors.put(na, errA);
        errors.put(nb, errB);
        for (Map.Entry<String, ComparisonResult> side : errors.entrySet()) {
            if (side.getValue().passed()) {
                continue;
            }
            off.add(side.getKey() + " is beyond tolerance from the reference of its own convention: "
                    + side.getValue().message());
            Optional<KnownDefect> d = defects.stream().filter(x -> x.matches(side.getKey(), ref, q)).findFirst();
            if (d.isPresent()) {
                offDefects.add(d.get().id());
            } else {
                allKnown = false;
            }
        }
        String text = String.join("\n", off) + "\nPair: " + diff.message();
        if (allKnown) {
            return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.EXPECTED_FAILURE, diff, ta, tb,
                    "known defect " + String.join(", ", offDefects) + "\n" + text, null, offDefects.get(0),
                    closer.orElse(null), ulpsA, ulpsB, List.of());
        }
        return build(ComparisonKind.ENGINE_PAIR, q, sa, sb, Verdict.FAILURE, diff, ta, tb, text, null, null,
                closer.orElse(null), ulpsA, ulpsB, List.of());
    }

    private static Optional<String> closer(String a, double ua, String b, double ub) {
        if (Double.isNaN(ua) || Double.isNaN(ub) || ua == ub) {
            return Optional.empty();
        }
        return Optional.of(ua < ub ? a : b);
    }

    private static String ulps(double u) {
        return Double.isInfinite(u) ? "inf" : Double.isNaN(u) ? "?" : String.format("%.0f", u);
    }

    /** Both references to the last digit: every element when small, else the element of greatest difference. */
    static String referenceValues(String keyA, Tensor a, String keyB, Tensor b, ComparisonResult diff) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return keyA + " = " + preview(a) + " (shape " + Arrays.toString(a.shape()) + ") vs " + keyB + " = "
                    + preview(b) + " (shape " + Arrays.toString(b.shape()) + ")";
        }
        if (a.size() <= 8) {
            return keyA + " = " + preview(a) + " vs " + keyB + " = " + preview(b);
        }
        return keyA + " = " + Numbers.format(diff.actualAtMaxAbs(), a.dtype()) + " vs " + keyB + " = "
                + Numbers.format(diff.expectedAtMaxAbs(), b.dtype()) + " at index " + diff.maxAbsAt()
                + " (greatest difference of " + diff.mismatched() + " differing elements of " + diff.total() + ")";
    }

    private static String preview(Tensor t) {
        if (t.rank() == 0 && t.size() == 1) {
            return Numbers.format(t.getDouble(0), t.dtype());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(8, t.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(Numbers.format(t.getDouble(i), t.dtype()));
        }
        return sb.append(t.size() > 8 ? ", ...]" : "]").toString();
    }

    static Comparison build(ComparisonKind kind, Quantity q, String subject, String against, Verdict v,
                            ComparisonResult r, Tensor actual, Tensor expected, String explanation, String ruleId,
                            String defectId, String closer, double ulpsA, double ulpsB, List<String> regions) {
        return new Comparison(kind, q, subject, against, v, Optional.of(r), r.maxUlps(), r.toleranceFraction(),
                histogram(actual, expected), explanation, Optional.ofNullable(ruleId), Optional.ofNullable(defectId),
                Optional.ofNullable(closer), ulpsA, ulpsB, regions);
    }

    static Optional<ErrorHistogram> histogram(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return Optional.empty();
        }
        DType dtype = expected.dtype().isFloating() ? expected.dtype() : DType.FLOAT64;
        long[] counts = new long[ErrorHistogram.LABELS.size()];
        for (int i = 0; i < expected.size(); i++) {
            counts[ErrorHistogram.binOf(Numbers.ulpDistance(actual.getDouble(i), expected.getDouble(i), dtype))]++;
        }
        return Optional.of(ErrorHistogram.of(counts));
    }

    /** Sides for the detectors, when a and b use different conventions. */
    static Optional<DivergenceDetectors.Sides> sides(EngineOutcome a, EngineOutcome b, Map<String, Tensor> caseInputs) {
        if (a.counterpart().isEmpty() || b.counterpart().isEmpty()
                || a.evaluation().convention() == b.evaluation().convention()) {
            return Optional.empty();
        }
        EngineOutcome pt = a.evaluation().convention() == Convention.PYTORCH ? a : b;
        EngineOutcome ks = pt == a ? b : a;
        return Optional.of(new DivergenceDetectors.Sides(pt.counterpart().get().spec(),
                pt.counterpart().get().adaptInputs(caseInputs), ks.counterpart().get().spec(),
                ks.counterpart().get().adaptInputs(caseInputs)));
    }
}
