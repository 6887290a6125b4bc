package org.lossparity.core.tensor;

import java.util.Locale;

/** Element types a fixture tensor can have. */
public enum DType {
    FLOAT32("float32", 9, 24),
    FLOAT64("float64", 17, 53),
    /** Class labels only. */
    INT64("int64", 19, 0);

    private final String jsonName;
    private final int roundTripDigits;
    private final int significandBits;

    DType(String jsonName, int roundTripDigits, int significandBits) {
        this.jsonName = jsonName;
        this.roundTripDigits = roundTripDigits;
        this.significandBits = significandBits;
    }

    /** The name used in fixture files and reports ("float32", "float64", "int64"). */
    public String jsonName() {
        return jsonName;
    }

    /** Significant decimal digits that make a value of this type survive text and back. */
    public int roundTripDigits() {
        return roundTripDigits;
    }

    /** Bits of precision in the significand (including the implicit bit); 0 for integers. */
    public int significandBits() {
        return significandBits;
    }

    public boolean isFloating() {
        return this != INT64;
    }

    /** Rounds a double to the nearest value this type can hold (identity for float64). */
    public double round(double value) {
        return switch (this) {
            case FLOAT32 -> (double) (float) value;
            case FLOAT64 -> value;
            case INT64 -> (double) (long) value;
        };
    }

    public static DType fromJsonName(String name) {
        for (DType d : values()) {
            if (d.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "' (expected float32, float64 or int64)");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
