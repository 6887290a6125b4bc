package org.lossparity.core.spec;

import java.util.Set;

/**
 * One typed parameter a loss accepts, with its default and the conventions in which it means something.
 *
 * @param name        name in fixtures and reports, e.g. {@code delta}
 * @param type        value type
 * @param defaultValue value when the fixture omits it (Double, Boolean or Long)
 * @param conventions conventions in which a non-default value is meaningful
 * @param doc         one line for the catalogue table
 */
public record ParamDef(String name, Type type, Object defaultValue, Set<Convention> conventions, String doc) {

    public enum Type {
        DOUBLE, BOOLEAN, INTEGER
    }

    public static ParamDef real(String name, double def, Set<Convention> in, String doc) {
        return new ParamDef(name, Type.DOUBLE, def, in, doc);
    }

    public static ParamDef flag(String name, boolean def, Set<Convention> in, String doc) {
        return new ParamDef(name, Type.BOOLEAN, def, in, doc);
    }

    public static ParamDef integer(String name, long def, Set<Convention> in, String doc) {
        return new ParamDef(name, Type.INTEGER, def, in, doc);
    }

    /** Converts a raw value (from JSON or code) to this parameter's type, or explains why it cannot. */
    public Object coerce(Object raw) {
        switch (type) {
            case DOUBLE:
                if (raw instanceof Number n) {
                    double d = n.doubleValue();
                    if (Double.isNaN(d)) {
                        throw new IllegalArgumentException("parameter '" + name + "' must not be NaN");
                    }
                    return d;
                }
                break;
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                break;
            case INTEGER:
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.longValue();
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be " + type.name().toLowerCase()
                + ", got " + (raw == null ? "null" : raw + " (" + raw.getClass().getSimpleName() + ")"));
    }
}
