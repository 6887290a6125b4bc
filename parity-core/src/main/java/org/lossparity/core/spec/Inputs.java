package org.lossparity.core.spec;

/** Names of the tensors a case feeds to a loss. Fixture files use the same names. */
public final class Inputs {
    /** y_pred / input / logits / student logits. Differentiable. */
    public static final String PREDICTION = "prediction";
    /** y_true / target / labels / teacher logits. */
    public static final String TARGET = "target";
    /** Optional per-sample weights (Keras {@code sample_weight}); shape [batch] or the per-sample loss shape. */
    public static final String SAMPLE_WEIGHT = "sample_weight";
    /** Optional PyTorch {@code pos_weight} of BCE with logits, broadcast over the last axis. */
    public static final String POS_WEIGHT = "pos_weight";
    /** Optional PyTorch per-class {@code weight} of cross-entropy, shape [C]. */
    public static final String CLASS_WEIGHT = "class_weight";
    /** Triplet embeddings, each [N, D] or [D]. All differentiable. */
    public static final String ANCHOR = "anchor";
    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";

    private Inputs() {}
}
