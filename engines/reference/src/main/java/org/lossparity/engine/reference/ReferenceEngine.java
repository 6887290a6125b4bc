package org.lossparity.engine.reference;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineException;
import org.lossparity.core.engine.EngineIdentity;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossResult;
import org.lossparity.core.engine.Support;
import org.lossparity.core.spec.Convention;
import org.lossparity.core.spec.LossKind;
import org.lossparity.core.spec.LossSpec;
import org.lossparity.core.tensor.DType;
import org.lossparity.core.tensor.Tensor;
import org.lossparity.engine.reference.math.Arithmetic;
import org.lossparity.engine.reference.math.DoubleArithmetic;
import org.lossparity.engine.reference.math.ExactArithmetic;
import org.lossparity.engine.reference.math.NonFiniteException;
import org.lossparity.engine.reference.math.Rounding;

/**
 * The truth: every loss of the catalogue in both conventions, value and analytic gradients, computed in
 * arbitrary precision and rounded once to the dtype, so that each reported number is the exact result for the
 * given inputs correctly rounded (within 0.5 ULP). If a number lies so close to a rounding boundary that the
 * working precision cannot decide it, the case is recomputed with twice the digits.
 *
 * <p>Two other paths, named in {@link LossResult#notes()} as {@code path}:
 * <ul>
 *   <li>{@code fast-double}: when the largest input has more elements than {@code lossparity.reference.exactLimit}
 *       (default 65,536), the same formulas run in IEEE double with compensated sums (a few ULPs of double, then rounded to
 *       the dtype).</li>
 *   <li>{@code fast-double} with {@code reason}: when an input or an intermediate is not finite (NaN, ±Infinity,
 *       log 0, 0/0), which BigDecimal cannot hold. The double path then gives the IEEE result: NaN in gives NaN out,
 *       an empty PyTorch mean gives NaN, overflow gives infinity.</li>
 * </ul>
 */
public final class ReferenceEngine implements LossEngine {
    public static final String NAME = "reference";
    /** Inputs larger than this (elements of the largest input) take the fast double path. */
    public static final String EXACT_LIMIT_KEY = "lossparity.reference.exactLimit";
    /** Significant decimal digits of the exact path's first attempt. */
    public static final String DIGITS_KEY = "lossparity.reference.digits";
    static final int DEFAULT_EXACT_LIMIT = 65_536;
    static final int DEFAULT_DIGITS = 50;
    private static final int MAX_DIGITS = 400;

    private final int exactLimit;
    private final int digits;
    private final EngineIdentity identity;

    public ReferenceEngine(EngineConfig config) {
        this.exactLimit = intSetting(config, EXACT_LIMIT_KEY, DEFAULT_EXACT_LIMIT, 0);
        this.digits = intSetting(config, DIGITS_KEY, DEFAULT_DIGITS, 20);
        this.identity = new EngineIdentity(NAME, Convention.PYTORCH, "lossparity reference (big-math 2.3.2)",
                "pure Java", EnumSet.of(DType.FLOAT32, DType.FLOAT64), 0,
                Map.of("exactLimit", Integer.toString(exactLimit),
                        "digits", Integer.toString(digits)),
                EnumSet.of(Convention.PYTORCH, Convention.KERAS));
    }

    private static int intSetting(EngineConfig config, String key, int fallback, int minimum) {
        String raw = config.get(key).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < minimum) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer >= " + minimum + ", got '" + raw + "'");
        }
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public Support supports(LossSpec spec) {
        if (spec.loss() == LossKind.TRIPLET_MARGIN && Double.isInfinite(spec.params().getDouble("p"))) {
            return Support.no("the reference implements triplet_margin for finite p only");
        }
        return Support.yes("exact (BigDecimal, " + digits + "+ digits) up to " + exactLimit
                + " elements, IEEE double beyond or for non-finite values; " + spec.convention() + " convention");
    }

    /** Evaluates on the path the size of the case calls for. */
    @Override
    public LossResult evaluate(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        Support support = supports(spec);
        if (!support.supported()) {
            throw new EngineException(spec.displayName() + ": " + support.reason());
        }
        LossCase c = LossCase.of(spec, inputs);
        if (c.largestInput() > exactLimit) {
            return fast(c, "size " + c.largestInput() + " > " + exactLimit);
        }
        return exactOrFallback(c);
    }

    /** Forces the exact path regardless of size (tests, and callers that want exactness at any cost). */
    public LossResult evaluateExact(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        return exactOrFallback(LossCase.of(spec, inputs));
    }

    /** Forces the fast double path. */
    public LossResult evaluateFast(LossSpec spec, Map<String, Tensor> inputs) throws EngineException {
        return fast(LossCase.of(spec, inputs), "requested");
    }

    private LossResult exactOrFallback(LossCase c) throws EngineException {
        int d = digits;
        Reducer.Reduced<BigDecimal> previous = null;
        while (true) {
            ExactArithmetic a = new ExactArithmetic(d);
            Reducer.Reduced<BigDecimal> r;
            try {
                r = run(a, c);
            } catch (NonFiniteException e) {
                return fast(c, "non-finite value (" + e.getMessage() + ")");
            }
            // Numbers that did not move at all when the digits doubled were computed exactly (a value that is
            // itself a midpoint, say): more digits cannot change their rounding.
            if (d >= MAX_DIGITS || !nearBoundary(c.dtype(), r, d) || sameNumbers(previous, r)) {
                Map<String, String> notes = new LinkedHashMap<>();
                notes.put("path", "arbitrary-precision");
                notes.put("digits", Integer.toString(d));
                return result(a, c, r, notes);
            }
            previous = r;
            d *= 2;
        }
    }

    private static boolean sameNumbers(Reducer.Reduced<BigDecimal> x, Reducer.Reduced<BigDecimal> y) {
        if (x == null) {
            return false;
        }
        if (!equalNumbers(x.value(), y.value())) {
            return false;
        }
        for (Map.Entry<String, List<BigDecimal>> e : x.gradients().entrySet()) {
            if (!equalNumbers(e.getValue(), y.gradients().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalNumbers(List<BigDecimal> x, List<BigDecimal> y) {
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).compareTo(y.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private LossResult fast(LossCase c, String why) throws EngineException {
        Reducer.Reduced<Double> r = run(DoubleArithmetic.INSTANCE, c);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("path", "fast-double");
        notes.put("reason", why);
        return result(DoubleArithmetic.INSTANCE, c, r, notes);
    }

    private static <T> Reducer.Reduced<T> run(Arithmetic<T> a, LossCase c) throws EngineException {
        try {
            return Reducer.reduce(a, c, LossFamily.of(c.loss()).forward(a, c));
        } catch (NonFiniteException | EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException(c.spec().displayName() + ": reference evaluation failed: " + e, e);
        }
    }

    private static boolean nearBoundary(DType dtype, Reducer.Reduced<BigDecimal> r, int digits) {
        for (BigDecimal v : r.value()) {
            if (Rounding.nearBoundary(dtype, v, digits)) {
                return true;
            }
        }
        for (List<BigDecimal> g : r.gradients().values()) {
            for (BigDecimal v : g) {
                if (Rounding.nearBoundary(dtype, v, digits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T> LossResult result(Arithmetic<T> a, LossCase c, Reducer.Reduced<T> r, Map<String, String> notes) {
        Tensor value = Tensor.ofFloats(c.dtype(), r.shape(), rounded(a, c.dtype(), r.value()));
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        for (String input : c.loss().differentiableInputs()) {
            List<T> g = r.gradients().get(input);
            gradients.put(input, Tensor.ofFloats(c.dtype(), c.shape(input), rounded(a, c.dtype(), g)));
        }
        return new LossResult(value, gradients, notes);
    }

    private static <T> double[] rounded(Arithmetic<T> a, DType dtype, List<T> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype == DType.FLOAT32 ? a.toFloat(values.get(i)) : a.toDouble(values.get(i));
        }
        return out;
    }

    @Override
    public void close() {
        // Nothing native to release.
    }
}
