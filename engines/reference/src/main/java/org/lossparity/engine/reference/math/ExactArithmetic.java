package org.lossparity.engine.reference.math;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * BigDecimal arithmetic at a fixed number of significant decimal digits (exp, log, sqrt and pow from big-math).
 * Each operation is rounded to {@code digits} digits, so with 50 or more digits the result of a loss carries
 * errors some 30 orders of magnitude below one ULP of a double; the engine rounds it once to the dtype.
 */
public final class ExactArithmetic implements Arithmetic<BigDecimal> {
    private static final BigDecimal LOG1P_DIRECT = new BigDecimal("0.002");
    private final MathContext mc;
    private final BigDecimal tinyForLog1p;

    public ExactArithmetic(int digits) {
        if (digits < 20) {
            throw new IllegalArgumentException("the exact path needs at least 20 digits, got " + digits);
        }
        this.mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        this.tinyForLog1p = BigDecimal.ONE.movePointLeft(digits + 2);
    }

    public int digits() {
        return mc.getPrecision();
    }

    @Override
    public BigDecimal of(double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteException("input value " + value);
        }
        return new BigDecimal(value);
    }

    @Override
    public BigDecimal zero() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal one() {
        return BigDecimal.ONE;
    }

    @Override
    public BigDecimal add(BigDecimal a, BigDecimal b) {
        return a.add(b, mc);
    }

    @Override
    public BigDecimal sub(BigDecimal a, BigDecimal b) {
        return a.subtract(b, mc);
    }

    @Override
    public BigDecimal mul(BigDecimal a, BigDecimal b) {
        return a.multiply(b, mc);
    }

    @Override
    public BigDecimal div(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new NonFiniteException("division by zero");
        }
        return a.divide(b, mc);
    }

    @Override
    public BigDecimal neg(BigDecimal a) {
        return a.negate();
    }

    @Override
    public BigDecimal abs(BigDecimal a) {
        return a.abs();
    }

    @Override
    public BigDecimal exp(BigDecimal a) {
        return BigDecimalMath.exp(a, mc);
    }

    @Override
    public BigDecimal log(BigDecimal a) {
        if (a.signum() <= 0) {
            throw new NonFiniteException("log of " + a.round(new MathContext(6)));
        }
        BigDecimal refined = logByHalley(a);
        return refined != null ? refined : BigDecimalMath.log(a, mc);
    }

    /**
     * log x refined from the double seed Math.log(x) by Halley's iteration y += 2(x − e^y)/(x + e^y) on big-math's
     * exp, which costs a fraction of big-math's log at these precisions. Each step triples the correct digits; the
     * loop stops once the cube of a correction (about the error left) is below the working precision. Null when
     * the seed cannot help (x outside the double range, or so close to 1 that only relative accuracy near 0
     * matters): the caller then uses big-math's log directly.
     */
    private BigDecimal logByHalley(BigDecimal x) {
        double seed = Math.log(x.doubleValue());
        if (!Double.isFinite(seed) || Math.abs(seed) < 1e-3 || Math.abs(seed) > 700) {
            return null;
        }
        MathContext work = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
        BigDecimal y = new BigDecimal(seed);
        BigDecimal tolerance = y.abs().multiply(BigDecimal.ONE.movePointLeft(mc.getPrecision() + 3), work);
        for (int step = 0; step < 12; step++) {
            BigDecimal ey = BigDecimalMath.exp(y, work);
            BigDecimal correction = x.subtract(ey, work).multiply(BigDecimal.valueOf(2), work).divide(x.add(ey, work), work);
            y = y.add(correction, work);
            // Halley converges cubically: after a correction c the error left is about c³/12.
            if (correction.abs().pow(3, work).compareTo(tolerance) <= 0) {
                return y.round(mc);
            }
        }
        return null;
    }

    @Override
    public BigDecimal log1p(BigDecimal a) {
        if (a.compareTo(BigDecimal.ONE.negate()) <= 0) {
            throw new NonFiniteException("log1p of " + a.round(new MathContext(6)));
        }
        if (a.abs().compareTo(tinyForLog1p) < 0) {
            // log(1+a) = a(1 - a/2 + ...): a itself is within a relative 10^-(digits+2).
            return a.round(mc);
        }
        BigDecimal onePlus = BigDecimal.ONE.add(a);
        if (a.abs().compareTo(LOG1P_DIRECT) >= 0) {
            // 1 + a is formed exactly and its log is at least 1e-3 in size: no digits are lost.
            return log(onePlus);
        }
        // Near 1 the log is tiny; it needs as many extra digits as a has leading zeros.
        int leadingZeros = Math.max(0, -(a.precision() - a.scale()));
        MathContext wider = new MathContext(mc.getPrecision() + leadingZeros + 2, RoundingMode.HALF_EVEN);
        return BigDecimalMath.log(onePlus, wider).round(mc);
    }

    @Override
    public BigDecimal sqrt(BigDecimal a) {
        if (a.signum() < 0) {
            throw new NonFiniteException("sqrt of " + a.round(new MathContext(6)));
        }
        return a.signum() == 0 ? BigDecimal.ZERO : BigDecimalMath.sqrt(a, mc);
    }

    @Override
    public BigDecimal pow(BigDecimal a, double p) {
        if (a.signum() < 0) {
            throw new NonFiniteException("pow of negative base " + a.round(new MathContext(6)));
        }
        if (a.signum() == 0) {
            if (p > 0) {
                return BigDecimal.ZERO;
            }
            if (p == 0) {
                return BigDecimal.ONE;
            }
            throw new NonFiniteException("0 to the power " + p);
        }
        if (p == Math.rint(p) && Math.abs(p) <= 64) {
            return BigDecimalMath.pow(a, (long) p, mc);
        }
        return BigDecimalMath.pow(a, new BigDecimal(p), mc);
    }

    @Override
    public int signum(BigDecimal a) {
        return a.signum();
    }

    @Override
    public boolean lt(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) < 0;
    }

    @Override
    public boolean le(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0;
    }

    @Override
    public BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public BigDecimal sum(List<BigDecimal> terms) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal t : terms) {
            s = s.add(t, mc);
        }
        return s;
    }

    @Override
    public double toDouble(BigDecimal value) {
        return Rounding.toDouble(value);
    }

    @Override
    public float toFloat(BigDecimal value) {
        return Rounding.toFloat(value);
    }

    @Override
    public boolean exact() {
        return true;
    }
}
