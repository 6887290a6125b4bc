package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.lossparity.engine.reference.math.Arithmetic;

/** Row-wise helpers over the last axis: log-softmax and softmax computed without overflow or cancellation. */
final class Rows {
    private Rows() {}

    /** One row's log-softmax and softmax. */
    record Softmax<T>(List<T> logProbabilities, List<T> probabilities) {}

    /**
     * log softmax(z)_c = z_c − m − log1p(Σ_{c≠k} e^{z_c−m}) with m = z_k the (first) maximum: the log1p keeps full
     * relative precision when one logit dominates.
     */
    static <T> Softmax<T> softmax(Arithmetic<T> a, List<T> z) {
        int k = 0;
        for (int c = 1; c < z.size(); c++) {
            if (a.lt(z.get(k), z.get(c))) {
                k = c;
            }
        }
        T m = z.get(k);
        List<T> shifted = new ArrayList<>(z.size());
        List<T> rest = new ArrayList<>(z.size());
        for (int c = 0; c < z.size(); c++) {
            T e = a.exp(a.sub(z.get(c), m));
            shifted.add(e);
            if (c != k) {
                rest.add(e);
            }
        }
        T restSum = a.sum(rest);
        T logNorm = a.log1p(restSum);
        T norm = a.add(a.one(), restSum);
        List<T> logp = new ArrayList<>(z.size());
        List<T> p = new ArrayList<>(z.size());
        for (int c = 0; c < z.size(); c++) {
            logp.add(a.sub(a.sub(z.get(c), m), logNorm));
            p.add(a.div(shifted.get(c), norm));
        }
        return new Softmax<>(logp, p);
    }

    /** Elements [r·width, (r+1)·width) of a flat input as numbers. */
    static <T> List<T> row(Arithmetic<T> a, LossCase c, String input, int r, int width) {
        List<T> out = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            out.add(a.of(c.value(input, r * width + j)));
        }
        return out;
    }
}
