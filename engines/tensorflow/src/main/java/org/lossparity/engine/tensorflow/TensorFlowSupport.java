package org.lossparity.engine.tensorflow;

import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.SampleWeighting;

/** Which specs this engine evaluates, and how; every refusal carries its reason. */
final class TensorFlowSupport {

    private TensorFlowSupport() {}

    static Support of(LossSpec spec) {
        if (spec.convention() == Convention.KERAS) {
            return keras(spec);
        }
        return TorchStyleSupport.of(spec);
    }

    private static Support keras(LossSpec spec) {
        String weighting = spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM
                ? "; with sample weights the mean divides by their sum (built from TF ops: loss(SUM) / Σ weights)"
                : "";
        String how = switch (spec.loss()) {
            case MSE -> "tensorflow-framework MeanSquaredError";
            case MAE -> "tensorflow-framework MeanAbsoluteError";
            case HUBER -> "tensorflow-framework Huber (delta passed as float)";
            case SMOOTH_L1 -> "built from TF ops: Keras has no smooth L1 class (per-sample mean over the last axis)";
            case BCE -> "tensorflow-framework BinaryCrossentropy(fromLogits=false)";
            case BCE_WITH_LOGITS -> "tensorflow-framework BinaryCrossentropy(fromLogits=true)";
            case CATEGORICAL_CE -> spec.params().getBoolean("from_logits")
                    ? "tensorflow-framework CategoricalCrossentropy(fromLogits=true)"
                      + (spec.dtype() == org.lossparity.core.tensor.DType.FLOAT64
                         ? "; float64 gradient from the equivalent -Σy'·logSoftmax(z) (fused op's gradient is "
                           + "float32-only)" : "")
                    : "tensorflow-framework CategoricalCrossentropy(fromLogits=false)";
            case SPARSE_CATEGORICAL_CE -> "tensorflow-framework SparseCategoricalCrossentropy (gradient registered "
                    + "from Java)";
            case KL_DIV -> "tensorflow-framework KLDivergence";
            case DISTILLATION_KL -> "T²·KLDivergence(softmax(t/T), softmax(s/T)) with the framework class";
            case CUSTOM_HUBER -> "custom AbstractLoss subclass built from TF ops";
            case TRIPLET_MARGIN -> "custom AbstractLoss subclass built from TF ops";
        };
        return Support.yes(how + weighting);
    }
}
