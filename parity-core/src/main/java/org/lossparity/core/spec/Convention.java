package org.lossparity.core.spec;

/**
 * Whose definition of a loss a spec follows. The frameworks differ on purpose in places (clipping, KL inputs,
 * label smoothing, reduction axes); a spec names one so that a difference can be explained instead of blamed.
 */
public enum Convention {
    /**
     * torch.nn.functional semantics: element-wise losses reduced over all elements, logs clamped at -100 in BCE,
     * KL input in log-space, binary label smoothing not defined, categorical smoothing y(1-ls)+ls/K.
     */
    PYTORCH("pytorch"),
    /**
     * tf.keras semantics: per-sample loss reduced over the last axis first (a 1-D input is one sample),
     * probabilities clipped to [1e-7, 1-1e-7] (BCE also adds 1e-7 inside the log, with float32 constants even in
     * float64), KL on probabilities, binary smoothing y(1-ls)+ls/2, sample weights divided by the element count.
     */
    KERAS("keras");

    private final String jsonName;

    Convention(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public Convention other() {
        return this == PYTORCH ? KERAS : PYTORCH;
    }

    public static Convention fromJsonName(String name) {
        for (Convention c : values()) {
            if (c.jsonName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown convention '" + name + "' (expected pytorch or keras)");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
