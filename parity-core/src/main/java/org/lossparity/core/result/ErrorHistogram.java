package org.lossparity.core.result;

import java.util.List;

/**
 * Element-wise error distribution of one comparison, in ULPs of the compared dtype, over fixed bins so that
 * histograms of different runs line up: {@code 0}, {@code 1}, {@code 2-3}, {@code 4-15}, {@code 16-255},
 * {@code 256-65535}, {@code >=65536}, and {@code non-finite} (NaN/infinity mismatches, where ULPs are infinite).
 *
 * @param counts one count per label of {@link #LABELS}, same order
 */
public record ErrorHistogram(List<Long> counts) {
    public static final List<String> LABELS = List.of("0", "1", "2-3", "4-15", "16-255", "256-65535", ">=65536",
            "non-finite");

    public ErrorHistogram {
        counts = List.copyOf(counts);
        if (counts.size() != LABELS.size()) {
            throw new IllegalArgumentException("a histogram has " + LABELS.size() + " bins, got " + counts.size());
        }
    }

    /** The bin index of an element with this many ULPs of error. */
    public static int binOf(double ulps) {
        if (Double.isNaN(ulps) || Double.isInfinite(ulps)) {
            return 7;
        }
        if (ulps < 1) {
            return 0;
        }
        if (ulps < 2) {
            return 1;
        }
        if (ulps < 4) {
            return 2;
        }
        if (ulps < 16) {
            return 3;
        }
        if (ulps < 256) {
            return 4;
        }
        return ulps < 65536 ? 5 : 6;
    }

    public static ErrorHistogram of(long[] counts) {
        return new ErrorHistogram(java.util.Arrays.stream(counts).boxed().toList());
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
