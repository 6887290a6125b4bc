package org.lossparity.engine.reference.math;

import java.util.List;

/**
 * The operations a loss formula needs, over one number representation. Every loss is written once against this
 * interface and evaluated either exactly ({@link ExactArithmetic}, BigDecimal) or fast ({@link DoubleArithmetic},
 * IEEE double), so both paths follow the very same formula.
 *
 * <p>The exact implementation cannot represent NaN or infinities: where the result would be one (log of zero,
 * division by zero, a non-finite input) it throws {@link NonFiniteException}, and the engine re-evaluates the case
 * on the double path, which produces the IEEE result the frameworks produce.
 *
 * @param <T> the number representation
 */
public interface Arithmetic<T> {

    /** The exact value of a double. */
    T of(double value);

    T zero();

    T one();

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T div(T a, T b);

    T neg(T a);

    T abs(T a);

    T exp(T a);

    /** Natural log; the exact path throws for arguments ≤ 0. */
    T log(T a);

    /** log(1 + a), accurate for tiny a. */
    T log1p(T a);

    T sqrt(T a);

    /** a^p for a ≥ 0 and a real exponent p (0^p = 0 for p > 0). */
    T pow(T a, double p);

    /** -1, 0 or 1. */
    int signum(T a);

    /** a < b (false when either is NaN). */
    boolean lt(T a, T b);

    /** a ≤ b (false when either is NaN). */
    boolean le(T a, T b);

    /** Larger of the two; NaN if either is NaN. */
    T max(T a, T b);

    /** Smaller of the two; NaN if either is NaN. */
    T min(T a, T b);

    /** Sum of all terms (exactly rounded once per step on the exact path, compensated on the double path). */
    T sum(List<T> terms);

    /** The value correctly rounded to the nearest double. */
    double toDouble(T value);

    /** The value correctly rounded to the nearest float. */
    float toFloat(T value);

    /** True for the arbitrary-precision implementation. */
    boolean exact();

    default boolean isZero(T a) {
        return signum(a) == 0;
    }

    default T of(long value) {
        return of((double) value);
    }

    default T square(T a) {
        return mul(a, a);
    }

    /** The sign as a number: -1, 0 or 1 (the subgradient of |x| used by both frameworks). */
    default T sign(T a) {
        int s = signum(a);
        return s == 0 ? zero() : s > 0 ? one() : neg(one());
    }

    /** clip(a, lo, hi) = min(max(a, lo), hi). */
    default T clip(T a, T lo, T hi) {
        return min(max(a, lo), hi);
    }

    /** 1 / (1 + e^{-z}), computed without overflow. */
    default T sigmoid(T z) {
        if (signum(z) >= 0) {
            return div(one(), add(one(), exp(neg(z))));
        }
        T e = exp(z);
        return div(e, add(one(), e));
    }

    /** log(1 + e^{-|z|}) + max(-z, 0) = log(1 + e^{-z}) = -log σ(z), computed without overflow. */
    default T softplusOfNegative(T z) {
        return add(log1p(exp(neg(abs(z)))), max(neg(z), zero()));
    }
}
