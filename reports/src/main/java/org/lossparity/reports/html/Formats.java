package org.lossparity.reports.html;

import java.util.Locale;

/** Text for the report's own statistics (ULP distances, tolerance fractions); tensor values use Numbers.format. */
final class Formats {
    private Formats() {}

    /** Whole ULPs up to a million, three significant digits beyond; "∞" for NaN/infinity mismatches. */
    static String ulps(double ulps) {
        if (Double.isNaN(ulps)) {
            return "–";
        }
        if (Double.isInfinite(ulps)) {
            return "∞";
        }
        return ulps < 1e6 ? String.format(Locale.ROOT, "%.0f", ulps) : String.format(Locale.ROOT, "%.3g", ulps);
    }

    /** |difference| / allowed with three significant digits; ≤ 1 passes. */
    static String fraction(double f) {
        if (Double.isNaN(f)) {
            return "–";
        }
        if (Double.isInfinite(f)) {
            return "∞";
        }
        return f == 0 ? "0" : String.format(Locale.ROOT, "%.3g", f);
    }

    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
