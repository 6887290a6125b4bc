package org.lossparity.engine.reference.math;

/**
 * The exact path met a value BigDecimal cannot hold (NaN, ±Infinity): a non-finite input, log of a non-positive
 * number, a division by zero. The engine answers by evaluating the case in IEEE double arithmetic instead.
 */
public final class NonFiniteException extends ArithmeticException {
    public NonFiniteException(String message) {
        super(message);
    }
}
