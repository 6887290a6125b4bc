package org.lossparity.core.spec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Immutable, typed, complete parameter values of one spec: every declared parameter has a value. */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Fills defaults and checks names and types against the loss's declarations.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    public static Params of(LossKind loss, Map<String, ?> given) {
        Map<String, Object> out = new TreeMap<>();
        for (String key : given.keySet()) {
            if (loss.param(key) == null) {
                throw new IllegalArgumentException("loss '" + loss.id() + "' has no parameter '" + key
                        + "' (it accepts " + loss.paramNames() + ")");
            }
        }
        for (ParamDef def : loss.params()) {
            Object raw = given.containsKey(def.name()) ? given.get(def.name()) : def.defaultValue();
            out.put(def.name(), def.coerce(raw));
        }
        return new Params(out);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public long getLong(String name) {
        return (Long) require(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; present: " + values.keySet());
        }
        return v;
    }

    /** All values, sorted by name. */
    public Map<String, Object> asMap() {
        return values;
    }

    public Params with(LossKind loss, String name, Object value) {
        Map<String, Object> copy = new TreeMap<>(values);
        copy.put(name, value);
        return of(loss, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
