package org.lossparity.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Numbers;
import org.lossparity.core.tensor.Tensor;

/**
 * Decides whether a catalogued divergence rule applies to a case, and where: each detector returns the region of
 * the inputs (element indices, reduction shape, weights) in which the PyTorch and Keras definitions differ, or
 * empty when the rule does not apply to this case. Detector ids are the {@code detector} field of
 * fixtures/divergences.json.
 */
final class DivergenceDetectors {
    /** Keras' epsilon is a float32 constant, also in float64 computations. */
    static final double KERAS_EPSILON = (double) 1e-7f;
    private static final int MAX_LISTED = 12;

    /**
     * The two sides of a pair in their own conventions.
     *
     * @param pytorch      spec in the PyTorch convention
     * @param pytorchInputs inputs as the PyTorch spec takes them
     * @param keras        spec in the Keras convention
     * @param kerasInputs  inputs as the Keras spec takes them
     */
    record Sides(LossSpec pytorch, Map<String, Tensor> pytorchInputs, LossSpec keras, Map<String, Tensor> kerasInputs) {}

    private DivergenceDetectors() {}

    static boolean known(String detector) {
        return switch (detector) {
            case "none", "last-axis", "weight-denominator", "empty-batch", "bce-clipping", "bce-epsilon",
                    "ce-clipping", "kl-clipping", "distillation-clipping", "float32-constants",
                    "triplet-swap-tie" -> true;
            default -> false;
        };
    }

    static Optional<String> region(String detector, Sides s) {
        LossKind loss = s.keras().loss();
        Tensor kp = s.kerasInputs().get(Inputs.PREDICTION);
        return switch (detector) {
            case "last-axis" -> lastAxis(s);
            case "weight-denominator" -> weightDenominator(s);
            case "empty-batch" -> nothingToAverage(s);
            case "bce-clipping" -> loss == LossKind.BCE ? outside(kp, "prediction", "p", true) : Optional.empty();
            case "bce-epsilon" -> loss == LossKind.BCE && kp.size() > 0 ? bceEpsilon(kp) : Optional.empty();
            case "ce-clipping" -> (loss == LossKind.CATEGORICAL_CE || loss == LossKind.SPARSE_CATEGORICAL_CE)
                    && !s.keras().params().getBoolean("from_logits")
                    ? outside(renormalised(kp), "prediction (renormalised per row)", "p", true) : Optional.empty();
            case "kl-clipping" -> loss == LossKind.KL_DIV ? klClipping(s) : Optional.empty();
            case "distillation-clipping" -> loss == LossKind.DISTILLATION_KL ? distillation(s) : Optional.empty();
            case "float32-constants" -> float32Constants(s);
            case "triplet-swap-tie" -> loss == LossKind.TRIPLET_MARGIN ? tripletSwapTie(s) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The prediction, or the anchor for triplet losses. */
    private static String firstInput(Sides s) {
        return s.keras().loss().differentiableInputs().get(0);
    }

    /** An averaging reduction whose divisor is 0: an empty batch, or weights summing to 0 in a weighted mean. */
    private static Optional<String> nothingToAverage(Sides s) {
        if (!averages(s.pytorch().reduction())) {
            return Optional.empty();
        }
        Tensor first = s.kerasInputs().get(firstInput(s));
        if (first != null && first.size() == 0) {
            return Optional.of("empty batch (" + firstInput(s) + " shape " + Arrays.toString(first.shape())
                    + "): PyTorch's mean over no elements is NaN, Keras' sum_over_batch_size divides with "
                    + "divide_no_nan and gives 0");
        }
        Tensor w = s.pytorchInputs().get(Inputs.SAMPLE_WEIGHT);
        if (w != null && s.pytorch().weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM && allZero(w)) {
            return Optional.of("sample weights all 0 (shape " + Arrays.toString(w.shape()) + ") in a weighted mean: "
                    + "PyTorch's Σw·l / Σw is 0/0 = NaN, Keras divides with divide_no_nan and gives 0");
        }
        return Optional.empty();
    }

    private static boolean allZero(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.getDouble(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean averages(Reduction r) {
        return r == Reduction.MEAN || r == Reduction.BATCHMEAN || r == Reduction.SUM_OVER_BATCH_SIZE;
    }

    private static boolean elementwise(LossKind loss) {
        return switch (loss) {
            case MSE, MAE, HUBER, SMOOTH_L1, CUSTOM_HUBER, BCE, BCE_WITH_LOGITS -> true;
            default -> false;
        };
    }

    private static Optional<String> lastAxis(Sides s) {
        LossKind loss = s.pytorch().loss();
        Tensor p = s.pytorchInputs().get(Inputs.PREDICTION);
        if (p == null || p.rank() == 0) {
            return Optional.empty();
        }
        long[] shape = p.shape();
        long d = shape[shape.length - 1];
        long[] perSample = Arrays.copyOf(shape, shape.length - 1);
        Reduction r = s.pytorch().reduction();
        boolean divergence = loss == LossKind.KL_DIV || loss == LossKind.DISTILLATION_KL;
        if (!elementwise(loss) && !divergence) {
            return Optional.empty();
        }
        String shapeText = Arrays.toString(shape);
        if (r == Reduction.NONE) {
            return Optional.of("reduction none on prediction shape " + shapeText + ": PyTorch returns one value per "
                    + "element (shape " + shapeText + "), Keras one per sample, reduced over the last axis of size "
                    + d + " (shape " + Arrays.toString(perSample) + ")" + (shape.length == 1 ? "; a 1-D input is ONE sample" : ""));
        }
        if (r == Reduction.SUM && elementwise(loss) && d > 1) {
            return Optional.of("reduction sum on prediction shape " + shapeText + ": Keras sums the per-sample means "
                    + "over the last axis (" + d + " elements each), PyTorch sums every element: a factor of " + d
                    + (shape.length == 1 ? "; a 1-D input is ONE sample" : ""));
        }
        if (r == Reduction.BATCHMEAN && divergence && shape.length != 2) {
            long samples = Tensor.elementCount(perSample);
            return Optional.of("batchmean on prediction shape " + shapeText + ": PyTorch divides the sum by the first "
                    + "dimension (" + shape[0] + "), Keras by the number of per-sample values over the leading axes ("
                    + samples + ")" + (shape.length == 1 ? "; a 1-D input is ONE sample" : ""));
        }
        return Optional.empty();
    }

    private static Optional<String> weightDenominator(Sides s) {
        Tensor w = s.kerasInputs().get(Inputs.SAMPLE_WEIGHT);
        if (w == null || !averages(s.pytorch().reduction())
                || s.pytorch().weighting() == s.keras().weighting()) {
            return Optional.empty();
        }
        double sum = 0;
        for (int i = 0; i < w.size(); i++) {
            sum += w.getDouble(i);
        }
        if (sum == w.size()) {
            return Optional.empty();
        }
        return Optional.of("sample weights of shape " + Arrays.toString(w.shape()) + " sum to "
                + Numbers.format(sum, DType.FLOAT64) + " over " + w.size() + " weights: Keras divides the weighted "
                + "sum by the count of per-sample losses, the weighted mean by the sum of the weights");
    }

    private static Optional<String> bceEpsilon(Tensor p) {
        Integer[] order = new Integer[p.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(margin(p.getDouble(a)), margin(p.getDouble(b))));
        List<String> worst = new ArrayList<>();
        for (int i = 0; i < Math.min(3, order.length); i++) {
            worst.add(p.indexOf(order[i]) + " (p = " + Numbers.format(p.getDouble(order[i]), p.dtype()) + ")");
        }
        return Optional.of("every element: Keras adds ε = 1e-7 inside both logs, log(p + ε) and log(1 − p + ε); "
                + "the relative effect ε / min(p, 1 − p) is largest at prediction " + String.join(", ", worst));
    }

    private static double margin(double p) {
        return Math.min(p, 1 - p);
    }

    private static Tensor renormalised(Tensor p) {
        if (p == null || p.rank() == 0 || p.size() == 0) {
            return p;
        }
        long[] shape = p.shape();
        int k = (int) shape[shape.length - 1];
        double[] v = p.toDoubleArray();
        for (int row = 0; row < v.length / k; row++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += v[row * k + j];
            }
            for (int j = 0; j < k; j++) {
                v[row * k + j] = v[row * k + j] / sum;
            }
        }
        return Tensor.ofFloats(DType.FLOAT64, shape, v);
    }

    private static Optional<String> outside(Tensor t, String name, String symbol, boolean upper) {
        if (t == null) {
            return Optional.empty();
        }
        List<String> idx = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < t.size(); i++) {
            double x = t.getDouble(i);
            if (x < KERAS_EPSILON || (upper && x > 1 - KERAS_EPSILON)) {
                if (count++ < MAX_LISTED) {
                    idx.add(t.indexOf(i));
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of("elements with " + symbol + " < 1e-7" + (upper ? " or " + symbol + " > 1 − 1e-7" : "")
                + " (Keras clips them to the bound): " + name + " indices " + idx
                + (count > MAX_LISTED ? " and " + (count - MAX_LISTED) + " more" : "") + " (" + count + " of "
                + t.size() + ")");
    }

    private static Optional<String> klClipping(Sides s) {
        List<String> parts = new ArrayList<>();
        outside(s.kerasInputs().get(Inputs.TARGET), "target", "y", false).ifPresent(parts::add);
        outside(s.kerasInputs().get(Inputs.PREDICTION), "prediction (as probabilities)", "q", false).ifPresent(parts::add);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", parts) + "; PyTorch takes log q as given and counts y = 0 terms as 0");
    }

    private static Optional<String> distillation(Sides s) {
        double t = s.keras().params().getDouble("temperature");
        List<String> parts = new ArrayList<>();
        outside(softmax(s.kerasInputs().get(Inputs.TARGET), t), "softmax(teacher / T)", "y", false).ifPresent(parts::add);
        outside(softmax(s.kerasInputs().get(Inputs.PREDICTION), t), "softmax(student / T)", "q", false).ifPresent(parts::add);
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static Tensor softmax(Tensor z, double temperature) {
        if (z == null || z.rank() == 0 || z.size() == 0) {
            return z;
        }
        long[] shape = z.shape();
        int k = (int) shape[shape.length - 1];
        double[] v = z.toDoubleArray();
        for (int row = 0; row < v.length / k; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, v[row * k + j] / temperature);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                v[row * k + j] = Math.exp(v[row * k + j] / temperature - max);
                sum += v[row * k + j];
            }
            for (int j = 0; j < k; j++) {
                v[row * k + j] /= sum;
            }
        }
        return Tensor.ofFloats(DType.FLOAT64, shape, v);
    }

    private static Optional<String> float32Constants(Sides s) {
        if (s.keras().dtype() != DType.FLOAT64 || s.keras().loss().param("label_smoothing") == null) {
            return Optional.empty();
        }
        double ls = s.keras().params().getDouble("label_smoothing");
        if (ls == 0 || (float) ls == ls) {
            return Optional.empty();
        }
        return Optional.of("float64 case with label_smoothing = " + ls + ": Keras uses it as the float32 constant "
                + Numbers.format((float) ls, DType.FLOAT64));
    }

    /** Rows where swap's min(d(a, n), d(p, n)) is a tie: the conventions route the gradient differently there. */
    private static Optional<String> tripletSwapTie(Sides s) {
        if (!s.keras().params().getBoolean("swap")) {
            return Optional.empty();
        }
        Tensor a = s.kerasInputs().get(Inputs.ANCHOR);
        Tensor pos = s.kerasInputs().get(Inputs.POSITIVE);
        Tensor neg = s.kerasInputs().get(Inputs.NEGATIVE);
        if (a == null || pos == null || neg == null || a.size() == 0) {
            return Optional.empty();
        }
        double p = s.keras().params().getDouble("p");
        double eps = s.keras().params().getDouble("eps");
        long[] shape = a.shape();
        int width = (int) shape[shape.length - 1];
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < a.size() / width; r++) {
            double an = 0;
            double pn = 0;
            for (int j = 0; j < width; j++) {
                int i = r * width + j;
                an += Math.pow(Math.abs(a.getDouble(i) - neg.getDouble(i) + eps), p);
                pn += Math.pow(Math.abs(pos.getDouble(i) - neg.getDouble(i) + eps), p);
            }
            an = Math.pow(an, 1 / p);
            pn = Math.pow(pn, 1 / p);
            // A tie in exact arithmetic can differ in the last bits of this double evaluation.
            if (Math.abs(an - pn) <= 1e-12 * Math.max(an, pn)) {
                rows.add(shape.length == 1 ? "[]" : "[" + r + "]");
            }
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("rows where d(a, n) = d(p, n) under swap (the gradient of the minimum at a tie): " + rows);
    }
}
