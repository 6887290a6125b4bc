package org.lossparity.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.InputCheck;
import org.lossparity.core.engine.UnsupportedCaseException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.tensor.Tensor;

/**
 * DJL's own {@code ai.djl.training.loss} classes, called as DJL users call them: {@code loss.evaluate(labels,
 * predictions)}. Every DJL loss returns {@code weight · mean(per-sample loss)}, so a spec's {@code mean} maps to
 * weight 1 and {@code sum} to weight = the count the mean divides by; {@code none} cannot be expressed. The
 * mapping table is in this module's README. Custom Huber and the triplet loss, which DJL has no class for, are
 * written from scratch with NDArray operations.
 */
final class DjlLossApiEngine implements LossEngine {
    private final NDManager manager;
    private final EngineIdentity identity;
    private boolean closed;

    DjlLossApiEngine(DjlRuntime runtime, String name) {
        this.manager = NDManager.newBaseManager("PyTorch");
        this.identity = DjlIdentity.of(name, runtime, "DJL ai.djl.training.loss classes on the PyTorch engine");
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public Support supports(LossSpec spec) {
        if (spec.convention() != Convention.PYTORCH) {
            return Support.no("DJL's losses are mapped onto PyTorch-convention specs only");
        }
        LossKind loss = spec.loss();
        if (loss == LossKind.CUSTOM_HUBER || loss == LossKind.TRIPLET_MARGIN) {
            return Support.yes("DJL has no " + loss.id() + " class; written from scratch with DJL NDArray ops");
        }
        String djlClass = djlClass(loss);
        if (djlClass == null) {
            return Support.no("DJL 0.36 has no loss class for " + loss.id());
        }
        if (spec.reduction() != Reduction.MEAN && spec.reduction() != Reduction.SUM) {
            return Support.no(djlClass + ".evaluate always reduces to weight·mean; reduction '" + spec.reduction()
                    + "' cannot be expressed");
        }
        if (loss == LossKind.SPARSE_CATEGORICAL_CE && spec.params().getLong("ignore_index") != -100) {
            return Support.no("SoftmaxCrossEntropyLoss has no ignore_index");
        }
        if (loss.param("label_smoothing") != null && spec.params().getDouble("label_smoothing") != 0.0) {
            return Support.no(djlClass + " has no label smoothing");
        }
        return Support.yes(djlClass + "(" + construction(spec, "N") + ")");
    }

    @Override
    public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        if (closed) {
            throw new IllegalStateException("engine " + identity.name() + " is closed");
        }
        Support support = supports(spec);
        if (!support.supported()) {
            throw new EngineException(support.reason());
        }
        LossKind loss = spec.loss();
        for (String name : inputs.keySet()) {
            boolean custom = loss == LossKind.CUSTOM_HUBER && name.equals(Inputs.SAMPLE_WEIGHT);
            if (!loss.requiredInputs().contains(name) && !custom) {
                throw new UnsupportedCaseException(djlClassOrCustom(loss) + " cannot express input '" + name
                        + "' (DJL's losses take only labels and predictions)");
            }
        }
        for (String name : loss.requiredInputs()) {
            if (!inputs.containsKey(name)) {
                throw new EngineException(loss.id() + " needs input '" + name + "' (got " + inputs.keySet() + ")");
            }
        }
        InputCheck.requireDtypes(spec, inputs);
        Map<String, Tensor> prepared = new LinkedHashMap<>(inputs);
        if (prepared.containsKey(Inputs.SAMPLE_WEIGHT)) {
            prepared.put(Inputs.SAMPLE_WEIGHT, NdTensors.padTrailing(prepared.get(Inputs.SAMPLE_WEIGHT),
                    inputs.get(Inputs.PREDICTION).rank()));
        }
        if (loss == LossKind.CUSTOM_HUBER) {
            return GradientRun.evaluate(manager, spec, prepared, CustomLosses.reducedHuber(spec),
                    Map.of("path", "from scratch, DJL NDArray ops"));
        }
        if (loss == LossKind.TRIPLET_MARGIN) {
            return GradientRun.evaluate(manager, spec, prepared, a -> NdReductions.reduce(
                    CustomLosses.triplet(a.get(Inputs.ANCHOR), a.get(Inputs.POSITIVE), a.get(Inputs.NEGATIVE),
                            spec.params()), null, spec), Map.of("path", "from scratch, DJL NDArray ops"));
        }
        Tensor prediction = inputs.get(Inputs.PREDICTION);
        if ((loss == LossKind.SPARSE_CATEGORICAL_CE || loss == LossKind.CATEGORICAL_CE) && prediction.rank() != 2) {
            throw new UnsupportedCaseException("SoftmaxCrossEntropyLoss is mapped for [N, C] predictions only, got rank "
                    + prediction.rank());
        }
        if (loss == LossKind.SPARSE_CATEGORICAL_CE) {
            for (long label : inputs.get(Inputs.TARGET).toLongArray()) {
                if (label == spec.params().getLong("ignore_index")) {
                    throw new UnsupportedCaseException("label " + label + " is PyTorch's ignore_index; SoftmaxCrossEntropyLoss "
                            + "has no way to skip a sample");
                }
            }
        }
        long count = meanCount(loss, prediction);
        if (count == 0 && spec.reduction() == Reduction.SUM) {
            throw new UnsupportedCaseException("empty batch: " + djlClass(loss) + " returns weight·mean, and the mean of no "
                    + "elements is NaN, so a sum (0) cannot be expressed");
        }
        float weight = spec.reduction() == Reduction.SUM ? (float) count : 1f;
        // weight 1 on purpose for the mean: DJL's classes skip the multiplication only then
        if (spec.reduction() == Reduction.SUM && (double) weight != (double) count) {
            throw new EngineException("count " + count + " is not exactly a float weight");
        }
        Loss djlLoss = newLoss(loss, weight);
        Map<String, String> notes = Map.of("path", djlLoss.getClass().getName() + "(" + construction(spec,
                Long.toString(count)) + ")");
        return GradientRun.evaluate(manager, spec, prepared, a -> {
            NDArray label = a.get(Inputs.TARGET);
            return djlLoss.evaluate(new NDList(label), new NDList(a.get(Inputs.PREDICTION)));
        }, notes);
    }

    /** What the DJL loss's mean divides by: elements, or samples for the cross-entropies. */
    private static long meanCount(LossKind loss, Tensor prediction) {
        if (loss == LossKind.SPARSE_CATEGORICAL_CE || loss == LossKind.CATEGORICAL_CE) {
            return prediction.dim(0);
        }
        return prediction.size();
    }

    static Loss newLoss(LossKind loss, float weight) {
        return switch (loss) {
            case MSE -> new L2Loss("mse", weight);
            case MAE -> new L1Loss("mae", weight);
            case BCE -> new SigmoidBinaryCrossEntropyLoss("bce", weight, true);
            case BCE_WITH_LOGITS -> new SigmoidBinaryCrossEntropyLoss("bce_with_logits", weight, false);
            case SPARSE_CATEGORICAL_CE -> new SoftmaxCrossEntropyLoss("sparse_ce", weight, -1, true, true);
            case CATEGORICAL_CE -> new SoftmaxCrossEntropyLoss("categorical_ce", weight, -1, false, true);
            default -> throw new IllegalArgumentException("no DJL loss class for " + loss.id());
        };
    }

    /** The DJL class a loss maps to, or null. HingeLoss maps to no catalogue loss (see README). */
    static String djlClass(LossKind loss) {
        return switch (loss) {
            case MSE -> "L2Loss";
            case MAE -> "L1Loss";
            case BCE, BCE_WITH_LOGITS -> "SigmoidBinaryCrossEntropyLoss";
            case SPARSE_CATEGORICAL_CE, CATEGORICAL_CE -> "SoftmaxCrossEntropyLoss";
            default -> null;
        };
    }

    private static String djlClassOrCustom(LossKind loss) {
        String c = djlClass(loss);
        return c != null ? c : "the from-scratch " + loss.id();
    }

    private static String construction(LossSpec spec, String count) {
        String weight = spec.reduction() == Reduction.SUM ? "weight=" + count : "weight=1";
        return switch (spec.loss()) {
            case BCE -> weight + ", fromSigmoid=true";
            case BCE_WITH_LOGITS -> weight + ", fromSigmoid=false";
            case SPARSE_CATEGORICAL_CE -> weight + ", classAxis=-1, sparseLabel=true, fromLogit=true";
            case CATEGORICAL_CE -> weight + ", classAxis=-1, sparseLabel=false, fromLogit=true";
            default -> weight;
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

}
