package org.lossparity.core.spec;

import java.util.EnumSet;
import java.util.Set;

/** How per-element (PyTorch) or per-sample (Keras) losses become the reported value. */
public enum Reduction {
    /** PyTorch: one value per element (per sample for losses that reduce a class axis). Keras: one per sample. */
    NONE("none", EnumSet.of(Convention.PYTORCH, Convention.KERAS)),
    SUM("sum", EnumSet.of(Convention.PYTORCH, Convention.KERAS)),
    /**
     * PyTorch mean over all elements (a weighted mean for class-weighted cross-entropy; ignored labels do not
     * count). With sample weights the denominator follows {@link SampleWeighting}; 0/0 gives NaN.
     */
    MEAN("mean", EnumSet.of(Convention.PYTORCH)),
    /**
     * PyTorch KL: sum divided by the batch size (first dimension; the only dimension of a 1-D input). With sample
     * weights Σ w·l / N whatever the {@link SampleWeighting}: the weights scale the terms, never the divisor.
     */
    BATCHMEAN("batchmean", EnumSet.of(Convention.PYTORCH)),
    /**
     * Keras: weighted sum of per-sample losses divided by the number of per-sample losses (or by the weight sum,
     * see {@link SampleWeighting}); a zero denominator gives 0, as TensorFlow's divNoNan.
     */
    SUM_OVER_BATCH_SIZE("sum_over_batch_size", EnumSet.of(Convention.KERAS));

    private final String jsonName;
    private final Set<Convention> conventions;

    Reduction(String jsonName, Set<Convention> conventions) {
        this.jsonName = jsonName;
        this.conventions = conventions;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean definedIn(Convention convention) {
        return conventions.contains(convention);
    }

    public static Reduction fromJsonName(String name) {
        for (Reduction r : values()) {
            if (r.jsonName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown reduction '" + name + "' (expected none, sum, mean, batchmean or sum_over_batch_size)");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
