package org.lossparity.engine.reference;

import org.lossparity.core.engine.EngineException;
import org.lossparity.engine.reference.math.Arithmetic;

/** One group of losses: the unreduced losses of a case and the way back to its inputs, in either convention. */
interface LossFamily {

    <T> Pass<T> forward(Arithmetic<T> a, LossCase c) throws EngineException;

    /** The family that evaluates a loss. */
    static LossFamily of(org.lossparity.core.spec.LossKind kind) {
        return switch (kind) {
            case MSE, MAE, HUBER, SMOOTH_L1, CUSTOM_HUBER -> new RegressionLosses();
            case BCE, BCE_WITH_LOGITS -> new BinaryCrossEntropy();
            case SPARSE_CATEGORICAL_CE -> new SparseCrossEntropy();
            case CATEGORICAL_CE -> new CategoricalCrossEntropy();
            case KL_DIV -> new KlDivergence();
            case DISTILLATION_KL -> new Distillation();
            case TRIPLET_MARGIN -> new TripletMargin();
        };
    }
}
