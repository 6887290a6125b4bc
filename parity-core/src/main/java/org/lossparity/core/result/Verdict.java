package org.lossparity.core.result;

/**
 * How one comparison came out. {@link #countsAsPass()} decides the exit code of {@code parity run} and the JUnit
 * outcome: explained differences (semantic divergence, numerical, a known defect) do not fail a run.
 */
public enum Verdict {
    /** Within tolerance. */
    PASS("pass", true),
    /**
     * The two conventions define different numbers here: each engine is within tolerance of the reference of its
     * own convention, and a rule of the divergence catalogue explains the difference between the references.
     */
    SEMANTIC_DIVERGENCE("semantic divergence", true),
    /**
     * Same definition, different rounding: the references agree, each engine is within tolerance of its own
     * reference, but the two engines are further apart than the tolerance. Names the engine closer to the truth.
     */
    NUMERICAL("numerical", true),
    /** Beyond tolerance with no explanation. */
    FAILURE("failure", false),
    /** Beyond tolerance, matching a known engine defect (fixtures/known-defects.json): expected, so not a failure. */
    EXPECTED_FAILURE("expected failure", true),
    /** A known defect that no longer shows: the defect list must be updated (an engine upgrade fixed it). */
    UNEXPECTED_PASS("unexpected pass", false),
    /** An engine does not evaluate the spec, or the other convention cannot express it; carries the reason. */
    UNSUPPORTED("unsupported", true),
    /** An engine threw while evaluating, or produced something that cannot be compared. */
    ERROR("error", false);

    private final String label;
    private final boolean countsAsPass;

    Verdict(String label, boolean countsAsPass) {
        this.label = label;
        this.countsAsPass = countsAsPass;
    }

    /** Lower-case words for reports, e.g. {@code semantic divergence}. */
    public String label() {
        return label;
    }

    /** JSON form: the constant name in lower case, e.g. {@code semantic_divergence}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the run (and the JUnit test) still passes with this verdict. */
    public boolean countsAsPass() {
        return countsAsPass;
    }

    public static Verdict fromJsonName(String name) {
        for (Verdict v : values()) {
            if (v.jsonName().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + name + "'");
    }
}
