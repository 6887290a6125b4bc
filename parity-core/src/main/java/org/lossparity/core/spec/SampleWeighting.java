package org.lossparity.core.spec;

/**
 * The two meanings users meet for per-sample weights in an averaging reduction. Only relevant when the case
 * has a {@code sample_weight} input and the reduction averages.
 */
public enum SampleWeighting {
    /** Keras: sum(w * loss) / count of per-sample losses (zero weights still count). */
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
