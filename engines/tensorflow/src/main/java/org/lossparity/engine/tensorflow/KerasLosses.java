package org.lossparity.engine.tensorflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Params;
import org.lossparity.core.tensor.DType;
import org.tensorflow.framework.losses.BinaryCrossentropy;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.losses.Huber;
import org.tensorflow.framework.losses.KLDivergence;
import org.tensorflow.framework.losses.Loss;
import org.tensorflow.framework.losses.MeanAbsoluteError;
import org.tensorflow.framework.losses.MeanSquaredError;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.SparseCategoricalCrossentropy;

/**
 * Maps a Keras-convention {@link LossSpec} to the loss object a TensorFlow Java user would construct: the
 * framework's classes where they exist, this module's {@code AbstractLoss} subclasses for the custom losses.
 */
final class KerasLosses {

    private KerasLosses() {}

    /**
     * The loss for {@code spec}, reducing with {@code reduction}, plus how it was made.
     *
     * @param forGradient when true, the loss whose graph gradient is taken (differs only where TensorFlow Java
     *                    cannot differentiate the user-facing class in this dtype)
     */
    static Recipe recipe(LossSpec spec, Reduction reduction, boolean forGradient) {
        if (spec.convention() != Convention.KERAS) {
            throw new IllegalArgumentException("not a Keras-convention spec: " + spec);
        }
        Params p = spec.params();
        Map<String, String> notes = new LinkedHashMap<>();
        String r = reduction.name();
        Loss loss;
        String api;
        switch (spec.loss()) {
            case MSE -> {
                loss = new MeanSquaredError(reduction);
                api = "MeanSquaredError(" + r + ")";
            }
            case MAE -> {
                loss = new MeanAbsoluteError(reduction);
                api = "MeanAbsoluteError(" + r + ")";
            }
            case HUBER -> {
                float delta = asFloat(p.getDouble("delta"), "delta", notes);
                loss = new Huber(null, delta, reduction);
                api = "Huber(delta=" + delta + ", " + r + ")";
            }
            case SMOOTH_L1 -> {
                double beta = p.getDouble("beta");
                loss = new SmoothL1(beta, true, reduction);
                api = "SmoothL1(beta=" + beta + ", " + r + ") built from TF ops";
                notes.put("built_from", "TF ops: Keras has no smooth L1 class; element values averaged over the "
                        + "last axis as Keras does");
            }
            case BCE, BCE_WITH_LOGITS -> {
                boolean logits = spec.loss() == LossKind.BCE_WITH_LOGITS;
                float ls = asFloat(p.getDouble("label_smoothing"), "label_smoothing", notes);
                loss = new BinaryCrossentropy(logits, ls, reduction);
                api = "BinaryCrossentropy(fromLogits=" + logits + ", labelSmoothing=" + ls + ", " + r + ")";
            }
            case CATEGORICAL_CE -> {
                boolean logits = p.getBoolean("from_logits");
                float ls = asFloat(p.getDouble("label_smoothing"), "label_smoothing", notes);
                if (forGradient && logits && spec.dtype() == DType.FLOAT64) {
                    loss = new LogSoftmaxCategoricalCrossentropy(ls, reduction);
                    api = "LogSoftmaxCategoricalCrossentropy(labelSmoothing=" + ls + ", " + r + ")";
                } else {
                    loss = new CategoricalCrossentropy(logits, ls, reduction);
                    api = "CategoricalCrossentropy(fromLogits=" + logits + ", labelSmoothing=" + ls + ", " + r + ")";
                }
            }
            case SPARSE_CATEGORICAL_CE -> {
                boolean logits = p.getBoolean("from_logits");
                loss = new SparseCategoricalCrossentropy(logits, reduction);
                api = "SparseCategoricalCrossentropy(fromLogits=" + logits + ", " + r + ")";
            }
            case KL_DIV -> {
                loss = new KLDivergence(reduction);
                api = "KLDivergence(" + r + ")";
            }
            case DISTILLATION_KL -> {
                double t = p.getDouble("temperature");
                loss = new DistillationKL(t, reduction);
                api = "DistillationKL(T=" + t + ", " + r + ") = T²·KLDivergence(softmax(t/T), softmax(s/T))";
            }
            case CUSTOM_HUBER -> {
                double delta = p.getDouble("delta");
                loss = new CustomHuber(delta, reduction);
                api = "CustomHuber(delta=" + delta + ", " + r + ") extends AbstractLoss";
            }
            case TRIPLET_MARGIN -> {
                loss = triplet(p, reduction);
                api = "TripletMarginLoss(margin=" + p.getDouble("margin") + ", p=" + p.getDouble("p") + ", eps="
                        + p.getDouble("eps") + ", swap=" + p.getBoolean("swap") + ", " + r + ") extends AbstractLoss";
            }
            default -> throw new IllegalArgumentException("no Keras mapping for " + spec.loss().id());
        }
        return new Recipe(loss, loss.getClass().getPackageName() + "." + api, notes);
    }

    static TripletMarginLoss triplet(Params p, Reduction reduction) {
        return new TripletMarginLoss(p.getDouble("margin"), p.getDouble("p"), p.getDouble("eps"),
                p.getBoolean("swap"), reduction);
    }

    /** The framework takes these parameters as float; say so when that rounds the spec's value. */
    private static float asFloat(double value, String name, Map<String, String> notes) {
        float f = (float) value;
        if (f != value) {
            notes.put(name + "_rounded", name + " is a float parameter in TensorFlow Java: " + value + " became "
                    + f + " (float32) before any arithmetic");
        }
        return f;
    }

    /** A constructed loss, its description for reports, and notes on anything it does differently. */
    record Recipe(Loss loss, String api, Map<String, String> notes) {}
}
