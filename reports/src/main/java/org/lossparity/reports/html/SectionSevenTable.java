package org.lossparity.reports.html;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.result.CaseResult;
import org.lossparity.core.result.Comparison;
import org.lossparity.core.result.EngineStatus;
import org.lossparity.core.result.ComparisonKind;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.ParityRun;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.result.Verdict;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.tensor.DType;

/**
 * The lab's section-7 table: for each loss both frameworks share and each dtype, PyTorch's and TensorFlow's value on
 * one representative case, their difference and the verdict, with the verdicts of every PyTorch-vs-TensorFlow
 * comparison of that loss and dtype so that the one row never hides a failure elsewhere.
 */
final class SectionSevenTable {
    static final String PYTORCH = "pytorch";
    static final String TENSORFLOW = "tensorflow";

    /** The shared losses in the lab's order, with the lab's names. */
    static final Map<LossKind, String> SHARED_LOSSES = sharedLosses();

    private static Map<LossKind, String> sharedLosses() {
        Map<LossKind, String> m = new LinkedHashMap<>();
        m.put(LossKind.MSE, "MSE");
        m.put(LossKind.MAE, "MAE");
        m.put(LossKind.HUBER, "Huber");
        m.put(LossKind.BCE_WITH_LOGITS, "BCE from logits");
        m.put(LossKind.BCE, "BCE from probabilities");
        m.put(LossKind.SPARSE_CATEGORICAL_CE, "Sparse categorical cross-entropy");
        m.put(LossKind.CATEGORICAL_CE, "Categorical cross-entropy");
        m.put(LossKind.KL_DIV, "KL divergence");
        m.put(LossKind.TRIPLET_MARGIN, "Triplet margin");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * One row.
     *
     * @param loss           the loss
     * @param name           the lab's name for it
     * @param dtype          the dtype of the cases summarised; empty when the run has no case of this loss
     * @param representative the case whose values are shown: the first (in run order) whose PyTorch and TensorFlow
     *                       values are both scalars from the same definition (no semantic divergence), else the
     *                       first with both scalars, else the first with a PyTorch-vs-TensorFlow value comparison,
     *                       else (an engine missing) the first where either engine returned a scalar
     * @param comparison     that case's PyTorch-vs-TensorFlow value comparison
     * @param pytorch        PyTorch's value on it
     * @param tensorflow     TensorFlow's value on it
     * @param all            verdict counts over every PyTorch-vs-TensorFlow comparison (values and gradients) of
     *                       this loss and dtype
     */
    record Row(LossKind loss, String name, Optional<DType> dtype, Optional<CaseResult> representative,
               Optional<Comparison> comparison, Optional<TensorData> pytorch, Optional<TensorData> tensorflow,
               Map<Verdict, Integer> all) {

        /** PyTorch minus TensorFlow, when both values are scalars. */
        Optional<Double> difference() {
            if (pytorch.isPresent() && tensorflow.isPresent() && pytorch.get().size() == 1
                    && tensorflow.get().size() == 1) {
                return Optional.of(pytorch.get().values()[0] - tensorflow.get().values()[0]);
            }
            return Optional.empty();
        }
    }

    private SectionSevenTable() {}

    static List<Row> rows(ParityRun run) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<LossKind, String> shared : SHARED_LOSSES.entrySet()) {
            LossKind loss = shared.getKey();
            Map<DType, List<CaseResult>> byDtype = new EnumMap<>(DType.class);
            for (CaseResult c : run.cases()) {
                if (c.ref().spec().loss() == loss) {
                    byDtype.computeIfAbsent(c.ref().spec().dtype(), k -> new ArrayList<>()).add(c);
                }
            }
            if (byDtype.isEmpty()) {
                rows.add(new Row(loss, shared.getValue(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Map.of()));
            }
            byDtype.forEach((dtype, cases) -> rows.add(row(loss, shared.getValue(), dtype, cases)));
        }
        return rows;
    }

    private static Row row(LossKind loss, String name, DType dtype, List<CaseResult> cases) {
        Map<Verdict, Integer> all = new EnumMap<>(Verdict.class);
        CaseResult sameDefinition = null;
        CaseResult scalarPair = null;
        CaseResult anyPair = null;
        CaseResult anyScalar = null;
        for (CaseResult c : cases) {
            for (Comparison cmp : c.comparisons()) {
                if (isPytorchVsTensorflow(cmp)) {
                    all.merge(cmp.verdict(), 1, Integer::sum);
                }
            }
            boolean pt = scalar(value(c, PYTORCH));
            boolean tf = scalar(value(c, TENSORFLOW));
            if (valueComparison(c).isPresent()) {
                anyPair = anyPair == null ? c : anyPair;
                scalarPair = scalarPair == null && pt && tf ? c : scalarPair;
                if (sameDefinition == null && pt && tf && comparesOneDefinition(valueComparison(c).get().verdict())) {
                    sameDefinition = c;
                }
            } else if (anyScalar == null && (pt || tf)) {
                anyScalar = c;
            }
        }
        // Without a pair (an engine missing) the row still shows what the other engine computed.
        CaseResult rep = sameDefinition != null ? sameDefinition : scalarPair != null ? scalarPair
                : anyPair != null ? anyPair : anyScalar;
        if (rep == null) {
            return new Row(loss, name, Optional.of(dtype), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), all);
        }
        return new Row(loss, name, Optional.of(dtype), Optional.of(rep), valueComparison(rep), value(rep, PYTORCH),
                value(rep, TENSORFLOW), all);
    }

    /** Why PyTorch or TensorFlow numbers may be missing from the whole table: an engine the run did not have. */
    static List<String> missingEngines(ParityRun run) {
        List<String> out = new ArrayList<>();
        for (String engine : List.of(PYTORCH, TENSORFLOW)) {
            Optional<EngineStatus> status = run.engines().stream().filter(e -> e.name().equals(engine)).findFirst();
            if (status.isEmpty()) {
                out.add("The " + engine + " engine was not part of this run.");
            } else if (!status.get().available()) {
                out.add("The " + engine + " engine is unavailable: " + status.get().reason());
            }
        }
        return out;
    }

    /**
     * Whether a pair verdict means both sides computed the same definition: the lab's table asks whether the two
     * frameworks agree, which a case where the conventions differ on purpose cannot show.
     */
    private static boolean comparesOneDefinition(Verdict v) {
        return v != Verdict.SEMANTIC_DIVERGENCE && v != Verdict.UNSUPPORTED && v != Verdict.ERROR;
    }

    static boolean isPytorchVsTensorflow(Comparison c) {
        return c.kind() == ComparisonKind.ENGINE_PAIR && c.subjectEngine().equals(PYTORCH)
                && c.againstEngine().equals(TENSORFLOW);
    }

    private static Optional<Comparison> valueComparison(CaseResult c) {
        return c.comparisons().stream()
                .filter(cmp -> isPytorchVsTensorflow(cmp) && cmp.quantity().equals(Quantity.VALUE)).findFirst();
    }

    private static Optional<TensorData> value(CaseResult c, String engine) {
        return c.evaluation(engine).filter(e -> e.status() == Evaluation.Status.OK).flatMap(Evaluation::value);
    }

    private static boolean scalar(Optional<TensorData> t) {
        return t.isPresent() && t.get().size() == 1;
    }
}
