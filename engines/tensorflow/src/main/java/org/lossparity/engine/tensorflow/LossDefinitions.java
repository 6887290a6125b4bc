package org.lossparity.engine.tensorflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.InputCheck;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Reduction;
import org.tensorflow.framework.losses.impl.LossesHelper;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/** Wires a spec's loss into a graph: which operand is the value and which one the gradient is taken of. */
final class LossDefinitions {

    static final String GRADIENT_NOTE = "gradient";

    private LossDefinitions() {}

    /** The value to report, the scalar whose gradient is reported, and notes on how both were made. */
    record Defined(Operand<?> value, Operand<?> gradientTarget, Map<String, String> notes) {}

    /** The dtype an input is fed as: int64 class labels, everything else the spec's float dtype. */
    static DType feedType(LossSpec spec, String input) {
        return InputCheck.expectedDtype(spec, input);
    }

    static Reduction frameworkReduction(org.lossparity.core.spec.Reduction r) {
        return switch (r) {
            case NONE -> Reduction.NONE;
            case SUM -> Reduction.SUM;
            case SUM_OVER_BATCH_SIZE, MEAN -> Reduction.SUM_OVER_BATCH_SIZE;
            case BATCHMEAN -> throw new IllegalArgumentException("batchmean has no TensorFlow reduction");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Defined define(Ops tf, LossSpec spec, Map<String, ? extends Operand<?>> in) {
        if (spec.convention() != Convention.KERAS) {
            return TorchStyleLosses.define(tf, spec, in);
        }
        Map<String, String> notes = new LinkedHashMap<>();
        Operand predictions;
        Operand labels;
        if (spec.loss() == LossKind.TRIPLET_MARGIN) {
            predictions = in.get(Inputs.ANCHOR);
            labels = tf.stack((List) List.of(in.get(Inputs.POSITIVE), in.get(Inputs.NEGATIVE)));
        } else {
            predictions = in.get(Inputs.PREDICTION);
            labels = in.get(Inputs.TARGET);
        }
        Operand weights = alignWeights(tf, (Operand) in.get(Inputs.SAMPLE_WEIGHT), predictions, notes);

        Operand value = reduced(tf, spec, false, labels, predictions, weights, notes);
        Operand gradientTarget = value;
        KerasLosses.Recipe gradientRecipe = KerasLosses.recipe(spec, Reduction.NONE, true);
        if (gradientRecipe.loss().getClass() != KerasLosses.recipe(spec, Reduction.NONE, false).loss().getClass()) {
            gradientTarget = reduced(tf, spec, true, labels, predictions, weights, new LinkedHashMap<>());
            notes.put(GRADIENT_NOTE, "graph gradient (Graph.addGradients) of the equivalent "
                    + gradientRecipe.api() + ": the fused SoftmaxCrossEntropyWithLogits gradient in TensorFlow's "
                    + "C++ registry multiplies by a float32 constant (-1.0f) and cannot be built in float64; "
                    + "the value is the framework class's");
        } else {
            notes.put(GRADIENT_NOTE, "graph gradient (Graph.addGradients)");
        }
        if (spec.reduction() == org.lossparity.core.spec.Reduction.NONE) {
            gradientTarget = sumAll(tf, gradientTarget);
        }
        return new Defined(value, gradientTarget, notes);
    }

    /** The loss reduced as the spec says, including the weighted-mean variant Keras classes do not offer. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operand reduced(Ops tf, LossSpec spec, boolean forGradient, Operand labels, Operand predictions,
                                   Operand weights, Map<String, String> notes) {
        Reduction reduction = frameworkReduction(spec.reduction());
        boolean weightedMean = weights != null && spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM
                && reduction == Reduction.SUM_OVER_BATCH_SIZE;
        if (!weightedMean) {
            KerasLosses.Recipe recipe = KerasLosses.recipe(spec, reduction, forGradient);
            notes.put("api", recipe.api());
            notes.putAll(recipe.notes());
            return recipe.loss().call(tf, labels, predictions, weights);
        }
        KerasLosses.Recipe sum = KerasLosses.recipe(spec, Reduction.SUM, forGradient);
        KerasLosses.Recipe none = KerasLosses.recipe(spec, Reduction.NONE, forGradient);
        Operand perSample = none.loss().call(tf, labels, predictions, null);
        // Ones built from the static shape: OnesLike has no registered gradient and would break addGradients.
        long[] dims = perSample.shape().asArray();
        Operand ones = tf.ones(tf.constant(dims == null ? new long[0] : dims), predictions.type());
        Operand broadcastWeights = LossesHelper.computeWeightedLoss(tf, ones, Reduction.NONE, weights);
        notes.put("api", sum.api() + " / sum of sample weights");
        notes.putAll(sum.notes());
        notes.put("weighting", "built from TF ops: divide_by_weight_sum = divNoNan(loss(SUM), Σ weights broadcast "
                + "to the per-sample losses) (Keras divides by the count; divNoNan as its own sum_over_batch_size, "
                + "so all-zero weights give 0)");
        return tf.math.divNoNan(sum.loss().call(tf, labels, predictions, weights), sumAll(tf, broadcastWeights));
    }

    /**
     * Keras' helper lines up weights with the per-sample losses only when their ranks differ by one; weights given
     * for leading dimensions only get trailing unit axes here so they broadcast over the trailing ones.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operand alignWeights(Ops tf, Operand weights, Operand predictions, Map<String, String> notes) {
        if (weights == null) {
            return null;
        }
        int perSampleRank = Math.max(predictions.shape().numDimensions() - 1, 0);
        int rank = weights.shape().numDimensions();
        if (rank >= perSampleRank - 1) {
            return weights;
        }
        long[] dims = new long[perSampleRank];
        long[] given = weights.shape().asArray();
        for (int i = 0; i < perSampleRank; i++) {
            dims[i] = i < rank ? given[i] : 1;
        }
        notes.put("sample_weight", "weights of rank " + rank + " reshaped to " + Shape.of(dims)
                + " to broadcast over trailing per-sample axes");
        return tf.reshape(weights, tf.constant(dims));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Operand sumAll(Ops tf, Operand x) {
        return tf.reduceSum(x, LossesHelper.allAxes(tf, (Operand<? extends TNumber>) x));
    }
}
