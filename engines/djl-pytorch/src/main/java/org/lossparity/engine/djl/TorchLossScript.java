package org.lossparity.engine.djl;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.UnsupportedCaseException;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.spec.Params;
import org.lossparity.core.spec.Reduction;
import org.lossparity.core.spec.SampleWeighting;

/**
 * The TorchScript source of a module whose {@code forward} calls the ATen loss operator that
 * {@code torch.nn.functional} calls for the spec ({@code torch.mse_loss}, {@code torch.cross_entropy_loss},
 * ...), with the spec's parameters written in as literals and the reduction passed as ATen's enum
 * (0 none, 1 mean, 2 sum), exactly as {@code torch.jit.script} serialises a call to the functional API.
 *
 * @param className the module's class name inside {@code __torch__}
 * @param source    the text of {@code code/__torch__.py}
 * @param arguments the input names ({@link Inputs}) in {@code forward}'s positional order
 */
record TorchLossScript(String className, String source, List<String> arguments) {

    private static final int NONE = 0;
    private static final int MEAN = 1;
    private static final int SUM = 2;

    /**
     * @param present names of the optional inputs the case provides (sample_weight, pos_weight, class_weight)
     * @throws EngineException when PyTorch defines no meaning for the combination
     */
    static TorchLossScript of(LossSpec spec, List<String> present) throws EngineException {
        LossKind loss = spec.loss();
        Params p = spec.params();
        List<String> args = new ArrayList<>(loss.requiredInputs());
        boolean sampleWeight = present.contains(Inputs.SAMPLE_WEIGHT);
        boolean posWeight = present.contains(Inputs.POS_WEIGHT);
        boolean classWeight = present.contains(Inputs.CLASS_WEIGHT);
        if (sampleWeight) {
            args.add(Inputs.SAMPLE_WEIGHT);
        }
        if (posWeight) {
            args.add(Inputs.POS_WEIGHT);
        }
        if (classWeight) {
            args.add(Inputs.CLASS_WEIGHT);
        }
        Reduction r = spec.reduction();
        StringBuilder body = new StringBuilder();
        // With sample weights the kernel runs unreduced and the weighted reduction follows (see reduceWeighted).
        int kernelReduction = sampleWeight ? NONE : switch (r) {
            case NONE -> NONE;
            case MEAN -> MEAN;
            case SUM, BATCHMEAN -> SUM;
            case SUM_OVER_BATCH_SIZE -> throw new EngineException("sum_over_batch_size is a Keras reduction");
        };
        String x = var(Inputs.PREDICTION);
        String y = var(Inputs.TARGET);
        String w = var(Inputs.SAMPLE_WEIGHT);
        boolean weightedByKernel = false;
        switch (loss) {
            case MSE -> line(body, "v = torch.mse_loss(" + x + ", " + y + ", " + kernelReduction + ")");
            case MAE -> line(body, "v = torch.l1_loss(" + x + ", " + y + ", " + kernelReduction + ")");
            case HUBER -> line(body, "v = torch.huber_loss(" + x + ", " + y + ", " + kernelReduction + ", "
                    + real(p.getDouble("delta")) + ")");
            case SMOOTH_L1 -> line(body, "v = torch.smooth_l1_loss(" + x + ", " + y + ", " + kernelReduction + ", "
                    + real(p.getDouble("beta")) + ")");
            case BCE, BCE_WITH_LOGITS -> {
                // The kernels' own `weight` argument is a per-element weight whose mean divides by the count.
                int red = r == Reduction.NONE ? NONE
                        : r == Reduction.MEAN && (!sampleWeight || spec.weighting() == SampleWeighting.DIVIDE_BY_COUNT)
                        ? MEAN : SUM;
                String weight = sampleWeight ? w : "None";
                if (loss == LossKind.BCE) {
                    line(body, "v = torch.binary_cross_entropy(" + x + ", " + y + ", " + weight + ", " + red + ")");
                } else {
                    line(body, "v = torch.binary_cross_entropy_with_logits(" + x + ", " + y + ", " + weight + ", "
                            + (posWeight ? var(Inputs.POS_WEIGHT) : "None") + ", " + red + ")");
                }
                if (sampleWeight && r == Reduction.MEAN && spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM) {
                    line(body, "v = torch.div(v, torch.sum(torch.expand_as(" + w + ", " + x + ")))");
                }
                weightedByKernel = true;
            }
            case SPARSE_CATEGORICAL_CE, CATEGORICAL_CE -> {
                long ignore = loss == LossKind.SPARSE_CATEGORICAL_CE ? p.getLong("ignore_index") : -100;
                if (sampleWeight && classWeight && r == Reduction.MEAN) {
                    throw new UnsupportedCaseException("PyTorch defines no mean for cross-entropy with both class weights and "
                            + "sample weights (its class-weighted mean divides by the class weights of the targets)");
                }
                line(body, "v = torch.cross_entropy_loss(" + x + ", " + y + ", "
                        + (classWeight ? var(Inputs.CLASS_WEIGHT) : "None") + ", " + kernelReduction + ", " + ignore
                        + ", " + real(p.getDouble("label_smoothing")) + ")");
                if (sampleWeight && loss == LossKind.SPARSE_CATEGORICAL_CE && r == Reduction.MEAN) {
                    // Ignored samples count neither in the sum nor in the denominator, as in PyTorch's own mean:
                    // the count of kept samples (divide_by_count) or their weight total (divide_by_weight_sum), so
                    // that all-ones sample weights give exactly F.cross_entropy's mean.
                    String kept = "torch.ne(" + y + ", " + ignore + ")";
                    line(body, "v = torch.mul(v, " + w + ")");
                    line(body, "return torch.div(torch.sum(v), torch.sum("
                            + (spec.weighting() == SampleWeighting.DIVIDE_BY_WEIGHT_SUM
                               ? "torch.mul(" + w + ", " + kept + ")" : kept) + "))");
                    return build(spec, args, body);
                }
            }
            case KL_DIV -> line(body, "v = torch.kl_div(" + x + ", " + y + ", " + kernelReduction + ", log_target="
                    + (p.getBoolean("log_target") ? "True" : "False") + ")");
            case DISTILLATION_KL -> {
                String t = real(p.getDouble("temperature"));
                line(body, "s = torch.log_softmax(torch.div(" + x + ", " + t + "), -1)");
                line(body, "q = torch.softmax(torch.div(" + y + ", " + t + "), -1)");
                line(body, "v = torch.kl_div(s, q, " + kernelReduction + ", log_target=False)");
            }
            case TRIPLET_MARGIN -> line(body, "v = torch.triplet_margin_loss(" + var(Inputs.ANCHOR) + ", "
                    + var(Inputs.POSITIVE) + ", " + var(Inputs.NEGATIVE) + ", " + real(p.getDouble("margin")) + ", "
                    + real(p.getDouble("p")) + ", " + real(p.getDouble("eps")) + ", "
                    + (p.getBoolean("swap") ? "True" : "False") + ", " + kernelReduction + ")");
            case CUSTOM_HUBER -> throw new EngineException("custom_huber has no ATen kernel; it is written with NDArray ops");
        }
        String first = var(loss.requiredInputs().get(0));
        if (sampleWeight && !weightedByKernel) {
            reduceWeighted(body, spec, w, first);
        } else if (r == Reduction.BATCHMEAN) {
            // As torch.nn.functional.kl_div: the sum divided by the first dimension, unless the input is 0-dim.
            line(body, "if torch.dim(" + first + ") != 0:");
            line(body, "  v = torch.div(v, torch.size(" + first + ", 0))");
        }
        if (loss == LossKind.DISTILLATION_KL) {
            double t = p.getDouble("temperature");
            line(body, "v = torch.mul(v, " + real(t * t) + ")");
        }
        line(body, "return v");
        return build(spec, args, body);
    }

    private static void reduceWeighted(StringBuilder body, LossSpec spec, String w, String first) throws EngineException {
        line(body, "v = torch.mul(v, " + w + ")");
        switch (spec.reduction()) {
            case NONE -> { }
            case SUM -> line(body, "v = torch.sum(v)");
            case MEAN -> line(body, spec.weighting() == SampleWeighting.DIVIDE_BY_COUNT
                    ? "v = torch.div(torch.sum(v), torch.numel(v))"
                    : "v = torch.div(torch.sum(v), torch.sum(torch.expand_as(" + w + ", v)))");
            case BATCHMEAN -> {
                line(body, "v = torch.sum(v)");
                line(body, "if torch.dim(" + first + ") != 0:");
                line(body, "  v = torch.div(v, torch.size(" + first + ", 0))");
            }
            case SUM_OVER_BATCH_SIZE -> throw new EngineException("sum_over_batch_size is a Keras reduction");
        }
    }

    private static TorchLossScript build(LossSpec spec, List<String> args, StringBuilder body) {
        String className = "LossParity_" + spec.loss().id();
        StringBuilder src = new StringBuilder();
        src.append("class ").append(className).append("(Module):\n");
        src.append("  __parameters__ = []\n");
        src.append("  __buffers__ = []\n");
        src.append("  training : bool\n");
        src.append("  def forward(self: __torch__.").append(className);
        for (String a : args) {
            src.append(",\n    ").append(var(a)).append(": Tensor");
        }
        src.append(") -> Tensor:\n");
        src.append(body);
        return new TorchLossScript(className, src.toString(), List.copyOf(args));
    }

    private static void line(StringBuilder body, String statement) {
        body.append("    ").append(statement).append('\n');
    }

    /** Argument names are the input names, which are already Python identifiers. */
    private static String var(String input) {
        return input;
    }

    /** A float literal that reads back as the same double (Java's shortest round-trip form). */
    static String real(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("no TorchScript literal for " + value);
        }
        return Double.toString(value).replace('E', 'e');
    }
}
