package org.lossparity.core.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.engine.UnsupportedCaseException;
import org.lossparity.core.fixture.FixtureCase;
import org.lossparity.core.result.Evaluation;
import org.lossparity.core.result.TensorData;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.Counterpart;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.Tensor;

/**
 * Runs one engine on one case in one convention: translates the spec and inputs (Counterpart), asks the engine,
 * translates gradients back to the case's inputs, and turns every way of not producing numbers (no counterpart,
 * unsupported spec, engine exception, native crash surfaced as an Error) into a recorded {@link Evaluation}.
 */
final class CaseEvaluator {

    private CaseEvaluator() {}

    static EngineOutcome evaluate(String engineName, LossEngine engine, FixtureCase c, Convention convention) {
        LossSpec source = c.spec();
        Optional<Counterpart> maybe;
        try {
            maybe = source.counterpartIn(convention);
        } catch (RuntimeException e) {
            return unsupported(engineName, convention, Optional.empty(), "",
                    "the " + convention + " convention cannot express " + source.displayName() + ": " + e.getMessage());
        }
        if (maybe.isEmpty()) {
            return unsupported(engineName, convention, Optional.empty(), "",
                    "the " + convention + " convention has no counterpart of " + source.displayName()
                            + " (a parameter or reduction it cannot express)");
        }
        Counterpart cp = maybe.get();
        String inputNote = inputNote(cp);
        if (convention == Convention.KERAS && source.convention() != Convention.KERAS) {
            for (String pytorchOnly : new String[] {Inputs.POS_WEIGHT, Inputs.CLASS_WEIGHT}) {
                if (c.inputs().containsKey(pytorchOnly)) {
                    return unsupported(engineName, convention, Optional.of(cp), inputNote,
                            "the keras convention has no '" + pytorchOnly + "' input; the case uses one");
                }
            }
        }
        if (convention == Convention.KERAS && source.convention() != Convention.KERAS
                && source.loss() == LossKind.SPARSE_CATEGORICAL_CE && c.inputs().containsKey(Inputs.TARGET)) {
            long ignore = source.params().getLong("ignore_index");
            Tensor labels = c.inputs().get(Inputs.TARGET);
            for (int i = 0; i < labels.size(); i++) {
                if (labels.getLong(i) == ignore) {
                    return unsupported(engineName, convention, Optional.of(cp), inputNote,
                            "the keras convention has no ignore_index; the case's label at " + labels.indexOf(i)
                                    + " is PyTorch's ignore_index " + ignore);
                }
            }
        }
        Support support;
        try {
            support = engine.supports(cp.spec());
        } catch (RuntimeException | LinkageError e) {
            return error(engineName, convention, cp, inputNote, "supports() threw " + describe(e));
        }
        if (!support.supported()) {
            return unsupported(engineName, convention, Optional.of(cp), inputNote, support.reason());
        }
        LossResult result;
        Map<String, Tensor> adapted;
        try {
            adapted = cp.adaptInputs(c.inputs());
            result = engine.evaluate(cp.spec(), adapted);
        } catch (UnsupportedCaseException e) {
            // The engine handles the spec but not this case (an input or label value its API cannot take).
            return unsupported(engineName, convention, Optional.of(cp), inputNote, e.getMessage());
        } catch (EngineException | RuntimeException | LinkageError e) {
            return error(engineName, convention, cp, inputNote, describe(e));
        } catch (StackOverflowError | OutOfMemoryError e) {
            return error(engineName, convention, cp, inputNote, describe(e));
        }
        if (result == null || result.value() == null) {
            return error(engineName, convention, cp, inputNote, "the engine returned no value");
        }
        Map<String, Tensor> gradients = new TreeMap<>();
        for (Map.Entry<String, Tensor> g : result.gradients().entrySet()) {
            gradients.put(g.getKey(), cp.gradientForSource(g.getKey(), g.getValue(), c.inputs()));
        }
        Map<String, TensorData> gradientData = new LinkedHashMap<>();
        gradients.forEach((k, v) -> gradientData.put(k, TensorData.of(v)));
        Evaluation ev = new Evaluation(engineName, convention, Optional.of(cp.spec()), inputNote, Evaluation.Status.OK,
                Optional.of(TensorData.of(result.value())), gradientData, result.notes(), support.reason());
        return new EngineOutcome(ev, Optional.of(cp), result.value(), gradients);
    }

    private static String inputNote(Counterpart cp) {
        StringBuilder sb = new StringBuilder();
        if (cp.prediction() != Counterpart.Transform.IDENTITY) {
            sb.append("prediction: ").append(cp.prediction().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (cp.target() != Counterpart.Transform.IDENTITY) {
            sb.append(sb.length() == 0 ? "" : "; ").append("target: ")
                    .append(cp.target().name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    static EngineOutcome unsupported(String engine, Convention convention, Optional<Counterpart> cp, String inputNote,
                                     String reason) {
        Evaluation ev = new Evaluation(engine, convention, cp.map(Counterpart::spec), inputNote,
                Evaluation.Status.UNSUPPORTED, Optional.empty(), Map.of(), Map.of(), reason);
        return new EngineOutcome(ev, cp, null, Map.of());
    }

    static EngineOutcome error(String engine, Convention convention, Counterpart cp, String inputNote, String message) {
        Evaluation ev = new Evaluation(engine, convention, Optional.ofNullable(cp).map(Counterpart::spec), inputNote,
                Evaluation.Status.ERROR, Optional.empty(), Map.of(), Map.of(), message);
        return new EngineOutcome(ev, Optional.ofNullable(cp), null, Map.of());
    }

    /** The exception and its causes, one after another, so the report shows the root. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 6) {
            sb.append(sb.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString();
    }
}
