package org.lossparity.core.spec;

/**
 * The two meanings users meet for per-sample weights in an averaging reduction. Only relevant when the case
 * has a {@code sample_weight} input and the reduction averages. With unreduced losses l_i, broadcast sample
 * weights s_i and each loss's contribution c_i to PyTorch's own mean denominator (1; the class weight w_y for
 * class-weighted sparse cross-entropy; 0 for a label equal to {@code ignore_index}), every engine applies:
 * <ol>
 *   <li>{@link Reduction#BATCHMEAN} is Σ s_i·l_i / N (N the batch size) under <em>both</em> meanings: PyTorch
 *       defines batchmean as the sum over the batch size, and sample weights only scale the terms.</li>
 *   <li>{@link Reduction#MEAN} divides by Σ c_i ({@link #DIVIDE_BY_COUNT}) or Σ s_i·c_i
 *       ({@link #DIVIDE_BY_WEIGHT_SUM}): ignored samples count in neither, so all-ones weights give exactly
 *       PyTorch's unweighted mean (including its class-weighted mean). A zero denominator gives NaN.</li>
 *   <li>{@link Reduction#SUM_OVER_BATCH_SIZE} divides by the count or by Σ s_i with divNoNan: a zero denominator
 *       (all-zero weights, empty batch) gives 0 and zero gradients under both meanings, as Keras does.</li>
 * </ol>
 */
public enum SampleWeighting {
    /**
     * Keras: sum(w * loss) / count of per-sample losses (zero weights still count; for PyTorch's mean, the count
     * PyTorch's own mean uses: samples with an ignored label do not count).
     */
    DIVIDE_BY_COUNT("divide_by_count"),
    /** Weighted mean: sum(w * loss) / sum(w), as PyTorch's class-weighted cross-entropy. */
    DIVIDE_BY_WEIGHT_SUM("divide_by_weight_sum");

    private final String jsonName;

    SampleWeighting(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static SampleWeighting fromJsonName(String name) {
        for (SampleWeighting w : values()) {
            if (w.jsonName.equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException(
                "unknown sample weighting '" + name + "' (expected divide_by_count or divide_by_weight_sum)");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
