package org.lossparity.core.result;

import java.util.Optional;

/**
 * What number is compared: the loss value, or the gradient with respect to one input. Text form {@code value} or
 * {@code gradient:<input>} (e.g. {@code gradient:prediction}), used in JSON and in display names.
 */
public record Quantity(String name) implements Comparable<Quantity> {
    public static final Quantity VALUE = new Quantity("value");
    private static final String GRADIENT_PREFIX = "gradient:";

    public Quantity {
        if (!name.equals("value") && !(name.startsWith(GRADIENT_PREFIX) && name.length() > GRADIENT_PREFIX.length())) {
            throw new IllegalArgumentException("a quantity is 'value' or 'gradient:<input>', got '" + name + "'");
        }
    }

    public static Quantity gradient(String input) {
        return new Quantity(GRADIENT_PREFIX + input);
    }

    public boolean isGradient() {
        return name.startsWith(GRADIENT_PREFIX);
    }

    /** The input a gradient is taken with respect to; empty for the value. */
    public Optional<String> input() {
        return isGradient() ? Optional.of(name.substring(GRADIENT_PREFIX.length())) : Optional.empty();
    }

    /** Value first, then gradients by input name. */
    @Override
    public int compareTo(Quantity o) {
        if (isGradient() != o.isGradient()) {
            return isGradient() ? 1 : -1;
        }
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
