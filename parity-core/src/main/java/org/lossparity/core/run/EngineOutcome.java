package org.lossparity.core.run;

import java.util.Map;
import java.util.Optional;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.Quantity;
import org.lossparity.core.spec.Counterpart;
import org.lossparity.core.tensor.Tensor;

/**
 * An evaluation as reported plus the full tensors the comparisons need (the report keeps previews only).
 *
 * @param evaluation  what goes into the report
 * @param counterpart the translation used (present when the convention could express the case)
 * @param value       full value tensor (OK only)
 * @param gradients   full gradients with respect to the case's inputs (OK only)
 */
record EngineOutcome(Evaluation evaluation, Optional<Counterpart> counterpart, Tensor value,
                     Map<String, Tensor> gradients) {

    boolean ok() {
        return evaluation.status() == Evaluation.Status.OK;
    }

    Optional<Tensor> get(Quantity q) {
        if (!ok()) {
            return Optional.empty();
        }
        return q.isGradient() ? Optional.ofNullable(gradients.get(q.input().orElseThrow())) : Optional.of(value);
    }

    String key() {
        return evaluation.key();
    }
}
