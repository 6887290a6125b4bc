package org.lossparity.engine.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.InputCheck;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.Tensor;

/**
 * PyTorch semantics through torch's own ATen kernels: each spec becomes a TorchScript module (written by
 * {@link TorchScriptArchive}, no Python) whose forward calls the operator {@code torch.nn.functional} calls,
 * loaded by DJL and run with autograd on. Custom Huber is written with DJL NDArray operations.
 */
final class PytorchLossEngine implements LossEngine {
    /** Loaded modules are reused per distinct source; the catalogue yields a few dozen, this bounds odd runs. */
    private static final int MAX_MODULES = 256;

    private final DjlRuntime runtime;
    private final NDManager manager;
    private final EngineIdentity identity;
    private final Map<String, PtSymbolBlock> modules = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    PytorchLossEngine(DjlRuntime runtime, String name) {
        this.runtime = runtime;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.identity = DjlIdentity.of(name, runtime, "torch ATen loss kernels via TorchScript modules");
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public Support supports(LossSpec spec) {
        if (spec.convention() != Convention.PYTORCH) {
            return Support.no("this engine implements PyTorch semantics; the Keras spec is evaluated through its "
                    + "PyTorch counterpart, if any");
        }
        if (spec.loss() == LossKind.CUSTOM_HUBER) {
            return Support.yes("written with DJL NDArray ops (abs, where, mul), as a DJL user would");
        }
        return Support.yes("ATen " + kernelName(spec.loss()) + " called from a TorchScript module");
    }

    @Override
    public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        ensureOpen();
        Support support = supports(spec);
        if (!support.supported()) {
            throw new EngineException(support.reason());
        }
        Map<String, Tensor> prepared = prepare(spec, inputs);
        if (spec.loss() == LossKind.CUSTOM_HUBER) {
            return GradientRun.evaluate(manager, spec, prepared, CustomLosses.reducedHuber(spec),
                    Map.of("path", "DJL NDArray ops"));
        }
        List<String> optional = new ArrayList<>();
        for (String name : spec.loss().optionalInputs()) {
            if (prepared.containsKey(name)) {
                optional.add(name);
            }
        }
        TorchLossScript script = TorchLossScript.of(spec, optional);
        PtSymbolBlock module = module(script);
        Map<String, String> notes = Map.of("path", "ATen " + kernelName(spec.loss()) + " via TorchScript");
        return GradientRun.evaluate(manager, spec, prepared, arrays -> {
            NDList args = new NDList();
            for (String name : script.arguments()) {
                args.add(arrays.get(name));
            }
            NDManager scope = args.get(0).getManager();
            return module.forward(new ParameterStore(scope, false), args, true).singletonOrThrow();
        }, notes);
    }

    /**
     * Checks the inputs and casts the auxiliary weights to the spec's dtype; sample weights get trailing axes of
     * size 1 so that they broadcast along the trailing axes of the unreduced values.
     */
    private static Map<String, Tensor> prepare(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : spec.loss().requiredInputs()) {
            Tensor t = inputs.get(name);
            if (t == null) {
                throw new EngineException(spec.loss().id() + " needs input '" + name + "' (got " + inputs.keySet() + ")");
            }
            out.put(name, t);
        }
        for (String name : inputs.keySet()) {
            if (!out.containsKey(name) && !spec.loss().optionalInputs().contains(name)) {
                throw new EngineException(spec.loss().id() + " takes no input '" + name + "'");
            }
        }
        for (String name : spec.loss().optionalInputs()) {
            Tensor t = inputs.get(name);
            if (t == null) {
                continue;
            }
            if (name.equals(Inputs.SAMPLE_WEIGHT)) {
                t = NdTensors.padTrailing(t, unreducedRank(spec, out));
            }
            out.put(name, t);
        }
        InputCheck.requireDtypes(spec, out);
        return out;
    }

    /** Rank of the kernel's reduction-none output: per element, or per sample for the cross-entropies. */
    static int unreducedRank(LossSpec spec, Map<String, Tensor> inputs) {
        int rank = inputs.get(spec.loss().requiredInputs().get(0)).rank();
        return switch (spec.loss()) {
            case SPARSE_CATEGORICAL_CE, CATEGORICAL_CE -> Math.max(rank - 1, 0);
            default -> rank;
        };
    }

    private PtSymbolBlock module(TorchLossScript script) throws EngineException {
        PtSymbolBlock cached = modules.get(script.source());
        if (cached != null) {
            return cached;
        }
        byte[] archive = TorchScriptArchive.write(script.className(), script.source());
        PtSymbolBlock block;
        try {
            block = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("libtorch rejected the TorchScript module:\n" + script.source() + "\n" + e, e);
        }
        modules.put(script.source(), block);
        if (modules.size() > MAX_MODULES) {
            var eldest = modules.entrySet().iterator().next();
            eldest.getValue().close();
            modules.remove(eldest.getKey());
        }
        return block;
    }

    static String kernelName(LossKind loss) {
        return switch (loss) {
            case MSE -> "mse_loss";
            case MAE -> "l1_loss";
            case HUBER -> "huber_loss";
            case SMOOTH_L1 -> "smooth_l1_loss";
            case BCE -> "binary_cross_entropy";
            case BCE_WITH_LOGITS -> "binary_cross_entropy_with_logits";
            case SPARSE_CATEGORICAL_CE, CATEGORICAL_CE -> "cross_entropy_loss";
            case KL_DIV -> "kl_div";
            case DISTILLATION_KL -> "log_softmax + softmax + kl_div";
            case TRIPLET_MARGIN -> "triplet_margin_loss";
            case CUSTOM_HUBER -> "none (NDArray ops)";
        };
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("engine " + identity.name() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        modules.values().forEach(PtSymbolBlock::close);
        modules.clear();
        manager.close();
    }

}
