package org.lossparity.core.result;

/** What is compared with what. */
public enum ComparisonKind {
    /** The reference (of the case's own convention) against the fixture's hand-verified values. */
    REFERENCE_VS_EXPECTED,
    /** One engine against the reference evaluating the same spec in the engine's convention. */
    ENGINE_VS_REFERENCE,
    /** Two engines on the same case, each in its own convention (above all pytorch against tensorflow). */
    ENGINE_PAIR;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ComparisonKind fromJsonName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
