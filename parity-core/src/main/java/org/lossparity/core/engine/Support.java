package org.lossparity.core.engine;

/**
 * Whether an engine evaluates a spec, and in what way.
 *
 * @param supported  true when {@code evaluate} will be attempted
 * @param reason     why not (when unsupported), or how (e.g. "built from TensorFlow ops; Keras has no class")
 */
public record Support(boolean supported, String reason) {

    public static Support yes() {
        return new Support(true, "");
    }

    /** Supported, with a note on how, shown in reports. */
    public static Support yes(String how) {
        return new Support(true, how);
    }

    public static Support no(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unsupported spec needs a reason");
        }
        return new Support(false, reason);
    }
}
