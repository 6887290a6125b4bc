package org.lossparity.core.result;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossSpec;

/**
 * What one engine produced for one case. An engine evaluates the case's spec translated into its own convention
 * (LossSpec.counterpartIn); the reference evaluates it once per convention needed, so a case can hold two
 * reference evaluations. Gradients are always with respect to the CASE's inputs (translated back with the chain
 * rule when the counterpart takes, e.g., probabilities instead of log-probabilities).
 *
 * @param engine      engine name, e.g. {@code pytorch}, {@code reference}
 * @param convention  convention of the evaluated spec
 * @param spec        the spec actually evaluated (the counterpart), when the convention can express the case
 * @param inputNote   how the case's inputs were re-expressed, e.g. {@code prediction: exp} (empty when unchanged)
 * @param status      OK, UNSUPPORTED or ERROR
 * @param value       the loss value (OK only)
 * @param gradients   input name -> gradient (OK only), sorted by input name
 * @param notes       the engine's notes on how it computed (path, kernel, op), sorted by key
 * @param message     UNSUPPORTED: the reason; ERROR: the error message; OK: the engine's support note, often empty
 */
public record Evaluation(String engine, Convention convention, Optional<LossSpec> spec, String inputNote,
                         Status status, Optional<TensorData> value, Map<String, TensorData> gradients,
                         Map<String, String> notes, String message) {

    /** Whether numbers were produced. */
    public enum Status {
        OK, UNSUPPORTED, ERROR;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromJsonName(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Evaluation {
        gradients = Collections.unmodifiableMap(new TreeMap<>(gradients));
        notes = Collections.unmodifiableMap(new TreeMap<>(notes));
        message = message == null ? "" : message;
        inputNote = inputNote == null ? "" : inputNote;
    }

    /** Key that tells evaluations of one case apart: {@code pytorch}, or {@code reference[keras]}. */
    public String key() {
        return key(engine, convention);
    }

    public static String key(String engine, Convention convention) {
        return engine + "[" + convention + "]";
    }

    /** The tensor for a quantity, when produced. */
    public Optional<TensorData> get(Quantity q) {
        return q.isGradient() ? Optional.ofNullable(gradients.get(q.input().orElseThrow())) : value;
    }
}
