package org.lossparity.engine.tensorflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Params;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/**
 * PyTorch-convention specs built from TensorFlow ops, for losses or options Keras has no class for. Values are
 * per element (per sample for the cross-entropies), reduced as torch.nn.functional does; every result says it
 * was built from TF ops. Formulas follow {@link LossKind}'s javadoc.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class TorchStyleLosses {

    static final String BUILT_FROM = "built_from";

    private TorchStyleLosses() {}

    static LossDefinitions.Defined define(Ops tf, LossSpec spec, Map<String, ? extends Operand<?>> in) {
        Map<String, String> notes = new LinkedHashMap<>();
        Params p = spec.params();
        Operand x = in.get(Inputs.PREDICTION);
        Operand y = in.get(Inputs.TARGET);
        Operand weights = in.get(Inputs.SAMPLE_WEIGHT);
        Operand value;
        switch (spec.loss()) {
            case TRIPLET_MARGIN -> {
                // Unreduced, then reduced the PyTorch way: the framework's SUM_OVER_BATCH_SIZE divides with
                // divNoNan, which would give 0 instead of PyTorch's NaN for the mean of an empty batch.
                TripletMarginLoss loss = KerasLosses.triplet(p,
                        org.tensorflow.framework.losses.Reduction.NONE).pytorchTies();
                Operand perSample = loss.triplets(tf, (Operand) in.get(Inputs.ANCHOR), (Operand) in.get(Inputs.POSITIVE),
                        (Operand) in.get(Inputs.NEGATIVE));
                value = reduce(tf, spec, perSample, weights, notes);
                notes.put("api", "org.tensorflow.framework.losses.TripletMarginLoss extends AbstractLoss (NONE, "
                        + "then " + spec.reduction() + " from TF ops)");
                notes.put(BUILT_FROM, "TF ops (custom AbstractLoss subclass; swap ties split the gradient half and "
                        + "half as PyTorch's minimum; the mean of an empty batch is NaN)");
            }
            case MSE, MAE, HUBER, SMOOTH_L1, CUSTOM_HUBER -> {
                value = reduce(tf, spec, regression(tf, spec, x, y), weights, notes);
                notes.put(BUILT_FROM, "TF ops: per-element " + spec.loss().id() + " (Keras averages the last axis "
                        + "first, PyTorch does not)");
            }
            case BCE -> {
                value = reduce(tf, spec, bce(tf, x, y), weights, notes);
                notes.put(BUILT_FROM, "TF ops: −(y·max(log p, −100) + (1−y)·max(log(1−p), −100)) per element, "
                        + "with PyTorch's backward (p−y)/max(p(1−p), 1e-12) attached through StopGradient");
            }
            case BCE_WITH_LOGITS -> {
                value = reduce(tf, spec, bceWithLogits(tf, x, y, in.get(Inputs.POS_WEIGHT)), weights, notes);
                notes.put(BUILT_FROM, "TF ops: (1−y)z + (1+(w_pos−1)y)(log1p(e^−|z|) + max(−z, 0)) per element");
            }
            case KL_DIV -> {
                value = reduce(tf, spec, klLogSpace(tf, x, y, p.getBoolean("log_target")), weights, notes);
                notes.put(BUILT_FROM, "TF ops: y·(log y − input) per element on log-probability input (xlogy, so "
                        + "y = 0 contributes 0)");
            }
            case DISTILLATION_KL -> {
                Operand t = Constants.scalar(tf, x.type(), p.getDouble("temperature"));
                Operand studentLog = tf.nn.logSoftmax(tf.math.div(x, t));
                Operand teacher = tf.nn.softmax(tf.math.div(tf.dtypes.cast(y, x.type()), t));
                Operand kl = klLogSpace(tf, studentLog, teacher, false);
                value = tf.math.mul(reduce(tf, spec, kl, weights, notes), tf.math.square(t));
                notes.put(BUILT_FROM, "TF ops: T²·kl_div(log_softmax(s/T), softmax(t/T)) per element");
            }
            case CATEGORICAL_CE -> {
                requireClassAxisLast(x, spec);
                value = reduce(tf, spec, softTargetCrossEntropy(tf, x, y, p.getDouble("label_smoothing"),
                        in.get(Inputs.CLASS_WEIGHT)), weights, notes);
                notes.put(BUILT_FROM, "TF ops: −Σ_c w_c·y'·log_softmax(z) per sample, y' = y(1−ls)+ls/K; the mean "
                        + "divides by N even with class weights");
            }
            case SPARSE_CATEGORICAL_CE -> {
                requireClassAxisLast(x, spec);
                value = sparseCrossEntropy(tf, spec, x, y, in.get(Inputs.CLASS_WEIGHT), weights);
                notes.put(BUILT_FROM, "TF ops: (1−ls)·(−w_y·log_softmax(z)_y) + ls·Σ_c(−w_c·log_softmax(z)_c)/K per "
                        + "sample; ignore_index samples contribute 0; the mean divides by Σ w_y over kept samples "
                        + "(Σ s·w_y with sample weights s and divide_by_weight_sum)");
            }
            default -> throw new IllegalArgumentException("no TF-ops construction for " + spec.displayName());
        }
        notes.put(LossDefinitions.GRADIENT_NOTE, "graph gradient (Graph.addGradients)");
        Operand gradientTarget = spec.reduction() == Reduction.NONE ? LossDefinitions.sumAll(tf, value) : value;
        return new LossDefinitions.Defined(value, gradientTarget, notes);
    }

    private static Operand regression(Ops tf, LossSpec spec, Operand x, Operand yRaw) {
        Class type = x.type();
        Operand r = tf.math.sub(x, tf.dtypes.cast(yRaw, type));
        Operand abs = tf.math.abs(r);
        Operand half = Constants.scalar(tf, type, 0.5);
        return switch (spec.loss()) {
            case MSE -> tf.math.square(r);
            case MAE -> abs;
            case HUBER, CUSTOM_HUBER -> {
                Operand d = Constants.scalar(tf, type, spec.params().getDouble("delta"));
                yield tf.select(tf.math.less(abs, d), tf.math.mul(half, tf.math.square(r)),
                        tf.math.mul(d, tf.math.sub(abs, tf.math.mul(half, d))));
            }
            case SMOOTH_L1 -> {
                double beta = spec.params().getDouble("beta");
                if (beta == 0) {
                    yield abs;
                }
                Operand b = Constants.scalar(tf, type, beta);
                yield tf.select(tf.math.less(abs, b), tf.math.div(tf.math.mul(half, tf.math.square(r)), b),
                        tf.math.sub(abs, tf.math.mul(half, b)));
            }
            default -> throw new IllegalArgumentException(spec.loss().id());
        };
    }

    private static Operand bce(Ops tf, Operand p, Operand yRaw) {
        Class type = p.type();
        Operand y = tf.dtypes.cast(yRaw, type);
        Operand one = Constants.scalar(tf, type, 1);
        Operand floor = Constants.scalar(tf, type, -100);
        Operand logP = tf.math.maximum(tf.math.log(p), floor);
        Operand log1mP = tf.math.maximum(tf.math.log(tf.math.sub(one, p)), floor);
        Operand value = tf.math.neg(tf.math.add(tf.math.mul(y, logP), tf.math.mul(tf.math.sub(one, y), log1mP)));
        // PyTorch does not differentiate the clamped logs (infinite at p = 0 or 1); its kernel's backward is
        // (p − y) / max(p(1 − p), ε) with ε = 1e-12 as a float. Graph gradients would follow the logs, so the value
        // is held constant and p − stop(p), which is exactly 0 but has derivative 1, carries the kernel's slope.
        Operand epsilon = Constants.scalar(tf, type, (double) 1e-12f);
        Operand slope = tf.math.div(tf.math.sub(p, y),
                tf.math.maximum(tf.math.mul(tf.math.sub(one, p), p), epsilon));
        Operand zeroWithSlope = tf.math.mul(tf.math.sub(p, tf.stopGradient(p)), tf.stopGradient(slope));
        return tf.math.add(tf.stopGradient(value), zeroWithSlope);
    }

    private static Operand bceWithLogits(Ops tf, Operand z, Operand yRaw, Operand posWeight) {
        Class type = z.type();
        Operand y = tf.dtypes.cast(yRaw, type);
        Operand one = Constants.scalar(tf, type, 1);
        // Softplus, not log1p(exp(-|z|)) + max(-z, 0): that form is the same value, but its subgradients at z = 0
        // (sign(0) = 0, Maximum's tie to the first argument) give d/dz = -1 instead of the true -1/2.
        Operand softplusNegZ = tf.math.softplus(tf.math.neg(z));
        Operand scale = one;
        if (posWeight != null) {
            scale = tf.math.add(one, tf.math.mul(tf.math.sub(posWeight, one), y));
        }
        return tf.math.add(tf.math.mul(tf.math.sub(one, y), z), tf.math.mul(scale, softplusNegZ));
    }

    private static Operand klLogSpace(Ops tf, Operand logQ, Operand target, boolean logTarget) {
        Operand t = tf.dtypes.cast(target, logQ.type());
        if (logTarget) {
            return tf.math.mul(tf.math.exp(t), tf.math.sub(t, logQ));
        }
        return tf.math.sub(tf.math.xlogy(t, t), tf.math.mul(t, logQ));
    }

    private static Operand softTargetCrossEntropy(Ops tf, Operand z, Operand yRaw, double ls, Operand classWeight) {
        Class type = z.type();
        Operand y = tf.dtypes.cast(yRaw, type);
        if (ls != 0) {
            long k = z.shape().size(-1);
            y = tf.math.add(tf.math.mul(y, Constants.scalar(tf, type, 1 - ls)), Constants.scalar(tf, type, ls / k));
        }
        Operand terms = tf.math.mul(y, tf.nn.logSoftmax(z));
        if (classWeight != null) {
            terms = tf.math.mul(terms, classWeight);
        }
        return tf.math.neg(tf.reduceSum(terms, Constants.lastAxis(tf)));
    }

    /**
     * Sparse cross-entropy with PyTorch's ignore_index, class weights, smoothing and weighted-mean divisor. Sample
     * weights s scale the per-sample terms; the mean divides by what PyTorch's own mean divides by (Σ w_y over kept
     * samples) or, with divide_by_weight_sum, by Σ s·w_y over kept samples (see SampleWeighting).
     */
    private static Operand sparseCrossEntropy(Ops tf, LossSpec spec, Operand z, Operand labels, Operand classWeight,
                                              Operand sampleWeight) {
        Class type = z.type();
        Params p = spec.params();
        long k = z.shape().size(-1);
        double ls = p.getDouble("label_smoothing");
        Operand<TBool> kept = tf.math.notEqual(labels, tf.constant(p.getLong("ignore_index")));
        Operand keptMask = tf.dtypes.cast(kept, type);
        // Ignored samples may carry an out-of-range label; point them at class 0 and mask them out.
        Operand<TInt64> safe = tf.select(kept, labels, tf.zerosLike(labels));
        Operand oneHot = tf.oneHot(safe, tf.constant((int) k), Constants.scalar(tf, type, 1),
                Constants.scalar(tf, type, 0));
        Operand logSoftmax = tf.nn.logSoftmax(z);
        Operand w = classWeight == null ? Constants.scalar(tf, type, 1) : classWeight;
        Operand wTarget = tf.reduceSum(tf.math.mul(oneHot, w), Constants.lastAxis(tf));
        Operand nll = tf.math.neg(tf.reduceSum(tf.math.mul(tf.math.mul(oneHot, w), logSoftmax),
                Constants.lastAxis(tf)));
        Operand perSample = nll;
        if (ls != 0) {
            Operand smooth = tf.math.div(tf.math.neg(tf.reduceSum(tf.math.mul(logSoftmax, w), Constants.lastAxis(tf))),
                    Constants.scalar(tf, type, k));
            perSample = tf.math.add(tf.math.mul(Constants.scalar(tf, type, 1 - ls), nll),
                    tf.math.mul(Constants.scalar(tf, type, ls), smooth));
        }
        perSample = tf.math.mul(perSample, keptMask);
        Operand divisorTerms = tf.math.mul(wTarget, keptMask);
        if (sampleWeight != null) {
            Operand aligned = alignLeading(tf, sampleWeight, perSample.shape().numDimensions());
            perSample = tf.math.mul(perSample, aligned);
            if (spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM) {
                divisorTerms = tf.math.mul(divisorTerms, aligned);
            }
        }
        return switch (spec.reduction()) {
            case NONE -> perSample;
            case SUM -> LossDefinitions.sumAll(tf, perSample);
            case MEAN -> meanOrNaN(tf, LossDefinitions.sumAll(tf, perSample), LossDefinitions.sumAll(tf, divisorTerms));
            default -> throw new IllegalArgumentException(spec.reduction() + " is not a PyTorch cross-entropy reduction");
        };
    }

    /**
     * total / divisor, and NaN (a constant, outside the differentiated path) when the divisor is 0, as PyTorch's
     * mean of nothing. Dividing by the zero directly would send 1/0 back to ignored rows, whose gradient PyTorch
     * leaves at exactly 0.
     */
    private static Operand meanOrNaN(Ops tf, Operand total, Operand divisor) {
        Class type = total.type();
        Operand<TBool> some = tf.math.greater(divisor, Constants.scalar(tf, type, 0));
        Operand safeDivisor = tf.select(some, divisor, Constants.scalar(tf, type, 1));
        return tf.select(some, tf.math.div(total, safeDivisor), Constants.scalar(tf, type, Double.NaN));
    }

    /** Reduces per-element (or per-sample) values the PyTorch way, with optional weights on the leading axes. */
    private static Operand reduce(Ops tf, LossSpec spec, Operand values, Operand weights, Map<String, String> notes) {
        Operand weighted = values;
        Operand weightSum = null;
        if (weights != null) {
            Operand aligned = alignLeading(tf, weights, values.shape().numDimensions());
            weighted = tf.math.mul(values, aligned);
            long[] dims = values.shape().asArray();
            Operand ones = tf.ones(tf.constant(dims == null ? new long[0] : dims), values.type());
            weightSum = LossDefinitions.sumAll(tf, tf.math.mul(ones, aligned));
        }
        Operand sum = LossDefinitions.sumAll(tf, weighted);
        return switch (spec.reduction()) {
            case NONE -> weighted;
            case SUM -> sum;
            case MEAN -> {
                if (weightSum != null && spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM) {
                    notes.put("weighting", "Σ w·l / Σ w (weights broadcast to the values)");
                    yield tf.math.div(sum, weightSum);
                }
                yield tf.math.div(sum, Constants.scalar(tf, values.type(), values.shape().size()));
            }
            case BATCHMEAN -> {
                long batch = values.shape().numDimensions() == 0 ? 1 : values.shape().size(0);
                yield tf.math.div(sum, Constants.scalar(tf, values.type(), batch));
            }
            case SUM_OVER_BATCH_SIZE -> throw new IllegalArgumentException("sum_over_batch_size is a Keras reduction");
        };
    }

    /** Weights for the leading axes get trailing unit axes so they broadcast over the trailing ones. */
    private static Operand alignLeading(Ops tf, Operand weights, int valuesRank) {
        int rank = weights.shape().numDimensions();
        if (rank >= valuesRank) {
            return weights;
        }
        long[] given = weights.shape().asArray();
        long[] dims = new long[valuesRank];
        for (int i = 0; i < valuesRank; i++) {
            dims[i] = i < rank ? given[i] : 1;
        }
        return tf.reshape(weights, tf.constant(dims));
    }

    /** PyTorch puts the class axis at 1; with rank ≤ 2 that is also the last axis, which these graphs use. */
    private static void requireClassAxisLast(Operand z, LossSpec spec) {
        if (z.shape().numDimensions() > 2) {
            throw new IllegalArgumentException("PyTorch-convention " + spec.loss().id() + " on rank "
                    + z.shape().numDimensions() + " input puts classes on axis 1; only [C] and [N, C] inputs are "
                    + "built here");
        }
    }
}
