package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.core.tensor.Tensor;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Triplet margin loss on rows of the last axis: d(u, v) = ‖u − v + eps‖_p (PyTorch's pairwise_distance),
 * l = max(margin + d(a, p) − d_neg, 0) with d_neg = d(a, n), or min(d(a, n), d(p, n)) with {@code swap}. margin
 * and eps are the dtype values of the parameters; p is used as given. One value per row ([] for 1-D inputs).
 *
 * <p>Subgradients:
 * <ul>
 *   <li>Hinge exactly at 0: the gradient passes (slope 1) in both conventions — PyTorch's clamp_min backward
 *       passes where x ≥ min, TensorFlow's Maximum gradient goes to x where x ≥ y (so a TensorFlow build must use
 *       maximum(h, 0), not relu, whose gradient at 0 is 0).</li>
 *   <li>Swap tie d(a, n) = d(p, n): PyTorch's minimum backward splits the gradient, half to each; TensorFlow's
 *       Minimum gradient gives it all to its first argument, d(a, n) (Keras convention).</li>
 *   <li>Zero distance (u − v + eps = 0): gradient 0 (PyTorch's norm backward masks norm = 0; a plain
 *       sqrt(Σx²) in TensorFlow would give NaN there). A zero component of u − v + eps gets 0 for every p.</li>
 * </ul>
 */
final class TripletMargin implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        long[] shape = c.shape(Inputs.ANCHOR);
        int width = (int) shape[shape.length - 1];
        long[] outShape = Arrays.copyOf(shape, shape.length - 1);
        int rows = (int) Tensor.elementCount(outShape);
        double p = c.param("p");
        T eps = a.of(c.inDtype(c.param("eps")));
        T margin = a.of(c.inDtype(c.param("margin")));
        boolean swap = c.flag("swap");
        List<T> values = new ArrayList<>(rows);
        List<Row<T>> detail = new ArrayList<>(rows);
        T half = a.of(0.5);
        for (int r = 0; r < rows; r++) {
            List<T> an = Rows.row(a, c, Inputs.ANCHOR, r, width);
            List<T> po = Rows.row(a, c, Inputs.POSITIVE, r, width);
            List<T> ne = Rows.row(a, c, Inputs.NEGATIVE, r, width);
            Distance<T> ap = distance(a, an, po, eps, p);
            Distance<T> anDist = distance(a, an, ne, eps, p);
            Distance<T> pn = swap ? distance(a, po, ne, eps, p) : null;
            T toAn = a.one();
            T toPn = a.zero();
            T negative = anDist.value();
            if (swap) {
                negative = a.min(anDist.value(), pn.value());
                if (a.lt(pn.value(), anDist.value())) {
                    toAn = a.zero();
                    toPn = a.one();
                } else if (!c.keras() && !a.lt(anDist.value(), pn.value())) {
                    toAn = half;
                    toPn = half;
                }
            }
            T h = a.sub(a.add(margin, ap.value()), negative);
            boolean active = a.le(a.zero(), h);
            values.add(active ? h : a.max(h, a.zero()));
            detail.add(new Row<>(active, ap, anDist, pn, toAn, toPn));
        }
        return new TripletPass<>(a, outShape, width, values, detail);
    }

    record Distance<T>(T value, List<T> slope) {}

    private record Row<T>(boolean active, Distance<T> ap, Distance<T> an, Distance<T> pn, T toAn, T toPn) {}

    /** ‖u − v + eps‖_p and its gradient with respect to u (the gradient for v is its negative). */
    static <T> Distance<T> distance(Arithmetic<T> a, List<T> u, List<T> v, T eps, double p) {
        List<T> diff = new ArrayList<>(u.size());
        List<T> terms = new ArrayList<>(u.size());
        for (int k = 0; k < u.size(); k++) {
            T d = a.add(a.sub(u.get(k), v.get(k)), eps);
            diff.add(d);
            terms.add(p == 1 ? a.abs(d) : p == 2 ? a.square(d) : a.pow(a.abs(d), p));
        }
        T total = a.sum(terms);
        T norm = p == 1 ? total : p == 2 ? a.sqrt(total) : a.pow(total, 1.0 / p);
        List<T> slope = new ArrayList<>(u.size());
        boolean zero = a.isZero(norm);
        T scale = zero || p == 1 ? null : p == 2 ? norm : a.pow(norm, p - 1);
        for (T d : diff) {
            if (zero || a.isZero(d)) {
                slope.add(a.zero());
            } else if (p == 1) {
                slope.add(a.sign(d));
            } else if (p == 2) {
                slope.add(a.div(d, scale));
            } else {
                slope.add(a.div(a.mul(a.sign(d), a.pow(a.abs(d), p - 1)), scale));
            }
        }
        return new Distance<>(norm, slope);
    }

    private static final class TripletPass<T> extends AbstractPass<T> {
        private final int width;
        private final List<Row<T>> rows;

        TripletPass(Arithmetic<T> a, long[] shape, int width, List<T> values, List<Row<T>> rows) {
            super(a, shape, values);
            this.width = width;
            this.rows = rows;
        }

        @Override
        public Map<String, List<T>> gradients(List<T> upstream) {
            List<T> ga = new ArrayList<>(rows.size() * width);
            List<T> gp = new ArrayList<>(rows.size() * width);
            List<T> gn = new ArrayList<>(rows.size() * width);
            for (int r = 0; r < rows.size(); r++) {
                Row<T> row = rows.get(r);
                T beta = row.active() ? upstream.get(r) : a.zero();
                T toAn = a.mul(beta, row.toAn());
                T toPn = a.mul(beta, row.toPn());
                for (int k = 0; k < width; k++) {
                    T sap = row.ap().slope().get(k);
                    T san = row.an().slope().get(k);
                    T spn = row.pn() == null ? a.zero() : row.pn().slope().get(k);
                    ga.add(a.sub(a.mul(beta, sap), a.mul(toAn, san)));
                    gp.add(a.sub(a.neg(a.mul(beta, sap)), a.mul(toPn, spn)));
                    gn.add(a.add(a.mul(toAn, san), a.mul(toPn, spn)));
                }
            }
            return Map.of(Inputs.ANCHOR, ga, Inputs.POSITIVE, gp, Inputs.NEGATIVE, gn);
        }
    }
}
