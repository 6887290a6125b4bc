package org.lossparity.engine.djl;

import ai.djl.ndarray.NDArray;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.SampleWeighting;

/**
 * Reduces per-element loss values written with DJL NDArray operations, as a DJL user would after computing an
 * unreduced loss: optional sample weights (already shaped to broadcast), then none / sum / mean / batchmean.
 */
final class NdReductions {
    private NdReductions() {}

    static NDArray reduce(NDArray values, NDArray sampleWeight, LossSpec spec) throws EngineException {
        NDArray weighted = sampleWeight == null ? values : values.mul(sampleWeight);
        return switch (spec.reduction()) {
            case NONE -> weighted;
            case SUM -> weighted.sum();
            case MEAN -> {
                if (sampleWeight == null || spec.weighting() == SampleWeighting.DIVIDE_BY_COUNT) {
                    // sum / count rather than mean(): with weights the count is that of the values
                    yield sampleWeight == null ? weighted.mean() : weighted.sum().div(count(values));
                }
                yield weighted.sum().div(sampleWeight.broadcast(values.getShape()).sum());
            }
            case BATCHMEAN -> weighted.sum().div(values.getShape().dimension() == 0 ? 1L : values.getShape().get(0));
            case SUM_OVER_BATCH_SIZE -> throw new EngineException("sum_over_batch_size is a Keras reduction");
        };
    }

    /** The element count as a 0-dim array of the values' own dtype, so no promotion to float64 happens. */
    private static NDArray count(NDArray values) {
        return values.getManager().create((double) values.size()).toType(values.getDataType(), false);
    }
}
