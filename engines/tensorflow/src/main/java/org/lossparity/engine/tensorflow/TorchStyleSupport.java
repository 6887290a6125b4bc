package org.lossparity.engine.tensorflow;

import java.util.List;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;

/** PyTorch-convention specs: which are built from TF ops here (Keras has no class for them), and how. */
final class TorchStyleSupport {

    private TorchStyleSupport() {}

    /** Optional inputs a PyTorch-convention spec accepts here. */
    static List<String> optionalInputs(LossSpec spec) {
        return switch (spec.loss()) {
            case BCE_WITH_LOGITS -> List.of(Inputs.SAMPLE_WEIGHT, Inputs.POS_WEIGHT);
            case CATEGORICAL_CE -> List.of(Inputs.SAMPLE_WEIGHT, Inputs.CLASS_WEIGHT);
            default -> spec.loss().optionalInputs();
        };
    }

    static Support of(LossSpec spec) {
        String prefix = "built from TF ops (PyTorch convention, which no Keras class computes): ";
        String how = switch (spec.loss()) {
            case MSE, MAE, HUBER, SMOOTH_L1, CUSTOM_HUBER -> "per-element " + spec.loss().id();
            case BCE -> "per-element BCE with logs clamped at -100, PyTorch's backward (p-y)/max(p(1-p), 1e-12)";
            case BCE_WITH_LOGITS -> "per-element BCE with logits, optional pos_weight";
            case KL_DIV -> "KL on log-probability input" + (spec.params().getBoolean("log_target")
                    ? " and log-probability target" : "") + (spec.reduction() == Reduction.BATCHMEAN
                    ? ", batchmean" : "");
            case DISTILLATION_KL -> "T²·kl_div(log_softmax(s/T), softmax(t/T))";
            case CATEGORICAL_CE -> "soft-target cross-entropy from logits, optional class weights and smoothing "
                    + "([C] or [N, C] inputs)";
            case SPARSE_CATEGORICAL_CE -> "cross-entropy from labels with ignore_index, class weights, smoothing and "
                    + "sample weights ([C] or [N, C] inputs; the mean divides by the kept samples' class weights, "
                    + "times their sample weights with divide_by_weight_sum)";
            case TRIPLET_MARGIN -> "TripletMarginLoss AbstractLoss subclass, unreduced, then reduced as PyTorch "
                    + "(empty-batch mean NaN; swap ties split the gradient as torch.min)";
        };
        return Support.yes(prefix + how);
    }
}
