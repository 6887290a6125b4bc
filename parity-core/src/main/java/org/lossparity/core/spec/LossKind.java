package org.lossparity.core.spec;

import static org.lossparity.core.spec.Convention.KERAS;
import static org.lossparity.core.spec.Convention.PYTORCH;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of losses. x is the prediction, y the target, r = x - y; "per element" values are reduced as the
 * spec's {@link Reduction} and {@link Convention} say. Under {@link Convention#KERAS} every loss first averages
 * (or, for the cross-entropies and KL, sums) over the last axis to one value per sample. docs/losses.md has the
 * same catalogue as a table.
 */
public enum LossKind {
    /** Mean squared error: l = r². */
    MSE("mse", Family.REGRESSION, List.of()),

    /** Mean absolute error: l = |r|; subgradient sign(r), 0 at r = 0 in both conventions. */
    MAE("mae", Family.REGRESSION, List.of()),

    /** Huber: l = ½r² if |r| ≤ δ, else δ(|r| − ½δ). Identical in both conventions. */
    HUBER("huber", Family.REGRESSION, List.of(
            ParamDef.real("delta", 1.0, EnumSet.of(PYTORCH, KERAS), "threshold δ > 0 between the quadratic and linear parts"))),

    /** Smooth L1 (PyTorch): l = ½r²/β if |r| < β, else |r| − ½β; β = 0 is L1. Keras has no class for it. */
    SMOOTH_L1("smooth_l1", Family.REGRESSION, List.of(
            ParamDef.real("beta", 1.0, EnumSet.of(PYTORCH, KERAS), "threshold β ≥ 0"))),

    /**
     * Binary cross-entropy on probabilities p with targets y ∈ [0, 1]. PyTorch: l = −(y·max(log p, −100) +
     * (1−y)·max(log(1−p), −100)). Keras: p' = clip(p, ε, 1−ε), l = −(y·log(p'+ε) + (1−y)·log(1−p'+ε)), ε = 1e-7
     * (a float32 constant even in float64); with smoothing y' = y(1−ls) + ls/2.
     */
    BCE("bce", Family.BINARY, List.of(
            ParamDef.real("label_smoothing", 0.0, EnumSet.of(KERAS), "Keras binary smoothing ls: y(1−ls)+ls/2"))),

    /**
     * Binary cross-entropy on logits z: l = −(w_pos·y·log σ(z) + (1−y)·log(1−σ(z))), computed stably as
     * (1−y)z + (1 + (w_pos−1)y)·(log(1+e^{−|z|}) + max(−z, 0)). PyTorch takes an optional {@code pos_weight}
     * input; Keras takes label smoothing (y(1−ls)+ls/2).
     */
    BCE_WITH_LOGITS("bce_with_logits", Family.BINARY, List.of(
            ParamDef.real("label_smoothing", 0.0, EnumSet.of(KERAS), "Keras binary smoothing ls: y(1−ls)+ls/2"))),

    /**
     * Cross-entropy from integer labels. With logits z: l_n = −w_{y_n}·log softmax(z_n)_{y_n}; PyTorch's smoothing
     * mixes in ls/K·Σ_c −w_c log softmax(z_n)_c with weight ls, the mean divides by Σ w_{y_n} over non-ignored
     * samples, and labels equal to {@code ignore_index} contribute nothing. Keras from probabilities clips to
     * [ε, 1−ε] first and then renormalises each row (it feeds log p to the sparse softmax kernel), the reverse
     * order of {@link #CATEGORICAL_CE}.
     */
    SPARSE_CATEGORICAL_CE("sparse_categorical_crossentropy", Family.MULTICLASS, List.of(
            ParamDef.flag("from_logits", true, EnumSet.of(KERAS), "prediction holds logits (PyTorch: always)"),
            ParamDef.integer("ignore_index", -100, EnumSet.of(PYTORCH), "label whose samples are skipped"),
            ParamDef.real("label_smoothing", 0.0, EnumSet.of(PYTORCH), "PyTorch smoothing ls toward the uniform ls/K"))),

    /**
     * Cross-entropy from one-hot or soft targets y over K classes: l_n = −Σ_c w_c·y'_{nc}·log q_{nc}, with q =
     * softmax(z) from logits or the (Keras: renormalised and clipped) probabilities, y' = y(1−ls) + ls/K. PyTorch's
     * mean divides by N even with class weights.
     */
    CATEGORICAL_CE("categorical_crossentropy", Family.MULTICLASS, List.of(
            ParamDef.flag("from_logits", true, EnumSet.of(KERAS), "prediction holds logits (PyTorch: always)"),
            ParamDef.real("label_smoothing", 0.0, EnumSet.of(PYTORCH, KERAS), "smoothing ls: y(1−ls)+ls/K"))),

    /**
     * Kullback–Leibler divergence KL(y ‖ q) = Σ y·(log y − log q). PyTorch: the prediction is log q, the target is
     * y (or log y when {@code log_target}), terms with y = 0 are 0; per element values, {@code batchmean} divides
     * the sum by the batch size. Keras: prediction is q, both clipped to [ε, 1], summed over the last axis.
     */
    KL_DIV("kl_div", Family.DIVERGENCE, List.of(
            ParamDef.flag("log_target", false, EnumSet.of(PYTORCH), "the target is given as log-probabilities"))),

    /**
     * Soft-target distillation: T²·KL(softmax(t/T) ‖ softmax(s/T)) with student logits s (prediction) and teacher
     * logits t (target). PyTorch computes it with log_softmax and {@code batchmean}; Keras with probabilities.
     */
    DISTILLATION_KL("distillation_kl", Family.DIVERGENCE, List.of(
            ParamDef.real("temperature", 1.0, EnumSet.of(PYTORCH, KERAS), "softening temperature T > 0"))),

    /** The lab's from-scratch Huber; same formula as {@link #HUBER} and must agree with it. */
    CUSTOM_HUBER("custom_huber", Family.CUSTOM, List.of(
            ParamDef.real("delta", 1.0, EnumSet.of(PYTORCH, KERAS), "threshold δ > 0"))),

    /**
     * Triplet margin loss on anchor a, positive p, negative n (rows of [N, D]): d(u, v) = ‖u − v + eps‖_p,
     * l = max(d(a, p) − d(a, n) + margin, 0); with {@code swap}, d(a, n) becomes min(d(a, n), d(p, n)).
     */
    TRIPLET_MARGIN("triplet_margin", Family.CUSTOM, List.of(
            ParamDef.real("margin", 1.0, EnumSet.of(PYTORCH, KERAS), "margin > 0"),
            ParamDef.real("p", 2.0, EnumSet.of(PYTORCH, KERAS), "norm degree p > 0"),
            ParamDef.real("eps", 1e-6, EnumSet.of(PYTORCH, KERAS), "added to the difference before the norm"),
            ParamDef.flag("swap", false, EnumSet.of(PYTORCH, KERAS), "use the distance swap of Balntas et al.")));

    /** Groups the lab's sections. */
    public enum Family {
        REGRESSION, BINARY, MULTICLASS, DIVERGENCE, CUSTOM
    }

    private final String id;
    private final Family family;
    private final List<ParamDef> params;

    LossKind(String id, Family family, List<ParamDef> params) {
        this.id = id;
        this.family = family;
        this.params = params;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    public List<ParamDef> params() {
        return params;
    }

    public ParamDef param(String name) {
        for (ParamDef p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    public Set<String> paramNames() {
        return params.stream().map(ParamDef::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Inputs with respect to which engines report gradients. */
    public List<String> differentiableInputs() {
        return this == TRIPLET_MARGIN ? List.of(Inputs.ANCHOR, Inputs.POSITIVE, Inputs.NEGATIVE) : List.of(Inputs.PREDICTION);
    }

    /** Inputs a case must provide. */
    public List<String> requiredInputs() {
        return this == TRIPLET_MARGIN ? differentiableInputs() : List.of(Inputs.PREDICTION, Inputs.TARGET);
    }

    /** Inputs a case may add. */
    public List<String> optionalInputs() {
        return switch (this) {
            case BCE_WITH_LOGITS -> List.of(Inputs.SAMPLE_WEIGHT, Inputs.POS_WEIGHT);
            case SPARSE_CATEGORICAL_CE, CATEGORICAL_CE -> List.of(Inputs.SAMPLE_WEIGHT, Inputs.CLASS_WEIGHT);
            case TRIPLET_MARGIN -> List.of();
            default -> List.of(Inputs.SAMPLE_WEIGHT);
        };
    }

    /** True when the target is an int64 class index tensor. */
    public boolean hasIntegerTarget() {
        return this == SPARSE_CATEGORICAL_CE;
    }

    public static LossKind fromId(String id) {
        for (LossKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (LossKind k : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(k.id);
        }
        throw new IllegalArgumentException("unknown loss '" + id + "' (known: " + known + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
